package com.ledgerexplode.explode;

import java.util.Locale;
import java.util.Optional;

/**
 * How a request names its customer. {@code cuid} and {@code CustomerID} are other names of {@link
 * #ID}; {@link #PRIMARY_USER_ID} is a customerId too, of the primary member of a group.
 */
public enum IdentifierName {
  MOBILE,
  ID,
  EMAIL,
  EXTERNALID,
  PRIMARY_USER_ID;

  /** The name identifiers carry in the ledger (lower case). */
  public String ledgerName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the value is a customerId (digits), matched whatever the source. */
  public boolean isCustomerId() {
    return this == ID || this == PRIMARY_USER_ID;
  }

  /** The name as the API takes it, case-insensitively. */
  public static Optional<IdentifierName> parse(String given) {
    return Optional.ofNullable(
        switch (given.toLowerCase(Locale.ROOT)) {
          case "mobile" -> MOBILE;
          case "id", "cuid", "customerid" -> ID;
          case "email" -> EMAIL;
          case "externalid" -> EXTERNALID;
          case "primaryuserid" -> PRIMARY_USER_ID;
          default -> null;
        });
  }
}

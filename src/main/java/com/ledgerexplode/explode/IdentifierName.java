package com.ledgerexplode.explode;

import java.util.Locale;
import java.util.Optional;

/** How a request names its customer. */
public enum IdentifierName {
  MOBILE,
  ID,
  EMAIL,
  EXTERNALID;

  /** The name identifiers carry in the ledger (lower case). */
  public String ledgerName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<IdentifierName> parse(String given) {
    for (IdentifierName name : values()) {
      if (name.name().equalsIgnoreCase(given)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}

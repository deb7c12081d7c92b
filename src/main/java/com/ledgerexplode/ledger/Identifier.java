package com.ledgerexplode.ledger;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One identifier of a customer: {@code name} is lower case (mobile, email, externalid), {@code
 * source} upper case; {@code accountId} is null outside multi-account sources.
 */
public record Identifier(String name, String value, String source, @Nullable String accountId) {
  public Identifier {
    name = name.toLowerCase(Locale.ROOT);
    source = source.toUpperCase(Locale.ROOT);
  }

  /**
   * The key the store indexes values by: lower case, so that one lookup serves the case-insensitive
   * email match and the exact match of the others (checked after the lookup).
   */
  public static String valueKey(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}

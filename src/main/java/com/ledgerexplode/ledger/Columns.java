package com.ledgerexplode.ledger;

import java.util.Locale;

final class Columns {
  private Columns() {}

  /** {@code pointsCategoryId} becomes {@code points_category_id}. */
  static String snakeCase(String camelCase) {
    return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}

package com.ledgerexplode.ledger;

import java.util.Locale;

/** The three kinds of points an event can earn, in the API's order. */
public enum Bucket {
  REGULAR,
  PROMO,
  PROMISED;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

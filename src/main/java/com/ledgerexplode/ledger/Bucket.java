package com.ledgerexplode.ledger;

import java.util.Locale;

/** The three kinds of points an event can earn, in the API's order. */
public enum Bucket {
  REGULAR,
  PROMO,
  PROMISED;

  /** The name in lower case, made once: it is asked for every points entry read or written. */
  private final String jsonName = name().toLowerCase(Locale.ROOT);

  public String jsonName() {
    return jsonName;
  }
}

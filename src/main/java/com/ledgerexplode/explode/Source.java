package com.ledgerexplode.explode;

import java.util.Optional;

/** The sources an identifier lives in; {@link #ALL} matches every source. */
public enum Source {
  INSTORE,
  MARTJACK,
  WECHAT,
  FACEBOOK,
  WEB_ENGAGE,
  TMALL,
  TAOBAO,
  JD,
  ECOMMERCE,
  WEBSITE,
  LINE,
  ALL;

  public static Optional<Source> parse(String given) {
    for (Source source : values()) {
      if (source.name().equalsIgnoreCase(given)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }

  boolean matches(String ledgerSource) {
    return this == ALL || name().equals(ledgerSource);
  }
}

package com.ledgerexplode.explode;

import java.util.List;

/**
 * The optional sections a request asks for. {@code alternateCurrencyNames} filters currencies when
 * {@code includeAlternateCurrencies} is false; empty means no filter asked.
 */
public record Sections(
    boolean billDetails,
    boolean pointsEarnedBreakup,
    boolean customFields,
    boolean extendedFields,
    boolean maxConversionDetails,
    boolean paymentModes,
    boolean includeAlternateCurrencies,
    List<String> alternateCurrencyNames) {

  public Sections {
    alternateCurrencyNames = List.copyOf(alternateCurrencyNames);
  }

  public boolean alternateCurrencies() {
    return includeAlternateCurrencies || !alternateCurrencyNames.isEmpty();
  }
}

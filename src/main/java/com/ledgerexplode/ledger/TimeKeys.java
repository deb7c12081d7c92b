package com.ledgerexplode.ledger;

import java.util.Set;

/**
 * The keys that hold times wherever they occur in an event: the ledger holds them as {@link
 * LedgerTime}s, the output in the vendor's legacy form, followed for {@link #TWINNED} by their
 * ISO-8601 twin ({@code eventTimeISO}).
 */
public final class TimeKeys {
  private TimeKeys() {}

  public static final Set<String> TWINNED =
      Set.of(
          "eventTime",
          "expiresOn",
          "billDate",
          "returnDate",
          "awardedOn",
          "awardedTillDate",
          "billingTime",
          "createdOn",
          "pointsDeductedOn");

  public static final Set<String> LEGACY_ONLY =
      Set.of(
          "conversionDate",
          "promotionStartDate",
          "promotionEndDate",
          "redeemDate",
          "importStartTime",
          "importEndTime",
          "maxConversionDate");

  public static boolean isTime(String key) {
    return TWINNED.contains(key) || LEGACY_ONLY.contains(key);
  }

  private static final String TWIN_SUFFIX = "ISO";

  /** Whether the key is the ISO-8601 twin of a time ({@code billingTimeISO}). */
  public static boolean isTwin(String key) {
    return key.endsWith(TWIN_SUFFIX)
        && TWINNED.contains(key.substring(0, key.length() - TWIN_SUFFIX.length()));
  }

  /** The key of a time's ISO-8601 twin ({@code billingTime}: {@code billingTimeISO}). */
  public static String twin(String key) {
    return key + TWIN_SUFFIX;
  }
}

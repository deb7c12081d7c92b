package com.ledgerexplode.explode;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The query parameters of getLedgerExplodeInfo, by their exact names. */
public enum ApiParameter {
  IDENTIFIER_NAME("identifierName"),
  IDENTIFIER_VALUE("identifierValue"),
  SOURCE("source"),
  ACCOUNT_ID("accountId"),
  EVENT_IDS("eventIds"),
  EVENT_NAME("eventName"),
  EVENT_REFERENCE_IDS("eventReferenceIds"),
  TYPE("type"),
  IS_PRIMARY_USER("isPrimaryUser", true),
  GET_BILL_DETAILS("getBillDetails", true),
  GET_POINTS_EARNED_BREAKUP("getPointsEarnedBreakup", true),
  GET_CUSTOM_FIELDS("getCustomFields", true),
  GET_EXTENDED_FIELDS("getExtendedFields", true),
  GET_MAX_CONVERSION_DETAILS("getMaxConversionDetails", true),
  GET_PAYMENT_MODE("getPaymentMode", true),
  /** The v2 page's spelling of {@link #GET_PAYMENT_MODE}; both are accepted. */
  GET_PAYMENT_MODES("getPaymentModes", true),
  INCLUDE_ALTERNATE_CURRENCIES("includeAlternateCurrencies", true),
  ALTERNATE_CURRENCY_NAMES("alternateCurrencyNames"),
  OFFSET("offset"),
  LIMIT("limit");

  private static final Map<String, ApiParameter> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(p -> p.apiName, Function.identity()));

  private final String apiName;
  private final boolean flag;

  ApiParameter(String apiName) {
    this(apiName, false);
  }

  ApiParameter(String apiName, boolean flag) {
    this.apiName = apiName;
    this.flag = flag;
  }

  /** The name as the API spells it (and as a CSV column or a job default names it). */
  public String apiName() {
    return apiName;
  }

  /** Whether the parameter takes {@code true} or {@code false}. */
  public boolean isFlag() {
    return flag;
  }

  /** Every parameter's name, comma-separated: what a message naming an unknown one lists. */
  public static String knownNames() {
    return Arrays.stream(values()).map(ApiParameter::apiName).collect(Collectors.joining(", "));
  }

  public static Optional<ApiParameter> byName(String apiName) {
    return Optional.ofNullable(BY_NAME.get(apiName));
  }
}

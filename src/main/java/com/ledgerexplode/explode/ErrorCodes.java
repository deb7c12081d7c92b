package com.ledgerexplode.explode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The API's error and warning codes this engine gives, with their exact messages. */
public final class ErrorCodes {
  private ErrorCodes() {}

  public static final int IDENTIFIER_MISSING = 11013;
  public static final int IDENTIFIER_NAME = 8013;
  public static final int SOURCE = 8003;
  public static final int IDENTIFIER_VALUE = 8015;
  public static final int BOTH_SELECTIONS = 11021;
  public static final int NO_SELECTION = 11023;
  public static final int EVENT_ID = 11017;
  public static final int EVENT_NAME = 11014;
  public static final int REFERENCE_IDS = 9022;
  public static final int CURRENCY_NAMES = 9005;
  public static final int BAD_VALUE = 11012;
  public static final int SOURCE_VALUE_CAPTURING = 11019;
  public static final int NO_GROUP = 1632;
  public static final int SCOPE = 310144;
  public static final int EVENT_NOT_FOUND = 9021;
  public static final int NO_ALTERNATE_CURRENCY = 9018;

  /** The vendor's "explode failed and fallback failed": a failure on its side, worth retrying. */
  public static final int EXPLODE_FAILED = 9003;

  static ApiError identifierMissing() {
    return new ApiError(
        IDENTIFIER_MISSING, "identifierName, identifierValue and source are required");
  }

  static ApiError identifierName() {
    return new ApiError(IDENTIFIER_NAME, "Identifier name missing or incorrect");
  }

  static ApiError source() {
    return new ApiError(SOURCE, "Source is missing or incorrect");
  }

  static ApiError identifierValue() {
    return new ApiError(IDENTIFIER_VALUE, "Identifier value missing or incorrect");
  }

  static ApiError bothSelections() {
    return new ApiError(
        BOTH_SELECTIONS, "Pass either eventIds or eventName with eventReferenceIds, not both");
  }

  static ApiError noSelection() {
    return new ApiError(NO_SELECTION, "Pass eventIds, or eventName with eventReferenceIds");
  }

  static ApiError eventId(String given) {
    return new ApiError(EVENT_ID, "Event id is not a positive integer: '" + given + "'");
  }

  /** The vendor's own words ("Event name not found :DelayedAccrual"). */
  static ApiError eventName(@Nullable String given) {
    return new ApiError(EVENT_NAME, "Event name not found :" + given);
  }

  static ApiError blankCurrencyName() {
    return new ApiError(CURRENCY_NAMES, "An alternateCurrencyNames name is blank");
  }

  static ApiError sourceValueCapturingOff(long orgId) {
    return new ApiError(
        SOURCE_VALUE_CAPTURING,
        "Source value capturing status is disabled for org "
            + orgId
            + "; getPointsEarnedBreakup needs it");
  }

  static ApiError tooManyReferenceIds(int count) {
    return new ApiError(
        REFERENCE_IDS, "At most 10 eventReferenceIds are allowed, " + count + " given");
  }

  static ApiError blankReferenceId() {
    return new ApiError(REFERENCE_IDS, "An eventReferenceId is blank");
  }

  static ApiError tooManyEventIds(long given, int max) {
    return new ApiError(
        BAD_VALUE, "At most " + max + " eventIds are allowed per request, " + given + " given");
  }

  static ApiError badValue(ApiParameter parameter, String given) {
    return new ApiError(
        BAD_VALUE, "Invalid value for " + parameter.apiName() + ": '" + given + "'");
  }

  static ApiError customerNotFound() {
    return new ApiError(IDENTIFIER_VALUE, "Customer not found for the given identifiers");
  }

  static ApiError ambiguousCustomer(int count) {
    return new ApiError(
        IDENTIFIER_VALUE, "The identifier matches " + count + " customers, not one");
  }

  static ApiError noGroup() {
    return new ApiError(NO_GROUP, "The customer is in no group");
  }

  static ApiError notAPrimaryUser() {
    return new ApiError(NO_GROUP, "The customer is the primary member of no group");
  }

  static ApiWarning eventNotFound(long eventId) {
    return new ApiWarning(
        EVENT_NOT_FOUND, "No event found for eventId " + eventId, Long.toString(eventId), null);
  }

  static ApiWarning referenceNotFound(String eventName, String referenceId) {
    return new ApiWarning(
        EVENT_NOT_FOUND,
        "No " + eventName + " event found for eventReferenceId " + referenceId,
        null,
        referenceId);
  }

  static ApiWarning noAlternateCurrency(long eventId, java.util.List<String> names) {
    return new ApiWarning(
        NO_ALTERNATE_CURRENCY,
        "No alternate currency found for names " + String.join(",", names) + " in event " + eventId,
        Long.toString(eventId),
        null);
  }

  private static final Pattern EVENT_NOT_FOUND_MESSAGE =
      Pattern.compile("No event found for eventId (\\S+)");
  private static final Pattern REFERENCE_NOT_FOUND_MESSAGE =
      Pattern.compile("No \\S+ event found for eventReferenceId (.+)");
  private static final Pattern NO_ALTERNATE_CURRENCY_MESSAGE =
      Pattern.compile("No alternate currency found for names .* in event (\\S+)");

  /**
   * A warning as an envelope gives it (code and message alone), with the event id or reference id
   * it names read back from the messages above, so that it equals the warning this engine gives.
   */
  public static ApiWarning warningOf(int code, String message) {
    if (code == EVENT_NOT_FOUND) {
      Matcher byId = EVENT_NOT_FOUND_MESSAGE.matcher(message);
      if (byId.matches()) {
        return new ApiWarning(code, message, byId.group(1), null);
      }
      Matcher byReference = REFERENCE_NOT_FOUND_MESSAGE.matcher(message);
      if (byReference.matches()) {
        return new ApiWarning(code, message, null, byReference.group(1));
      }
    } else if (code == NO_ALTERNATE_CURRENCY) {
      Matcher matcher = NO_ALTERNATE_CURRENCY_MESSAGE.matcher(message);
      if (matcher.matches()) {
        return new ApiWarning(code, message, matcher.group(1), null);
      }
    }
    return new ApiWarning(code, message, null, null);
  }
}

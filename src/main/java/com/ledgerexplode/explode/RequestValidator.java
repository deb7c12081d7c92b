package com.ledgerexplode.explode;

import static com.ledgerexplode.explode.ApiParameter.*;

import com.ledgerexplode.ledger.EventType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates a request in PRODUCT.md's order: the first failure rejects it with its code. Knows no
 * ledger: whether the customer exists is {@link ExplodeEngine}'s to say.
 */
public final class RequestValidator {
  static final int MAX_REFERENCE_IDS = 10;

  private RequestValidator() {}

  public static ValidRequest validate(ApiRequest request) throws RequestRejectedException {
    return validate(request, Integer.MAX_VALUE);
  }

  /**
   * The reject of a request that only the caller's bound of {@code maxEventIds} event ids rejects:
   * what {@link #validate(ApiRequest, int)} answers when the request passes every check before that
   * bound (so that the same request is rejected the same way wherever it is checked); null when the
   * request is within the bound or fails another check first, which is then the ledger's to answer.
   */
  public static @Nullable ApiError beyondBound(ApiRequest request, int maxEventIds) {
    ApiError bounded = rejection(request, maxEventIds);
    return bounded == null || bounded.equals(rejection(request, Integer.MAX_VALUE))
        ? null
        : bounded;
  }

  private static @Nullable ApiError rejection(ApiRequest request, int maxEventIds) {
    try {
      validate(request, maxEventIds);
      return null;
    } catch (RequestRejectedException e) {
      return e.error();
    }
  }

  /**
   * As {@link #validate(ApiRequest)}, a request asking for more than {@code maxEventIds} event ids
   * (as given, repeats counted) being a bad value (11012), the first of that code's checks.
   */
  public static ValidRequest validate(ApiRequest request, int maxEventIds)
      throws RequestRejectedException {
    String givenName = request.get(IDENTIFIER_NAME);
    String identifierValue = request.get(IDENTIFIER_VALUE);
    String givenSource = request.get(SOURCE);
    if (givenName == null || identifierValue == null || givenSource == null) {
      throw rejected(ErrorCodes.identifierMissing());
    }
    IdentifierName identifierName =
        IdentifierName.parse(givenName.strip())
            .orElseThrow(() -> rejected(ErrorCodes.identifierName()));
    Source source =
        Source.parse(givenSource.strip()).orElseThrow(() -> rejected(ErrorCodes.source()));
    if (identifierName.isCustomerId()) {
      identifierValue = identifierValue.strip();
      if (parseId(identifierValue) == null) {
        throw rejected(ErrorCodes.identifierValue());
      }
    }
    Selection selection = selection(request);
    List<String> currencyNames = currencyNames(request.get(ALTERNATE_CURRENCY_NAMES));
    String eventIds = request.get(EVENT_IDS);
    if (eventIds != null) {
      long given = eventIds.chars().filter(c -> c == ',').count() + 1;
      if (given > maxEventIds) {
        throw rejected(ErrorCodes.tooManyEventIds(given, maxEventIds));
      }
    }
    // primaryUserId asks for the group of which the customer is the primary member
    EntityType type =
        parseType(
            request.get(TYPE),
            identifierName == IdentifierName.PRIMARY_USER_ID
                ? EntityType.USERGROUP2
                : EntityType.CUSTOMER);
    boolean primaryUserOnly = flag(request, IS_PRIMARY_USER);
    Sections sections =
        new Sections(
            flag(request, GET_BILL_DETAILS),
            flag(request, GET_POINTS_EARNED_BREAKUP),
            flag(request, GET_CUSTOM_FIELDS),
            flag(request, GET_EXTENDED_FIELDS),
            flag(request, GET_MAX_CONVERSION_DETAILS),
            paymentModes(request),
            flag(request, INCLUDE_ALTERNATE_CURRENCIES),
            currencyNames);
    int offset = wholeNumber(request, OFFSET, 0, 0);
    Integer limit = request.has(LIMIT) ? wholeNumber(request, LIMIT, 1, 0) : null;
    return new ValidRequest(
        identifierName,
        identifierValue,
        source,
        request.get(ACCOUNT_ID),
        selection,
        type,
        primaryUserOnly,
        sections,
        offset,
        limit);
  }

  private static Selection selection(ApiRequest request) throws RequestRejectedException {
    String eventIds = request.get(EVENT_IDS);
    String eventName = request.get(EVENT_NAME);
    String eventReferenceIds = request.get(EVENT_REFERENCE_IDS);
    if (eventIds != null && (eventName != null || eventReferenceIds != null)) {
      throw rejected(ErrorCodes.bothSelections());
    }
    if (eventIds != null) {
      Set<Long> ids = new LinkedHashSet<>();
      for (String element : eventIds.split(",", -1)) {
        Long id = parseId(element.strip());
        if (id == null || id == 0) {
          throw rejected(ErrorCodes.eventId(element.strip()));
        }
        ids.add(id);
      }
      return new Selection.ByEventIds(new ArrayList<>(ids));
    }
    if (eventName == null || eventReferenceIds == null) {
      throw rejected(ErrorCodes.noSelection());
    }
    if (EventType.of(eventName).isEmpty()) {
      throw rejected(ErrorCodes.eventName(eventName));
    }
    String[] elements = eventReferenceIds.split(",", -1);
    if (elements.length > MAX_REFERENCE_IDS) {
      throw rejected(ErrorCodes.tooManyReferenceIds(elements.length));
    }
    Set<String> referenceIds = new LinkedHashSet<>();
    for (String element : elements) {
      if (element.isBlank()) {
        throw rejected(ErrorCodes.blankReferenceId());
      }
      referenceIds.add(element.strip());
    }
    return new Selection.ByReference(eventName, new ArrayList<>(referenceIds));
  }

  private static EntityType parseType(@Nullable String given, EntityType absent)
      throws RequestRejectedException {
    if (given == null) {
      return absent;
    }
    for (EntityType type : EntityType.values()) {
      if (type.name().equalsIgnoreCase(given)) {
        return type;
      }
    }
    throw rejected(ErrorCodes.badValue(TYPE, given));
  }

  private static boolean flag(ApiRequest request, ApiParameter parameter)
      throws RequestRejectedException {
    String given = request.get(parameter);
    if (given == null) {
      return false;
    }
    return switch (given.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw rejected(ErrorCodes.badValue(parameter, given));
    };
  }

  private static boolean paymentModes(ApiRequest request) throws RequestRejectedException {
    boolean singular = flag(request, GET_PAYMENT_MODE);
    boolean plural = flag(request, GET_PAYMENT_MODES);
    String pluralGiven = request.get(GET_PAYMENT_MODES);
    if (request.has(GET_PAYMENT_MODE) && pluralGiven != null && singular != plural) {
      throw rejected(ErrorCodes.badValue(GET_PAYMENT_MODES, pluralGiven));
    }
    return singular || plural;
  }

  private static int wholeNumber(ApiRequest request, ApiParameter parameter, int min, int absent)
      throws RequestRejectedException {
    String given = request.get(parameter);
    if (given == null) {
      return absent;
    }
    Long value = parseId(given);
    if (value == null || value < min || value > Integer.MAX_VALUE) {
      throw rejected(ErrorCodes.badValue(parameter, given));
    }
    return value.intValue();
  }

  /** Digits only, fitting a long; null otherwise. */
  static @Nullable Long parseId(String text) {
    if (text.isEmpty() || text.length() > 19) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException tooLarge) {
      return null;
    }
  }

  /** The names asked for, in order; a blank one (as in {@code a,,b}) is refused. */
  private static List<String> currencyNames(@Nullable String given)
      throws RequestRejectedException {
    List<String> names = new ArrayList<>();
    if (given != null) {
      for (String element : given.split(",", -1)) {
        if (element.isBlank()) {
          throw rejected(ErrorCodes.blankCurrencyName());
        }
        names.add(element.strip());
      }
    }
    return names;
  }

  private static RequestRejectedException rejected(ApiError error) {
    return new RequestRejectedException(error);
  }
}

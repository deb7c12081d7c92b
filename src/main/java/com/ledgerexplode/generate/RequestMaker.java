package com.ledgerexplode.generate;

import static com.ledgerexplode.explode.ApiParameter.*;

import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.generate.Person.EventRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Makes the request rows of the customers just generated: mostly good rows in many shapes (every
 * identifier name, cuid, CustomerID and primaryUserId among them), and at about {@link
 * #DEFECT_PERCENT} percent rows with one defect each of the validation table, in turn, so that
 * every defect occurs once there are a dozen of them. 11019 is no defect of a row but of the job's
 * scope: the rows asking for the points breakup get it from a job that reads the org without
 * source-value capturing.
 */
final class RequestMaker {
  /** The columns written, in the API's order: every parameter but the v2 spelling and paging. */
  static final List<ApiParameter> COLUMNS =
      Arrays.stream(ApiParameter.values())
          .filter(p -> p != GET_PAYMENT_MODES && p != OFFSET && p != LIMIT)
          .toList();

  /** The flags that ask for sections. */
  private static final List<ApiParameter> SECTION_FLAGS =
      COLUMNS.stream().filter(p -> p.isFlag() && p != IS_PRIMARY_USER).toList();

  static final int DEFECT_PERCENT = 10;

  /** Event log ids from here on are never generated: asking for one gives warning 9021. */
  static final long UNKNOWN_EVENT_IDS = 9_000_000_000L;

  /** The defects of PRODUCT.md's validation table, in its order, with the code each gives. */
  enum Defect {
    IDENTIFIER_MISSING(11013),
    IDENTIFIER_NAME(8013),
    SOURCE(8003),
    IDENTIFIER_VALUE(8015),
    BOTH_SELECTIONS(11021),
    NO_SELECTION(11023),
    EVENT_ID(11017),
    EVENT_NAME(11014),
    REFERENCE_IDS(9022),
    CURRENCY_NAMES(9005),
    BAD_VALUE(11012),
    NO_CUSTOMER(8015),
    AMBIGUOUS_CUSTOMER(8015),
    NO_GROUP(1632);

    final int code;

    Defect(int code) {
      this.code = code;
    }
  }

  private final SplittableRandom random;
  private final long mainOrgId;
  private int nextDefect;
  private boolean tooManyReferences;
  private @Nullable String sharedMobile;
  private @Nullable Long loneCustomerId;

  RequestMaker(SplittableRandom random, long mainOrgId) {
    this.random = random;
    this.mainOrgId = mainOrgId;
  }

  /**
   * The rows for these customers: about one for each customer of the main org, and for a third of
   * the others (rows that resolve only when the job reads their org).
   */
  List<Map<ApiParameter, String>> rows(List<Person> block) {
    List<Map<ApiParameter, String>> rows = new ArrayList<>();
    for (Person person : block) {
      boolean main = person.orgId == mainOrgId;
      if (main && person.secondOfPair) {
        sharedMobile = person.mobile;
      }
      if (main && !person.inGroup()) {
        loneCustomerId = person.customerId;
      }
      int count = main ? (random.nextInt(100) < 15 ? 2 : 1) : (random.nextInt(3) == 0 ? 1 : 0);
      for (int i = 0; i < count; i++) {
        Map<ApiParameter, String> row = good(person);
        if (random.nextInt(100) < DEFECT_PERCENT) {
          spoil(row, person);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private Map<ApiParameter, String> good(Person p) {
    Map<ApiParameter, String> row = new EnumMap<>(ApiParameter.class);
    boolean isPrimary = p.inGroup() && Objects.equals(p.primaryCustomerId, p.customerId);
    // primaryUserId names the group's primary member and implies USERGROUP2
    boolean byPrimaryUserId = isPrimary && random.nextInt(100) < 25;
    if (byPrimaryUserId) {
      put(row, "primaryUserId", Long.toString(p.customerId), pick("INSTORE", "ALL"));
    } else {
      identify(row, p);
    }
    boolean group = byPrimaryUserId || (p.inGroup() && random.nextInt(100) < 45);
    select(row, p, group);
    if (byPrimaryUserId) {
      if (random.nextInt(3) == 0) {
        row.put(TYPE, "USERGROUP2");
      }
      if (random.nextBoolean()) {
        row.put(IS_PRIMARY_USER, "true");
      }
    } else if (group) {
      row.put(TYPE, random.nextInt(4) == 0 ? "usergroup2" : "USERGROUP2");
      int primary = random.nextInt(5);
      if (primary < 2) {
        row.put(IS_PRIMARY_USER, "true");
      } else if (primary == 2) {
        row.put(IS_PRIMARY_USER, "false");
      }
    } else if (random.nextInt(10) < 3) {
      row.put(TYPE, "CUSTOMER");
    }
    for (ApiParameter flag : SECTION_FLAGS) {
      int roll = random.nextInt(100);
      if (roll < 40) {
        row.put(flag, roll < 4 ? "TRUE" : "true");
      } else if (roll < 60) {
        row.put(flag, roll < 44 ? "False" : "false");
      }
    }
    if (random.nextInt(100) < 15) {
      row.put(
          ALTERNATE_CURRENCY_NAMES, pick("stars", "Stars,coins", "miles", "gold", "gold,silver"));
      if (random.nextBoolean()) {
        row.put(INCLUDE_ALTERNATE_CURRENCIES, "false");
      } else {
        row.remove(INCLUDE_ALTERNATE_CURRENCIES);
      }
    }
    return row;
  }

  private void identify(Map<ApiParameter, String> row, Person p) {
    int roll = random.nextInt(100);
    if (roll < 35 || (roll < 45 && p.sharesMobile) || (roll >= 90 && p.wechatAccount == null)) {
      put(row, "mobile", p.mobile, p.mobileSource);
    } else if (roll < 45) {
      put(row, "mobile", p.mobile, "ALL");
    } else if (roll < 65) {
      String email =
          switch (random.nextInt(3)) {
            case 0 -> p.email.toLowerCase(Locale.ROOT);
            case 1 -> p.email.toUpperCase(Locale.ROOT);
            default -> p.email;
          };
      put(row, random.nextInt(5) == 0 ? "EMAIL" : "email", email, pick("INSTORE", "ALL"));
    } else if (roll < 75) {
      put(row, "externalid", p.externalId, "INSTORE");
    } else if (roll < 90) {
      // cuid and CustomerID are other names of id
      put(
          row,
          pick("id", "id", "cuid", "CustomerID"),
          Long.toString(p.customerId),
          pick("INSTORE", "ECOMMERCE", "ALL", "wechat"));
    } else {
      put(row, "mobile", p.mobile, "WECHAT");
      row.put(ACCOUNT_ID, p.wechatAccount);
    }
    if (random.nextInt(10) == 0) {
      row.computeIfPresent(SOURCE, (parameter, source) -> source.toLowerCase(Locale.ROOT));
    }
    if (random.nextInt(10) == 0) {
      row.computeIfPresent(
          IDENTIFIER_NAME,
          (parameter, name) -> Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }
  }

  private static void put(Map<ApiParameter, String> row, String name, String value, String source) {
    row.put(IDENTIFIER_NAME, name);
    row.put(IDENTIFIER_VALUE, value);
    row.put(SOURCE, source);
  }

  private void select(Map<ApiParameter, String> row, Person p, boolean group) {
    List<EventRef> candidates = new ArrayList<>();
    for (EventRef event : p.sample()) {
      if (!group || event.inGroup()) {
        candidates.add(event);
      }
    }
    if (candidates.isEmpty()) {
      candidates = p.sample();
    }
    if (candidates.isEmpty()) {
      row.put(EVENT_IDS, Long.toString(unknownEventId()));
      return;
    }
    if (random.nextInt(10) < 6) {
      List<String> ids = new ArrayList<>();
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        ids.add(Long.toString(candidates.get(random.nextInt(candidates.size())).eventLogId()));
      }
      if (random.nextInt(100) < 8) {
        ids.add(ids.get(0));
      }
      if (random.nextInt(100) < 12) {
        ids.add(random.nextInt(ids.size() + 1), Long.toString(unknownEventId()));
      }
      row.put(EVENT_IDS, String.join(random.nextInt(10) == 0 ? ", " : ",", ids));
      return;
    }
    EventRef first = candidates.get(random.nextInt(candidates.size()));
    List<String> references = new ArrayList<>();
    references.add(first.referenceId());
    for (EventRef other : candidates) {
      if (references.size() < 3
          && other.eventName().equals(first.eventName())
          && !references.contains(other.referenceId())
          && random.nextBoolean()) {
        references.add(other.referenceId());
      }
    }
    if (random.nextInt(100) < 12) {
      references.add(random.nextInt(references.size() + 1), "NOREF-" + random.nextInt(1_000_000));
    }
    row.put(EVENT_NAME, first.eventName());
    row.put(EVENT_REFERENCE_IDS, String.join(",", references));
  }

  /** Gives a good row the next defect of the table, or leaves it good while that cannot be. */
  private void spoil(Map<ApiParameter, String> row, Person p) {
    Defect defect = Defect.values()[nextDefect];
    if ((defect == Defect.AMBIGUOUS_CUSTOMER && sharedMobile == null)
        || (defect == Defect.NO_GROUP && loneCustomerId == null)) {
      return;
    }
    nextDefect = (nextDefect + 1) % Defect.values().length;
    String someId = Long.toString(someEventId(p));
    switch (defect) {
      case IDENTIFIER_MISSING ->
          optional(row, pick(IDENTIFIER_NAME, IDENTIFIER_VALUE, SOURCE), pick("", "   "));
      case IDENTIFIER_NAME ->
          optional(row, IDENTIFIER_NAME, pick("phone", "customer_id", "mobile_no"));
      case SOURCE -> optional(row, SOURCE, pick("POS", "IN_STORE", "SMS"));
      case IDENTIFIER_VALUE -> {
        row.put(IDENTIFIER_NAME, pick("id", "cuid", "CustomerID", "primaryUserId"));
        row.put(IDENTIFIER_VALUE, pick("C-" + p.customerId, "12a4", p.mobile + ".0"));
      }
      case BOTH_SELECTIONS -> {
        row.put(EVENT_IDS, someId);
        row.put(EVENT_NAME, EventMaker.TRANSACTION_ADD);
        row.put(EVENT_REFERENCE_IDS, "2151165932");
      }
      case NO_SELECTION -> {
        clearSelection(row);
        int variant = random.nextInt(3);
        if (variant == 1) {
          row.put(EVENT_NAME, EventMaker.TRANSACTION_ADD);
        } else if (variant == 2) {
          row.put(EVENT_REFERENCE_IDS, "2151165932");
        }
      }
      case EVENT_ID -> {
        clearSelection(row);
        row.put(
            EVENT_IDS,
            pick("abc", someId + ",x1", "-5", "0", someId + ",,", "1.5", "99999999999999999999"));
      }
      case EVENT_NAME -> {
        clearSelection(row);
        row.put(EVENT_NAME, pick("DelayedAccrual", "PointsExpiry", "transactionAdd"));
        row.put(EVENT_REFERENCE_IDS, "2151165932");
      }
      case CURRENCY_NAMES -> row.put(ALTERNATE_CURRENCY_NAMES, pick("stars,,coins", "stars, "));
      case REFERENCE_IDS -> {
        clearSelection(row);
        row.put(EVENT_NAME, EventMaker.TRANSACTION_ADD);
        // both of 9022's causes, in turn, so that a small ledger has each
        tooManyReferences = !tooManyReferences;
        if (tooManyReferences) {
          List<String> references = new ArrayList<>();
          for (int i = 0; i < 11 + random.nextInt(3); i++) {
            references.add(Long.toString(2_151_165_000L + i));
          }
          row.put(EVENT_REFERENCE_IDS, String.join(",", references));
        } else {
          row.put(EVENT_REFERENCE_IDS, pick("2151165932, ,2151165933", "2151165932,"));
        }
      }
      case BAD_VALUE -> {
        if (random.nextBoolean()) {
          row.put(SECTION_FLAGS.get(random.nextInt(SECTION_FLAGS.size())), pick("yes", "1", "Y"));
        } else {
          row.put(TYPE, pick("GROUP", "USERGROUP", "customers"));
        }
      }
      case NO_CUSTOMER -> {
        row.remove(ACCOUNT_ID);
        switch (random.nextInt(3)) {
          case 0 -> put(row, "mobile", "9199" + (10_000_000 + random.nextInt(89_999_999)), "ALL");
          case 1 -> put(row, "id", Long.toString(900_000_000L + random.nextInt(1_000_000)), "ALL");
          default ->
              put(row, "email", "nobody" + random.nextInt(10_000) + "@example.invalid", "ALL");
        }
      }
      case AMBIGUOUS_CUSTOMER -> {
        row.remove(ACCOUNT_ID);
        put(row, "mobile", Objects.requireNonNull(sharedMobile), "ALL");
        row.remove(TYPE);
        row.remove(IS_PRIMARY_USER);
      }
      case NO_GROUP -> {
        row.remove(ACCOUNT_ID);
        String lone = Long.toString(Objects.requireNonNull(loneCustomerId));
        if (random.nextBoolean()) {
          put(row, "id", lone, "INSTORE");
          row.put(TYPE, "USERGROUP2");
        } else {
          put(row, "primaryUserId", lone, "INSTORE");
          row.remove(TYPE);
        }
      }
    }
  }

  /** A parameter set to a value, or not given when the value is empty. */
  private static void optional(
      Map<ApiParameter, String> row, ApiParameter parameter, String value) {
    if (value.isEmpty()) {
      row.remove(parameter);
    } else {
      row.put(parameter, value);
    }
  }

  private static void clearSelection(Map<ApiParameter, String> row) {
    row.remove(EVENT_IDS);
    row.remove(EVENT_NAME);
    row.remove(EVENT_REFERENCE_IDS);
  }

  private long someEventId(Person p) {
    List<EventRef> sample = p.sample();
    return sample.isEmpty()
        ? unknownEventId()
        : sample.get(random.nextInt(sample.size())).eventLogId();
  }

  private long unknownEventId() {
    return UNKNOWN_EVENT_IDS + random.nextInt(1_000_000);
  }

  private String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private ApiParameter pick(ApiParameter... choices) {
    return choices[random.nextInt(choices.length)];
  }
}

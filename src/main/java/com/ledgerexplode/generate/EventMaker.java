package com.ledgerexplode.generate;

import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.Fields;
import com.ledgerexplode.ledger.LedgerEvent;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.LineItem;
import com.ledgerexplode.ledger.LineItemField;
import com.ledgerexplode.ledger.NameValue;
import com.ledgerexplode.ledger.PaymentMode;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import com.ledgerexplode.ledger.TypeDetail;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Makes the events of one customer after another: a registration first, then events of every type,
 * bills, returns of earlier bills and behavioural events most often, spread over a year, with event
 * log ids increasing across the whole ledger.
 *
 * <p>The events hang together as the vendor's do: a return gives back part or all of what is left
 * of an earlier bill of its customer (its bill number, amount and date, the returned lines and
 * points); a transfer moves points between two customers of one org, both already in the ledger; a
 * target is reached in two to four milestones, each its own event, with consecutive event log ids;
 * a behavioural event describes its fields and their attributes. Keeps only the last few bills of
 * the current customer and a bounded list of each org's customers.
 */
final class EventMaker {
  static final String TRANSACTION_ADD = "TransactionAdd";
  static final String RETURN_BILL = "ReturnBill";
  static final String REGISTRATION = "CustomerRegistration";
  static final String GENERIC_EVENT = "GenericEvent";
  static final String NEW_BILL = "NewBill";
  static final String GROUP_TRANSACTION_ADD = "GroupTransactionAdd";
  static final String CUSTOMER_UPDATE = "CustomerUpdate";
  static final String REDEMPTION = "PointsRedemption";
  static final String TRANSFER = "PointsTransfer";
  static final String GOODWILL = "AllocateGoodwillPoints";
  static final String TARGET = "TargetCompleted";
  static final String CUSTOMER_IMPORT = "CustomerPromotionImport";
  static final String BILL_IMPORT = "BillPointsPromotionImport";
  static final String LINE_IMPORT = "LineItemsPointsPromotionImport";
  static final String ADJUSTMENT = "ManualPointsAdjustment";
  static final String VOUCHER = "VoucherRedemption";

  static final Instant YEAR_START = Instant.parse("2024-01-01T00:00:00Z");
  private static final long YEAR_SECONDS = Duration.ofDays(366).toSeconds();
  private static final int NANO_DIGITS = 9;
  private static final int RECENT_BILLS = 8;
  private static final int COUNTERPARTS_PER_ORG = 64;
  private static final BigDecimal TEN = BigDecimal.TEN;

  private static final String[] CURRENCIES = {"stars", "coins", "miles"};
  private static final String[] CURRENCY_CODES = {"STR", "CNS", "MLS"};
  private static final String[] PAYMENT_MODES = {"UPI", "CASH", "CARD", "WALLET", "POINTS"};
  private static final String[] CHANNELS = {"app", "web", "store", "kiosk"};
  private static final String[] ZONES = {"north", "south", "east", "west"};
  private static final String[] RETURN_TYPES = {"AMOUNT", "FULL", "LINE_ITEM", "CANCELLED"};
  private static final String[] GENERIC_KINDS = {"app_open", "review", "referral", "survey"};
  private static final Map<String, String> GENERIC_DISPLAY_NAMES =
      Map.of(
          "app_open", "App opened",
          "review", "Product review",
          "referral", "Friend referred",
          "survey", "Survey answered");
  private static final Goal[] TARGETS = {
    new Goal(5, "Spend", 7, "Spend 3000", BigDecimal.valueOf(1000)),
    new Goal(5, "Spend", 8, "Spend 10000", BigDecimal.valueOf(2500)),
    new Goal(6, "Visits", 11, "Visit 12 times", BigDecimal.valueOf(3))
  };
  private static final String[] PROMOTIONS = {
    "Diwali x2", "Weekend Bonus", "New Year Treat", "Monsoon Sale"
  };
  private static final char[] ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final SplittableRandom random;
  private long nextEventLogId;
  private long nextBill = 2_151_165_000L;
  private long nextReturn = 700_000L;
  private final List<PastBill> recentBills = new ArrayList<>();
  private final Map<Long, List<Counterpart>> customersByOrg = new HashMap<>();
  private @Nullable Milestones target;
  private long lastEventLogId;

  EventMaker(SplittableRandom random, long firstEventLogId) {
    this.random = random;
    this.nextEventLogId = firstEventLogId;
  }

  /**
   * The next customer's events start: forget the last one's bills and targets; from now on, this
   * customer can be the other party of a transfer.
   */
  void startCustomer(Person person) {
    recentBills.clear();
    target = null;
    List<Counterpart> known = customersByOrg.computeIfAbsent(person.orgId, o -> new ArrayList<>());
    if (known.size() == COUNTERPARTS_PER_ORG) {
      known.remove(random.nextInt(COUNTERPARTS_PER_ORG));
    }
    known.add(new Counterpart(person.customerId, person.firstName, person.lastName));
  }

  /** Event {@code index} of {@code count} of this customer, earned in its group or not. */
  LedgerEvent event(Person person, int index, int count, boolean earnedInGroup, long programId) {
    LedgerTime time = eventTime(index, count);
    Milestones reached = target;
    String name = reached != null ? TARGET : index == 0 ? REGISTRATION : pickName();
    if (name.equals(RETURN_BILL) && recentBills.isEmpty()) {
      name = GENERIC_EVENT;
    }
    // a target needs room for several milestones among this customer's events
    if (name.equals(TARGET) && reached == null && count - index < 2) {
      name = GENERIC_EVENT;
    }
    Counterpart other = name.equals(TRANSFER) ? counterpart(person) : null;
    if (name.equals(TRANSFER) && other == null) {
      name = GENERIC_EVENT;
    }
    if (name.equals(TARGET) && reached == null) {
      reached =
          new Milestones(
              TARGETS[random.nextInt(TARGETS.length)],
              Math.min(2 + random.nextInt(3), count - index),
              Long.toString(lastEventLogId),
              time);
      target = reached;
    }
    long eventLogId = nextEventLogId;
    // a target's milestones are awarded together: consecutive ids
    nextEventLogId += target != null && target.left > 1 ? 1 : 1 + random.nextInt(3);
    lastEventLogId = eventLogId;
    Context c = new Context(person, time, programId);
    EventSections sections;
    String referenceId;
    TypeDetail detail = TypeDetail.NONE;
    Long tillId = tillId(person.orgId);
    switch (name) {
      case TRANSACTION_ADD, NEW_BILL, GROUP_TRANSACTION_ADD -> {
        referenceId = Long.toString(nextBill);
        nextBill += 1 + random.nextInt(7);
        sections = transaction(c, referenceId);
        if (random.nextInt(4) == 0) {
          detail = new TypeDetail(Map.of(), Map.of("pointInTimeSlabs", slabs(c)));
        }
      }
      case REGISTRATION, CUSTOMER_UPDATE -> {
        referenceId = (name.equals(REGISTRATION) ? "REG-" : "UPD-") + person.customerId;
        sections = registration(c);
      }
      case REDEMPTION -> {
        referenceId = Long.toString(person.customerId);
        String points = decimal(100, 50_000, 2).setScale(3, RoundingMode.DOWN).toPlainString();
        detail =
            new TypeDetail(
                Map.of("redemptionDetails", redemption(c, points)),
                Map.of("pointsBreakup", List.of(pointsRow(c, points))));
        sections = spent(random.nextBoolean() ? customFields("channel", CHANNELS) : List.of());
      }
      case TRANSFER -> {
        referenceId = Long.toString(person.customerId);
        String points =
            BigDecimal.valueOf(10L * (1 + random.nextInt(100)), 0).setScale(3).toPlainString();
        Counterpart self = new Counterpart(person.customerId, person.firstName, person.lastName);
        Counterpart receiver = Objects.requireNonNull(other);
        Counterpart sender = self;
        if (random.nextBoolean()) {
          sender = receiver;
          receiver = self;
        }
        Map<String, Object> blocks = new LinkedHashMap<>();
        blocks.put("transferredFrom", party(sender, c, points));
        blocks.put("transferredTo", party(receiver, c, points));
        blocks.put("notes", pick("", "gift", "family pooling", "null"));
        detail = new TypeDetail(Map.of(), blocks);
        tillId = null;
        sections = spent(List.of());
      }
      case GOODWILL -> {
        referenceId = "-1";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", pick("late delivery", "damaged item", "service recovery"));
        details.put("comments", random.nextBoolean() ? "" : "approved by store manager");
        details.put("assocId", BigDecimal.ZERO);
        details.put("requestId", BigDecimal.valueOf(1 + random.nextInt(1_000_000)));
        detail = new TypeDetail(details, Map.of());
        tillId = null;
        sections = earned(List.of(promotion(c, "Goodwill Promotion")));
      }
      case TARGET -> {
        Milestones run = Objects.requireNonNull(reached);
        referenceId = run.referenceId;
        time = run.time;
        c = new Context(person, time, programId);
        int milestone = run.next++;
        if (--run.left == 0) {
          target = null;
        }
        detail =
            new TypeDetail(Map.of(), Map.of("targetCompletedDetails", milestone(run, milestone)));
        List<PointsEntry> bonus = new ArrayList<>(2);
        bonus.add(promotion(c, run.goal.name() + " milestone " + milestone));
        if (random.nextInt(4) == 0) {
          bonus.add(promised(c, run.goal.step().multiply(BigDecimal.valueOf(milestone))));
        }
        sections = earned(bonus);
      }
      case CUSTOMER_IMPORT, BILL_IMPORT, LINE_IMPORT -> {
        referenceId = "-1";
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(
            "fileName",
            name.toLowerCase(java.util.Locale.ROOT) + "-" + random.nextInt(1000) + ".csv");
        meta.put("importStartTime", time);
        meta.put("importEndTime", shifted(time, Duration.ofSeconds(30 + random.nextInt(600))));
        meta.put("profileName", "promotions");
        meta.put("profileType", "CUSTOMER_PROMOTION ");
        detail =
            new TypeDetail(
                Map.of("eventDisplayName", "Points promotion import"), Map.of("importMeta", meta));
        tillId = -1L;
        PointsEntry promo = promotion(c, "Imported bonus");
        // imported promotions carry no expiry
        sections =
            earned(
                List.of(
                    new PointsEntry(
                        Bucket.PROMO,
                        promo
                            .fields()
                            .without(
                                f ->
                                    f == PointsField.EXPIRES_ON || f == PointsField.EXPIRY_TYPE))));
      }
      case ADJUSTMENT -> {
        referenceId = "-1";
        detail =
            new TypeDetail(
                Map.of(), Map.of("manualPointsAdjustmentDetails", adjustment(person, c)));
        tillId = null;
        sections = spent(List.of());
      }
      case VOUCHER -> {
        long voucher = 88_000L + random.nextInt(1_000_000);
        referenceId = Long.toString(voucher);
        Map<String, Object> redeemed = new LinkedHashMap<>();
        redeemed.put("voucherIssuedId", BigDecimal.valueOf(voucher));
        redeemed.put("voucherSeriesId", BigDecimal.valueOf(300 + random.nextInt(10)));
        redeemed.put(
            "redeemedVoucherCode",
            "VCH-" + uniqueId().substring(0, 4).toUpperCase(java.util.Locale.ROOT));
        redeemed.put("redeemDate", time);
        detail = new TypeDetail(Map.of(), Map.of("voucherRedemptionDetails", redeemed));
        sections =
            earned(
                random.nextBoolean()
                    ? List.of(regular(c, BigDecimal.valueOf(5), null, null))
                    : List.of());
      }
      case RETURN_BILL -> {
        PastBill bill = recentBills.get(random.nextInt(recentBills.size()));
        referenceId = bill.referenceId;
        sections = returnBill(c, bill);
        if (bill.remaining.signum() == 0) {
          recentBills.remove(bill);
        }
      }
      default -> {
        referenceId = uuid();
        String kind = GENERIC_KINDS[random.nextInt(GENERIC_KINDS.length)];
        sections = generic(c, kind);
        detail = behavioural(kind);
      }
    }
    EventHeader header =
        new EventHeader(
            person.orgId,
            eventLogId,
            person.customerId,
            earnedInGroup ? person.groupId : null,
            name,
            time,
            tillId,
            referenceId,
            // a behavioural event's unique id is its request's id, as the vendor's
            name.equals(GENERIC_EVENT) ? referenceId : uniqueId(),
            detail);
    return new LedgerEvent(header, sections);
  }

  /** Earning types most common: bills and their returns, then behavioural events. */
  private String pickName() {
    int roll = random.nextInt(100);
    if (roll < 50) {
      return TRANSACTION_ADD;
    }
    if (roll < 53) {
      return NEW_BILL;
    }
    if (roll < 55) {
      return GROUP_TRANSACTION_ADD;
    }
    if (roll < 67) {
      return RETURN_BILL;
    }
    if (roll < 69) {
      return REGISTRATION;
    }
    if (roll < 70) {
      return CUSTOMER_UPDATE;
    }
    if (roll < 82) {
      return GENERIC_EVENT;
    }
    return switch (roll) {
      case 82, 83 -> REDEMPTION;
      case 84, 85 -> TRANSFER;
      case 86, 87 -> GOODWILL;
      case 88, 89 -> TARGET;
      case 90, 91 -> CUSTOMER_IMPORT;
      case 92 -> BILL_IMPORT;
      case 93 -> LINE_IMPORT;
      case 94, 95 -> ADJUSTMENT;
      default -> VOUCHER;
    };
  }

  private static EventSections earned(List<PointsEntry> points) {
    return new EventSections(points, null, List.of(), List.of(), List.of(), List.of());
  }

  private static EventSections spent(List<NameValue> customFields) {
    return new EventSections(List.of(), null, customFields, List.of(), List.of(), List.of());
  }

  private PointsEntry promotion(Context c, String name) {
    EnumMap<PointsField, Object> f = common(c, BigDecimal.valueOf(10L * (1 + random.nextInt(20))));
    f.put(PointsField.PROMOTION_ID, 50L + random.nextInt(10));
    f.put(PointsField.PROMOTION_NAME, name);
    return new PointsEntry(Bucket.PROMO, new Fields<>(f));
  }

  private List<Object> slabs(Context c) {
    Map<String, Object> slab = new LinkedHashMap<>();
    int number = 1 + random.nextInt(3);
    slab.put("pointInTimeSlabNumber", BigDecimal.valueOf(number));
    slab.put("pointInTimeSlabName", new String[] {"Silver", "Gold", "Platinum"}[number - 1]);
    slab.put("programId", BigDecimal.valueOf(c.programId));
    slab.put("isDefaultProgram", c.programId == 1);
    return List.of(slab);
  }

  private Map<String, Object> redemption(Context c, String points) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("pointsRedeemed", points);
    details.put("redemptionPurpose", random.nextBoolean() ? "" : "discount");
    details.put("transactionNumber", "T-" + (100_000 + random.nextInt(900_000)));
    details.put("billingTime", c.time);
    details.put("redemptionId", uniqueId().substring(0, 6));
    details.put("notes", "null");
    details.put("groupRedemption", false);
    return details;
  }

  private Map<String, Object> pointsRow(Context c, String points) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("points", points);
    row.put("programId", Long.toString(c.programId));
    row.put("programName", c.programId == 1 ? "Main" : "Program " + c.programId);
    return row;
  }

  private Map<String, Object> party(Counterpart who, Context c, String points) {
    Map<String, Object> party = new LinkedHashMap<>();
    party.put("userId", Long.toString(who.customerId()));
    party.put("firstName", who.firstName());
    party.put("lastName", who.lastName());
    party.put("transferType", "TRANSFER");
    party.put("pointsTransferDetails", List.of(pointsRow(c, points)));
    return party;
  }

  /** A customer of the person's org other than the person, or null while there is none. */
  private @Nullable Counterpart counterpart(Person person) {
    List<Counterpart> known = customersByOrg.getOrDefault(person.orgId, List.of());
    List<Counterpart> others = new ArrayList<>(known.size());
    for (Counterpart k : known) {
      if (k.customerId() != person.customerId) {
        others.add(k);
      }
    }
    return others.isEmpty() ? null : others.get(random.nextInt(others.size()));
  }

  /** Milestone {@code number} of a target, in the vendor's key order. */
  private static Map<String, Object> milestone(Milestones run, int number) {
    Goal goal = run.goal;
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("targetGroupID", BigDecimal.valueOf(goal.groupId()));
    target.put("targetGroupName", goal.groupName());
    target.put("targetId", BigDecimal.valueOf(goal.targetId()));
    target.put("targetName", goal.name());
    target.put("targetPeriodID", BigDecimal.valueOf(3));
    target.put("targetPeriodName", "Year");
    target.put(
        "triggerValue",
        goal.step().multiply(BigDecimal.valueOf(number)).setScale(3).toPlainString());
    target.put("sourceId", BigDecimal.valueOf(goal.targetId() * 10 + number));
    target.put("sourceType", "MILESTONE");
    target.put("mileStoneName", "Milestone " + number);
    return target;
  }

  private Map<String, Object> adjustment(Person person, Context c) {
    String points = BigDecimal.valueOf(10L * (1 + random.nextInt(20))).setScale(3).toPlainString();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("customerId", BigDecimal.valueOf(person.customerId));
    row.put("programId", BigDecimal.valueOf(c.programId));
    row.put("deductionType", "MANUAL_ADJUSTMENT");
    row.put("pointsDeducted", new BigDecimal(points).setScale(1, RoundingMode.DOWN));
    row.put("pointsDeductedStr", points);
    row.put("pointsDeductedOn", c.time);
    row.put("pointsDeductedBy", "ops.user");
    row.put("awardedTillDate", shifted(c.time, Duration.ofDays(-30)));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("orgId", BigDecimal.valueOf(person.orgId));
    details.put("customerId", BigDecimal.valueOf(person.customerId));
    details.put("totalPointsDeducted", points);
    details.put("createdOn", c.time);
    details.put("reason", pick("correction", "fraud", "duplicate award"));
    details.put("pointsDeductionBreakUpDetails", List.of(row));
    return details;
  }

  /**
   * What a behavioural event of this kind says of itself: the customer it names and the fields of
   * its kind, each with its attributes (an attribute's value is a string, or absent).
   */
  private TypeDetail behavioural(String kind) {
    List<Object> fields = new ArrayList<>(3);
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("identifierType", attribute("ENUM", pick("mobile", "email", "externalId")));
    customer.put("source", attribute("ENUM", "INSTORE"));
    customer.put("accountId", attribute("ENUM", null));
    customer.put("addCustomerIfNotExists", attribute("BOOLEAN", random.nextBoolean() + ""));
    customer.put("isRequired", attribute("BOOLEAN", "true"));
    fields.add(field("customer", "customer", customer));
    switch (kind) {
      case "review" -> {
        fields.add(field("rating", "double", Map.of("isRequired", attribute("BOOLEAN", "true"))));
        fields.add(
            field("reviewDate", "DATE", Map.of("isRequired", attribute("BOOLEAN", "false"))));
      }
      case "referral" -> {
        Map<String, Object> code = new LinkedHashMap<>();
        code.put("isRequired", attribute("BOOLEAN", "true"));
        code.put("isUniqueKeyField", attribute("BOOLEAN", "true"));
        fields.add(field("referralCode", "string", code));
      }
      case "survey" ->
          fields.add(field("score", "double", Map.of("isPsiData", attribute("BOOLEAN", "false"))));
      default ->
          fields.add(
              field("screen", "string", Map.of("isRequired", attribute("BOOLEAN", "false"))));
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("label", kind);
    metadata.put("fields", fields);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("eventDisplayName", GENERIC_DISPLAY_NAMES.get(kind));
    details.put("displayName", kind);
    return new TypeDetail(details, Map.of("behavioralEventMetadata", metadata));
  }

  private static Map<String, Object> field(
      String name, String type, Map<String, Object> attributes) {
    Map<String, Object> field = new LinkedHashMap<>();
    field.put("fieldName", name);
    field.put("fieldType", type);
    field.put("attributes", attributes);
    return field;
  }

  private static Map<String, Object> attribute(String valueType, @Nullable String value) {
    Map<String, Object> attribute = new LinkedHashMap<>();
    attribute.put("valueType", valueType);
    if (value != null) {
      attribute.put("value", value);
    }
    return attribute;
  }

  private String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /**
   * Spread over the year, increasing within a customer; a third carry a fraction of a second, of 1
   * to 9 digits as ledgers write them: {@code .5}, {@code .0}, {@code .120}, {@code .250000000}
   * (never finer than the store's microseconds). Digits and fraction come from the one number the
   * generator always drew here, so that for a seed the rest of the ledger stays as it was.
   */
  private LedgerTime eventTime(int index, int count) {
    double at = (index + random.nextDouble()) / Math.max(count, 1);
    Instant time = YEAR_START.plusSeconds((long) (at * YEAR_SECONDS));
    if (random.nextInt(3) != 0) {
      return new LedgerTime(time, 0);
    }
    int thousandths = 1 + random.nextInt(999);
    int digits = 1 + thousandths % NANO_DIGITS;
    String fraction = String.format(java.util.Locale.ROOT, "%03d", thousandths);
    fraction = digits <= 3 ? fraction.substring(0, digits) : fraction + "0".repeat(digits - 3);
    long nanos = Long.parseLong((fraction + "0".repeat(NANO_DIGITS)).substring(0, NANO_DIGITS));
    return new LedgerTime(time.plusNanos(nanos), digits);
  }

  /** A time moved by whole seconds, its fraction's digits kept. */
  private static LedgerTime shifted(LedgerTime time, Duration by) {
    return new LedgerTime(time.instant().plus(by), time.fractionDigits());
  }

  private EventSections transaction(Context c, String referenceId) {
    int lines = 1 + random.nextInt(4);
    List<LineItem> items = new ArrayList<>(lines);
    List<BigDecimal> amounts = new ArrayList<>(lines);
    BigDecimal gross = BigDecimal.ZERO.setScale(2);
    boolean pointsPerLine = random.nextInt(10) < 6;
    for (int i = 1; i <= lines; i++) {
      BigDecimal rate = decimal(50, 500_000, 2);
      BigDecimal qty =
          random.nextInt(5) == 0 ? decimal(25, 300, 2) : BigDecimal.valueOf(1 + random.nextInt(4));
      BigDecimal amount = rate.multiply(qty).setScale(2, RoundingMode.HALF_UP);
      amounts.add(amount);
      gross = gross.add(amount);
      EnumMap<LineItemField, Object> item = new EnumMap<>(LineItemField.class);
      item.put(LineItemField.ID, (long) i);
      item.put(LineItemField.ITEM_CODE, "SKU" + (10_000 + random.nextInt(90_000)));
      if (random.nextInt(3) == 0) {
        // a line that says where it was sold and what it cost before its discount (none here)
        item.put(LineItemField.SOURCE, "instore");
        item.put(LineItemField.GROSS_AMOUNT, amount);
        item.put(LineItemField.DISCOUNT, BigDecimal.ZERO);
      }
      item.put(LineItemField.AMOUNT, amount);
      item.put(LineItemField.RATE, rate);
      item.put(LineItemField.QTY, qty);
      List<PointsEntry> linePoints = List.of();
      if (pointsPerLine) {
        EnumMap<PointsField, Object> earned = new EnumMap<>(PointsField.class);
        earned.put(PointsField.VALUE, tenth(amount));
        linePoints = List.of(new PointsEntry(Bucket.REGULAR, new Fields<>(earned)));
      }
      items.add(new LineItem(new Fields<>(item), linePoints));
    }
    BigDecimal discount =
        random.nextInt(3) == 0
            ? gross
                .multiply(BigDecimal.valueOf(random.nextInt(5, 21), 2))
                .setScale(random.nextBoolean() ? 2 : 0, RoundingMode.DOWN)
            : BigDecimal.ZERO;
    BigDecimal billAmount = gross.subtract(discount);
    String billNumber = "B-" + c.person.orgId % 1000 + "-" + referenceId.substring(4);

    EnumMap<BillField, Object> bill = new EnumMap<>(BillField.class);
    bill.put(BillField.TYPE, "REGULAR");
    bill.put(BillField.BILL_NUMBER, billNumber);
    bill.put(BillField.GROSS_AMOUNT, gross);
    bill.put(BillField.DISCOUNT, discount);
    bill.put(BillField.BILL_AMOUNT, billAmount);
    int note = random.nextInt(4);
    if (note < 2) {
      bill.put(BillField.NOTE, note == 0 ? "" : "gift wrap");
    }
    bill.put(BillField.SOURCE, random.nextInt(4) == 0 ? "ECOMMERCE" : "INSTORE");
    bill.put(BillField.BILL_DATE, c.time);

    List<PointsEntry> points = new ArrayList<>();
    if (pointsPerLine) {
      for (int i = 0; i < lines; i++) {
        points.add(regular(c, tenth(amounts.get(i)), amounts.get(i), (long) (i + 1)));
      }
    } else {
      points.add(regular(c, tenth(billAmount), billAmount, null));
    }
    PointsEntry promotion = null;
    if (random.nextInt(10) < 3) {
      promotion = promo(c, billAmount);
      points.add(promotion);
    }
    if (random.nextInt(4) == 0) {
      points.add(promised(c, billAmount));
      if (random.nextInt(5) == 0) {
        points.add(promised(c, billAmount));
      }
    }
    remember(new PastBill(referenceId, billNumber, billAmount, c.time, items, promotion));
    return new EventSections(
        points,
        new Bill(new Fields<>(bill), items),
        random.nextInt(10) < 6 ? customFields("channel", CHANNELS) : List.of(),
        random.nextInt(2) == 0 ? extendedFields() : List.of(),
        random.nextInt(20) == 0 ? List.of() : paymentModes(billAmount),
        random.nextInt(20) < 7 ? currencies(c) : List.of());
  }

  /**
   * A return of what is left of an earlier bill: the whole of it (FULL, CANCELLED) while nothing of
   * it was returned, one of its lines not yet returned (LINE_ITEM), or a part of what is left
   * (AMOUNT); never more than the bill's amount in all. The regular points given back are a tenth
   * of the amount returned, the promotional ones the bill's promotion in the same proportion.
   */
  private EventSections returnBill(Context c, PastBill original) {
    boolean untouched = original.remaining.compareTo(original.amount) == 0;
    List<LineItem> lines = new ArrayList<>();
    for (LineItem item : original.items) {
      if (!original.returnedLines.contains(item)
          && amountOf(item).compareTo(original.remaining) <= 0) {
        lines.add(item);
      }
    }
    String returnType =
        untouched
            ? RETURN_TYPES[random.nextInt(RETURN_TYPES.length)]
            : lines.isEmpty() || random.nextBoolean() ? "AMOUNT" : "LINE_ITEM";
    if (returnType.equals("LINE_ITEM") && lines.isEmpty()) {
      returnType = "AMOUNT";
    }
    List<LineItem> items = List.of();
    BigDecimal returned;
    switch (returnType) {
      case "FULL", "CANCELLED" -> {
        returned = original.amount;
        items = original.items;
      }
      case "LINE_ITEM" -> {
        LineItem item = lines.get(random.nextInt(lines.size()));
        items = List.of(item);
        original.returnedLines.add(item);
        returned = amountOf(item);
      }
      default -> {
        returned =
            original
                .remaining
                .multiply(BigDecimal.valueOf(random.nextInt(10, 90), 2))
                .setScale(2, RoundingMode.DOWN);
        if (returned.signum() == 0) {
          returned = original.remaining;
        }
      }
    }
    original.remaining = original.remaining.subtract(returned);
    EnumMap<BillField, Object> bill = new EnumMap<>(BillField.class);
    // the vendor writes no type, amounts before discount or source on a return; some ledgers do
    if (random.nextBoolean()) {
      bill.put(BillField.TYPE, "RETURN");
    }
    bill.put(BillField.BILL_NUMBER, original.billNumber);
    bill.put(BillField.BILL_AMOUNT, original.amount);
    if (random.nextBoolean()) {
      bill.put(BillField.SOURCE, "INSTORE");
    }
    bill.put(BillField.BILL_DATE, original.time);
    bill.put(BillField.RETURN_DATE, c.time);
    bill.put(BillField.RETURN_AMOUNT, returned);
    bill.put(BillField.RETURN_TYPE, returnType);
    bill.put(BillField.RETURN_BILL_ID, "RB-" + nextReturn++);
    List<PointsEntry> points = new ArrayList<>();
    PointsEntry taken = regular(c, tenth(returned).negate(), returned, null);
    EnumMap<PointsField, Object> withReturn = new EnumMap<>(taken.fields().values());
    withReturn.put(PointsField.RETURN_POINTS, tenth(returned));
    points.add(new PointsEntry(Bucket.REGULAR, new Fields<>(withReturn)));
    PointsEntry promotion = original.promotion;
    if (promotion != null) {
      EnumMap<PointsField, Object> returnedPromo = new EnumMap<>(promotion.fields().values());
      BigDecimal earned =
          (BigDecimal) Objects.requireNonNull(promotion.fields().get(PointsField.VALUE));
      returnedPromo.put(PointsField.VALUE, BigDecimal.ZERO);
      returnedPromo.put(
          PointsField.RETURNED_POINTS,
          earned.multiply(returned).divide(original.amount, 3, RoundingMode.DOWN));
      returnedPromo.put(PointsField.AWARDED_ON, c.time);
      returnedPromo.put(PointsField.SOURCE_VALUE, returned);
      points.add(new PointsEntry(Bucket.PROMO, new Fields<>(returnedPromo)));
    }
    return new EventSections(
        points,
        new Bill(new Fields<>(bill), items),
        customFields("return_reason", new String[] {"size", "damaged", "changed mind"}),
        List.of(),
        List.of(),
        List.of());
  }

  private static BigDecimal amountOf(LineItem item) {
    return (BigDecimal) Objects.requireNonNull(item.fields().get(LineItemField.AMOUNT));
  }

  private EventSections registration(Context c) {
    List<PointsEntry> points =
        random.nextBoolean() ? List.of(regular(c, BigDecimal.valueOf(100), null, null)) : List.of();
    return new EventSections(
        points,
        null,
        customFields("signup_channel", CHANNELS),
        random.nextInt(3) == 0 ? List.of(new NameValue("referrer", null)) : List.of(),
        List.of(),
        List.of());
  }

  private EventSections generic(Context c, String kind) {
    List<PointsEntry> points = new ArrayList<>();
    if (random.nextBoolean()) {
      points.add(regular(c, decimal(1, 200, 1), null, null));
    }
    if (random.nextInt(5) == 0) {
      points.add(promo(c, null));
    }
    return new EventSections(
        points,
        null,
        List.of(new NameValue("event_type", kind)),
        random.nextInt(4) == 0 ? extendedFields() : List.of(),
        List.of(),
        random.nextInt(10) < 3 ? currencies(c) : List.of());
  }

  private PointsEntry regular(
      Context c, BigDecimal value, @Nullable BigDecimal sourceValue, @Nullable Long lineItemId) {
    EnumMap<PointsField, Object> f = common(c, value);
    breakup(f, c, sourceValue, 3, "Spend10", 1, "Main");
    if (lineItemId != null) {
      f.put(PointsField.LINE_ITEM_ID, lineItemId);
    }
    return new PointsEntry(Bucket.REGULAR, new Fields<>(f));
  }

  private PointsEntry promo(Context c, @Nullable BigDecimal sourceValue) {
    int promotion = random.nextInt(PROMOTIONS.length);
    LocalDate day = c.date();
    EnumMap<PointsField, Object> f =
        common(c, random.nextBoolean() ? BigDecimal.valueOf(50) : decimal(10, 5_000, 2));
    f.put(PointsField.PROMOTION_ID, 9L + promotion);
    f.put(PointsField.PROMOTION_NAME, PROMOTIONS[promotion]);
    f.put(PointsField.PROMOTION_START_DATE, day.withDayOfMonth(1));
    f.put(PointsField.PROMOTION_END_DATE, day.withDayOfMonth(day.lengthOfMonth()));
    breakup(f, c, sourceValue, 5, "PromoFlat", 1, "Main");
    return new PointsEntry(Bucket.PROMO, new Fields<>(f));
  }

  private PointsEntry promised(Context c, BigDecimal sourceValue) {
    EnumMap<PointsField, Object> f = common(c, tenth(sourceValue).setScale(1, RoundingMode.DOWN));
    f.put(PointsField.CONVERSION_DATE, c.date().plusDays(15 + random.nextInt(31)));
    boolean external = random.nextInt(4) == 0;
    breakup(
        f,
        c,
        sourceValue,
        7,
        "DelayedAccrual30",
        external ? 5 : 4,
        external ? "ExternalTriggerBasedPointCategory" : "DelayedAccrualPointCategory");
    f.put(PointsField.DELAY_STRATEGY, external ? "EXTERNAL_TRIGGER" : "FIXED_DATE");
    return new PointsEntry(Bucket.PROMISED, new Fields<>(f));
  }

  private EnumMap<PointsField, Object> common(Context c, BigDecimal value) {
    EnumMap<PointsField, Object> f = new EnumMap<>(PointsField.class);
    f.put(PointsField.VALUE, value);
    f.put(PointsField.PROGRAM_ID, c.programId);
    f.put(PointsField.PROGRAM_NAME, c.programId == 1 ? "Main" : "Program " + c.programId);
    boolean fixed = random.nextInt(3) > 0;
    f.put(PointsField.EXPIRES_ON, fixed ? c.date().plusYears(1) : c.date().plusDays(180));
    f.put(PointsField.EXPIRY_TYPE, fixed ? "fixed" : "rolling");
    return f;
  }

  private void breakup(
      EnumMap<PointsField, Object> f,
      Context c,
      @Nullable BigDecimal sourceValue,
      long strategyId,
      String strategy,
      long categoryId,
      String category) {
    f.put(PointsField.AWARDED_ON, c.time);
    if (sourceValue != null) {
      f.put(PointsField.SOURCE_VALUE, sourceValue);
    }
    f.put(PointsField.ALLOCATION_STRATEGY_ID, strategyId);
    f.put(PointsField.ALLOCATION_STRATEGY_NAME, strategy);
    f.put(PointsField.POINTS_CATEGORY_ID, categoryId);
    f.put(PointsField.POINTS_CATEGORY_NAME, category);
    boolean twelveMonths = "fixed".equals(f.get(PointsField.EXPIRY_TYPE));
    f.put(PointsField.EXPIRY_STRATEGY_ID, twelveMonths ? 2L : 6L);
    f.put(PointsField.EXPIRY_STRATEGY_NAME, twelveMonths ? "12 months" : "180 days rolling");
  }

  private List<NameValue> customFields(String name, String[] values) {
    return List.of(new NameValue(name, values[random.nextInt(values.length)]));
  }

  private List<NameValue> extendedFields() {
    List<NameValue> fields = new ArrayList<>(2);
    fields.add(new NameValue("store_zone", ZONES[random.nextInt(ZONES.length)]));
    if (random.nextBoolean()) {
      fields.add(new NameValue("basket_size", Integer.toString(1 + random.nextInt(30))));
    }
    return fields;
  }

  private List<PaymentMode> paymentModes(BigDecimal amount) {
    String first = PAYMENT_MODES[random.nextInt(PAYMENT_MODES.length)];
    if (random.nextInt(4) > 0 || amount.signum() == 0) {
      return List.of(new PaymentMode(first, amount));
    }
    String second = PAYMENT_MODES[random.nextInt(PAYMENT_MODES.length)];
    if (second.equals(first)) {
      second = "CASH".equals(first) ? "UPI" : "CASH";
    }
    BigDecimal part = amount.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
    return List.of(new PaymentMode(first, part), new PaymentMode(second, amount.subtract(part)));
  }

  private List<AlternateCurrency> currencies(Context c) {
    int first = random.nextInt(CURRENCIES.length);
    List<AlternateCurrency> list = new ArrayList<>(2);
    list.add(currency(c, first));
    if (random.nextInt(4) == 0) {
      list.add(currency(c, (first + 1) % CURRENCIES.length));
    }
    return list;
  }

  private AlternateCurrency currency(Context c, int index) {
    BigDecimal value =
        random.nextBoolean() ? BigDecimal.valueOf(1 + random.nextInt(10)) : decimal(5, 999, 1);
    EnumMap<PointsField, Object> f = new EnumMap<>(PointsField.class);
    f.put(PointsField.VALUE, value);
    f.put(PointsField.EXPIRES_ON, c.date().plusMonths(6 + index * 6L));
    return new AlternateCurrency(
        CURRENCIES[index], CURRENCY_CODES[index], new PointsEntry(Bucket.REGULAR, new Fields<>(f)));
  }

  private void remember(PastBill bill) {
    if (recentBills.size() == RECENT_BILLS) {
      recentBills.remove(0);
    }
    recentBills.add(bill);
  }

  private long tillId(long orgId) {
    return 50_000_000L + (orgId % 1000) * 1000 + random.nextInt(25);
  }

  private String uniqueId() {
    char[] id = new char[10];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
    }
    return new String(id);
  }

  /** A random UUID-shaped id (version 4 layout), from this generator's random. */
  private String uuid() {
    long high = random.nextLong();
    long low = random.nextLong();
    high = (high & ~0xF000L) | 0x4000L;
    low = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new java.util.UUID(high, low).toString();
  }

  /** A decimal of {@code scale} between {@code min} and {@code max} units of its last digit. */
  private BigDecimal decimal(long min, long max, int scale) {
    return BigDecimal.valueOf(random.nextLong(min, max + 1), scale);
  }

  /** A tenth of an amount, exactly, written with three decimals like the ledger's points. */
  private static BigDecimal tenth(BigDecimal amount) {
    return amount.divide(TEN, 3, RoundingMode.DOWN);
  }

  private record Context(Person person, LedgerTime time, long programId) {
    LocalDate date() {
      return LocalDate.ofInstant(time.instant(), ZoneOffset.UTC);
    }
  }

  /** A bill of the current customer and what of it has not been returned yet. */
  private static final class PastBill {
    final String referenceId;
    final String billNumber;
    final BigDecimal amount;
    final LedgerTime time;
    final List<LineItem> items;
    final @Nullable PointsEntry promotion;
    final List<LineItem> returnedLines = new ArrayList<>();
    BigDecimal remaining;

    PastBill(
        String referenceId,
        String billNumber,
        BigDecimal amount,
        LedgerTime time,
        List<LineItem> items,
        @Nullable PointsEntry promotion) {
      this.referenceId = referenceId;
      this.billNumber = billNumber;
      this.amount = amount;
      this.time = time;
      this.items = items;
      this.promotion = promotion;
      this.remaining = amount;
    }
  }

  /** A target to reach: its milestones are multiples of {@code step}. */
  private record Goal(
      long groupId, String groupName, long targetId, String name, BigDecimal step) {}

  /** The milestones of a target still to be written for the current customer. */
  private static final class Milestones {
    final Goal goal;
    final String referenceId;
    final LedgerTime time;
    int left;
    int next = 1;

    Milestones(Goal goal, int count, String referenceId, LedgerTime time) {
      this.goal = goal;
      this.left = count;
      this.referenceId = referenceId;
      this.time = time;
    }
  }

  /** A customer who can be the other party of a transfer. */
  private record Counterpart(long customerId, String firstName, String lastName) {}
}

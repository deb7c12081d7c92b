package com.ledgerexplode.export.sink;

import com.ledgerexplode.export.outcome.ExportJson;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the reporting database keeps of one exploded event beyond its JSON, read from the event's
 * exported object (customerId, then the API's event object), whichever ledger answered it: the
 * engine over the store, or the vendor's API. Its header's typed columns, its points entries as the
 * object shows them, and the typed columns and rows of points earned, spent or moved, read from its
 * points, its bill and its type's blocks (V3's comments say what each holds). Blocks are verbatim
 * ledger JSON, so a value not of its column's type is NULL there; the event's JSON column keeps it
 * as exported. Numbers are exact (read from their digits), times are read from their ISO-8601 twin
 * ({@code eventTimeISO}), else from the vendor's legacy form (UTC).
 *
 * @param orgId the event's orgId
 * @param eventLogId the event's eventLogId
 * @param customerId the exported object's customerId; null when the job knows no customer (an event
 *     of the vendor's API whose answer named none)
 * @param header the values of {@link #HEADER_COLUMNS}, in that order (nulls among them)
 * @param columns the values of {@link #COLUMNS}, in that order (nulls among them)
 * @param points rows of bucket and position within the bucket's list, then {@link #POINTS_COLUMNS},
 *     to follow the event's key (run, org, event, line)
 * @param redemptions rows after the key (run, org, event, line, position), in the order of {@link
 *     #REDEMPTION_COLUMNS}
 * @param transfers rows of side ({@code from}, {@code to}) and position within the side, then
 *     {@link #TRANSFER_COLUMNS}, to follow the event's key (run, org, event, line)
 * @param deductions rows after the key (run, org, event, line, position), in the order of {@link
 *     #DEDUCTION_COLUMNS}
 */
record EventFacts(
    long orgId,
    long eventLogId,
    @Nullable Long customerId,
    List<@Nullable Object> header,
    List<@Nullable Object> columns,
    List<@Nullable Object[]> points,
    List<@Nullable Object[]> redemptions,
    List<@Nullable Object[]> transfers,
    List<@Nullable Object[]> deductions) {

  static final List<String> HEADER_COLUMNS =
      List.of("event_name", "event_time", "till_id", "event_reference_id", "unique_id");
  static final List<String> COLUMNS =
      List.of(
          "points_regular",
          "points_promo",
          "points_promised",
          "program_id",
          "bill_number",
          "bill_amount",
          "return_amount",
          "points_redeemed",
          "points_transferred",
          "points_deducted",
          "voucher_series_id",
          "voucher_code");

  /** The points fields the reporting schema has columns for (those the ledger had first). */
  private static final Set<PointsField> REPORTED_POINTS =
      EnumSet.range(PointsField.VALUE, PointsField.LINE_ITEM_ID);

  static final List<String> POINTS_COLUMNS =
      REPORTED_POINTS.stream()
          .map(field -> field == PointsField.VALUE ? "points" : field.column())
          .toList();
  static final List<String> REDEMPTION_COLUMNS =
      List.of("customer_id", "redemption_id", "points", "program_id", "program_name");
  static final List<String> TRANSFER_COLUMNS =
      List.of(
          "from_user_id", "to_user_id", "transfer_type", "points", "program_id", "program_name");
  static final List<String> DEDUCTION_COLUMNS =
      List.of(
          "customer_id",
          "points_deducted",
          "program_id",
          "program_name",
          "promotion_id",
          "promotion_name",
          "deduction_type",
          "point_awarded_ref_type",
          "point_awarded_ref_id",
          "points_deducted_on",
          "points_deducted_by",
          "reason");

  /** Where an event object carries pointsEarned and its breakup: its type's place. */
  private static final List<String> POINTS_PLACES =
      List.of("billDetails", "targetCompletedDetails");

  /**
   * The facts of the exported object {@code exported} (compact JSON text).
   *
   * @throws IllegalArgumentException when it is not a JSON object with a numeric orgId and
   *     eventLogId (the reporting tables' key)
   */
  static EventFacts of(String exported) {
    Map<?, ?> event = ExportJson.tree(exported);
    Long orgId = integer(event.get("orgId"));
    Long eventLogId = integer(event.get("eventLogId"));
    if (orgId == null || eventLogId == null) {
      throw new IllegalArgumentException(
          "an event without a numeric orgId and eventLogId cannot be reported: " + exported);
    }
    Long customerId = integer(event.get("customerId"));
    Map<?, ?> details = map(event.get("eventDetails"));
    Instant eventTime = time(details, "eventTime");
    List<@Nullable Object> header =
        Arrays.asList(
            text(event.get("eventName")),
            eventTime == null ? null : utc(eventTime),
            integer(details.get("tillId")),
            text(event.get("eventReferenceId")),
            text(event.get("uniqueId")));
    Set<Long> programs = new LinkedHashSet<>();

    List<@Nullable Object[]> redemptions = new ArrayList<>();
    Map<?, ?> redemption = map(details.get("redemptionDetails"));
    for (Object row : list(event.get("pointsBreakup"))) {
      Map<?, ?> r = map(row);
      Long program = integer(r.get("programId"));
      addProgram(programs, program);
      redemptions.add(
          new @Nullable Object[] {
            customerId,
            text(redemption.get("redemptionId")),
            decimal(r.get("points")),
            program,
            text(r.get("programName"))
          });
    }

    List<@Nullable Object[]> transfers = new ArrayList<>();
    Map<?, ?> from = map(event.get("transferredFrom"));
    Map<?, ?> to = map(event.get("transferredTo"));
    BigDecimal transferred = null;
    for (Map.Entry<String, Map<?, ?>> side :
        List.<Map.Entry<String, Map<?, ?>>>of(Map.entry("from", from), Map.entry("to", to))) {
      List<BigDecimal> points = new ArrayList<>();
      boolean exact = true;
      int position = 0;
      for (Object row : list(side.getValue().get("pointsTransferDetails"))) {
        Map<?, ?> r = map(row);
        BigDecimal value = decimal(r.get("points"));
        Long program = integer(r.get("programId"));
        addProgram(programs, program);
        if (value == null) {
          exact = false;
        } else {
          points.add(value);
        }
        transfers.add(
            new @Nullable Object[] {
              side.getKey(),
              position++,
              text(from.get("userId")),
              text(to.get("userId")),
              text(side.getValue().get("transferType")),
              value,
              program,
              text(r.get("programName"))
            });
      }
      if (side.getKey().equals("from") && exact && from.containsKey("pointsTransferDetails")) {
        transferred = points.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      }
    }

    List<@Nullable Object[]> deductions = new ArrayList<>();
    Map<?, ?> adjustment = map(event.get("manualPointsAdjustmentDetails"));
    for (Object row : list(adjustment.get("pointsDeductionBreakUpDetails"))) {
      Map<?, ?> r = map(row);
      Long program = integer(r.get("programId"));
      addProgram(programs, program);
      BigDecimal deducted = decimal(r.get("pointsDeductedStr"));
      Instant deductedOn = time(r, "pointsDeductedOn");
      deductions.add(
          new @Nullable Object[] {
            integer(r.get("customerId")),
            deducted != null ? deducted : decimal(r.get("pointsDeducted")),
            program,
            text(r.get("programName")),
            integer(r.get("promotionId")),
            text(r.get("promotionName")),
            text(r.get("deductionType")),
            text(r.get("pointAwardedRefType")),
            integer(r.get("pointAwardedRefId")),
            deductedOn == null ? null : utc(deductedOn),
            text(r.get("pointsDeductedBy")),
            text(adjustment.get("reason"))
          });
    }

    // pointsEarned sits at the type's place: in the bill, in the target's block, or at event level
    Map<?, ?> place = event;
    for (String name : POINTS_PLACES) {
      if (event.get(name) instanceof Map<?, ?> block && block.containsKey("pointsEarned")) {
        place = block;
      }
    }
    Map<Bucket, BigDecimal> earned = new EnumMap<>(Bucket.class);
    if (place.get("pointsEarned") instanceof Map<?, ?> pointsEarned) {
      for (Bucket bucket : Bucket.values()) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Object entry : list(pointsEarned.get(bucket.jsonName()))) {
          BigDecimal value = decimal(map(entry).get(PointsField.VALUE.jsonName()));
          if (value != null) {
            sum = sum.add(value);
          }
          addProgram(programs, integer(map(entry).get(PointsField.PROGRAM_ID.jsonName())));
        }
        earned.put(bucket, sum);
      }
    }
    Map<?, ?> bill = map(event.get("billDetails"));
    Map<?, ?> voucher = map(event.get("voucherRedemptionDetails"));
    List<@Nullable Object> columns =
        Arrays.asList(
            earned.get(Bucket.REGULAR),
            earned.get(Bucket.PROMO),
            earned.get(Bucket.PROMISED),
            programs.size() == 1 ? programs.iterator().next() : null,
            text(bill.get("billNumber")),
            decimal(bill.get("billAmount")),
            decimal(bill.get("returnAmount")),
            decimal(redemption.get("pointsRedeemed")),
            transferred,
            decimal(adjustment.get("totalPointsDeducted")),
            integer(voucher.get("voucherSeriesId")),
            text(voucher.get("redeemedVoucherCode")));
    return new EventFacts(
        orgId,
        eventLogId,
        customerId,
        header,
        columns,
        pointsRows(place),
        redemptions,
        transfers,
        deductions);
  }

  /**
   * The points entries of an event as its object shows them at {@code place}: its breakup's rows
   * when it has one, else its pointsEarned's; each bucket's in order. A row of the breakup's {@code
   * regular} list that carries {@code promotionDetails} is a promotional entry.
   */
  private static List<@Nullable Object[]> pointsRows(Map<?, ?> place) {
    Map<?, ?> entries =
        map(
            place.get(
                place.containsKey("pointsEarnedBreakup") ? "pointsEarnedBreakup" : "pointsEarned"));
    List<@Nullable Object[]> rows = new ArrayList<>();
    for (Bucket bucket : Bucket.values()) {
      List<?> inBucket = list(entries.get(bucket.jsonName()));
      for (int position = 0; position < inBucket.size(); position++) {
        Map<?, ?> entry = map(inBucket.get(position));
        Map<?, ?> promotion = map(entry.get("promotionDetails"));
        @Nullable Object[] row = new @Nullable Object[2 + REPORTED_POINTS.size()];
        row[0] = promotion.isEmpty() ? bucket.jsonName() : Bucket.PROMO.jsonName();
        row[1] = position;
        int column = 2;
        for (PointsField field : REPORTED_POINTS) {
          Map<?, ?> holder = promotion.containsKey(field.jsonName()) ? promotion : entry;
          row[column++] = pointsValue(field, holder);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * These facts with what the store knows of the event's points entries beyond what its object
   * shows: each points row's own bucket, and the fields the vendor's object leaves out (a regular
   * entry's lineItemId, a promised entry's expiry, a promotion's dates in a breakup row), so that a
   * run over the store reports what it reported before the rows were read from the object.
   *
   * @param entries the entries the rows were read from, by the list they are in: the breakup's when
   *     the event has one, else pointsEarned's
   * @param breakup whether they are the breakup's (whose regular list holds the promotional ones)
   */
  EventFacts withEntries(Map<Bucket, List<PointsEntry>> entries, boolean breakup) {
    if (points.isEmpty()) {
      // a type whose object shows no points (a redemption, a transfer, an adjustment) may still
      // hold entries in the ledger: their rows come from the entries alone
      List<@Nullable Object[]> rows = new ArrayList<>();
      for (Bucket bucket : Bucket.values()) {
        List<PointsEntry> inList = entries.getOrDefault(bucket, List.of());
        for (int position = 0; position < inList.size(); position++) {
          @Nullable Object[] row = new @Nullable Object[2 + REPORTED_POINTS.size()];
          row[0] = inList.get(position).bucket().jsonName();
          row[1] = position;
          int column = 2;
          for (PointsField field : REPORTED_POINTS) {
            Object value = inList.get(position).fields().get(field);
            row[column++] = value instanceof LedgerTime time ? utc(time.instant()) : value;
          }
          rows.add(row);
        }
      }
      return new EventFacts(
          orgId, eventLogId, customerId, header, columns, rows, redemptions, transfers, deductions);
    }
    List<@Nullable Object[]> filled = new ArrayList<>(points.size());
    for (@Nullable Object[] row : points) {
      @Nullable Object[] copy = row.clone();
      Bucket list = Bucket.valueOf(String.valueOf(row[0]).toUpperCase(Locale.ROOT));
      if (breakup && list == Bucket.PROMO) {
        list = Bucket.REGULAR;
      }
      List<PointsEntry> inList = entries.getOrDefault(list, List.of());
      int position = (Integer) row[1];
      if (position < inList.size()) {
        PointsEntry entry = inList.get(position);
        copy[0] = entry.bucket().jsonName();
        int column = 2;
        for (PointsField field : REPORTED_POINTS) {
          Object value = entry.fields().get(field);
          if (copy[column] == null && value != null) {
            copy[column] = value instanceof LedgerTime time ? utc(time.instant()) : value;
          }
          column++;
        }
      }
      filled.add(copy);
    }
    return new EventFacts(
        orgId, eventLogId, customerId, header, columns, filled, redemptions, transfers, deductions);
  }

  /** A points field's value as its column types it: dates as the UTC date of their time. */
  private static @Nullable Object pointsValue(PointsField field, Map<?, ?> entry) {
    Object value = entry.get(field.jsonName());
    return switch (field.type()) {
      case DECIMAL -> decimal(value);
      case INTEGER -> integer(value);
      case TEXT -> text(value);
      case DATE -> {
        Instant time = time(entry, field.jsonName());
        yield time == null ? null : utc(time).toLocalDate();
      }
      case TIMESTAMP -> {
        Instant time = time(entry, field.jsonName());
        yield time == null ? null : utc(time);
      }
    };
  }

  /** The key of a row of this event, then the row's values. */
  static @Nullable Object[] keyed(@Nullable Object[] key, @Nullable Object[] row) {
    @Nullable Object[] keyedRow = Arrays.copyOf(key, key.length + row.length);
    System.arraycopy(row, 0, keyedRow, key.length, row.length);
    return keyedRow;
  }

  /** Rows keyed by position in their list (transfers carry their side and position already). */
  static List<@Nullable Object[]> positioned(
      @Nullable Object[] key, List<@Nullable Object[]> rows) {
    List<@Nullable Object[]> keyedRows = new ArrayList<>(rows.size());
    for (int position = 0; position < rows.size(); position++) {
      keyedRows.add(keyed(keyed(key, new @Nullable Object[] {position}), rows.get(position)));
    }
    return keyedRows;
  }

  private static void addProgram(Set<Long> programs, @Nullable Long program) {
    if (program != null) {
      programs.add(program);
    }
  }

  private static Map<?, ?> map(@Nullable Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }

  private static List<?> list(@Nullable Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * The time at {@code key} of an object: its ISO-8601 twin ({@code key + "ISO"}) when it has one,
   * else the vendor's legacy form; null when neither reads as a time.
   */
  private static @Nullable Instant time(Map<?, ?> object, String key) {
    try {
      if (object.get(key + "ISO") instanceof String iso) {
        return LedgerTime.parse(iso).instant();
      }
      if (object.get(key) instanceof String legacy) {
        return LedgerTime.parseLegacy(legacy);
      }
    } catch (DateTimeParseException e) {
      return null;
    }
    return null;
  }

  /** An exact decimal from a JSON number or from the vendor's string-typed amounts. */
  private static @Nullable BigDecimal decimal(@Nullable Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A whole number from a JSON number or from the vendor's string-typed ids. */
  private static @Nullable Long integer(@Nullable Object value) {
    BigDecimal d = decimal(value);
    if (d == null) {
      return null;
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static @Nullable String text(@Nullable Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    return null;
  }
}

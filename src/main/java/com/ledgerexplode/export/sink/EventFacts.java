package com.ledgerexplode.export.sink;

import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventType;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import com.ledgerexplode.ledger.TypeDetail;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the reporting database keeps of one exploded event beyond its JSON: the typed columns of
 * report_event and the rows of points spent or moved, read from its points entries, its bill and
 * its type's blocks (V3's comments say what each holds). Blocks are verbatim ledger JSON, so a
 * value not of its column's type is NULL there; the event's JSON column keeps it as exported.
 *
 * @param columns the values of {@link #COLUMNS}, in that order (nulls among them)
 * @param redemptions rows after the key (run, org, event, line, position), in the order of {@link
 *     #REDEMPTION_COLUMNS}
 * @param transfers rows of side ({@code from}, {@code to}) and position within the side, then
 *     {@link #TRANSFER_COLUMNS}, to follow the event's key (run, org, event, line)
 * @param deductions rows after the key (run, org, event, line, position), in the order of {@link
 *     #DEDUCTION_COLUMNS}
 */
record EventFacts(
    List<@Nullable Object> columns,
    List<@Nullable Object[]> redemptions,
    List<@Nullable Object[]> transfers,
    List<@Nullable Object[]> deductions) {

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

  static EventFacts of(long customerId, ExplodedEvent event) {
    TypeDetail type = event.header().typeDetail();
    Set<Long> programs = new LinkedHashSet<>();

    List<@Nullable Object[]> redemptions = new ArrayList<>();
    Map<?, ?> redemption = map(type.details().get("redemptionDetails"));
    for (Object row : list(type.blocks().get("pointsBreakup"))) {
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
    Map<?, ?> from = map(type.blocks().get("transferredFrom"));
    Map<?, ?> to = map(type.blocks().get("transferredTo"));
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
    Map<?, ?> adjustment = map(type.blocks().get("manualPointsAdjustmentDetails"));
    for (Object row : list(adjustment.get("pointsDeductionBreakUpDetails"))) {
      Map<?, ?> r = map(row);
      Long program = integer(r.get("programId"));
      addProgram(programs, program);
      BigDecimal deducted = decimal(r.get("pointsDeductedStr"));
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
            r.get("pointsDeductedOn") instanceof LedgerTime on
                ? on.instant().atOffset(ZoneOffset.UTC)
                : null,
            text(r.get("pointsDeductedBy")),
            text(adjustment.get("reason"))
          });
    }

    Map<Bucket, BigDecimal> earned = new EnumMap<>(Bucket.class);
    if (EventType.pointsPlaceOf(event.header().eventName()) != EventType.PointsPlace.NONE) {
      for (Bucket bucket : Bucket.values()) {
        BigDecimal sum = BigDecimal.ZERO;
        for (PointsEntry entry : event.pointsEarned().getOrDefault(bucket, List.of())) {
          if (entry.fields().get(PointsField.VALUE) instanceof BigDecimal value) {
            sum = sum.add(value);
          }
          addProgram(programs, (Long) entry.fields().get(PointsField.PROGRAM_ID));
        }
        earned.put(bucket, sum);
      }
    }
    Bill bill = event.billDetails();
    Map<?, ?> voucher = map(type.blocks().get("voucherRedemptionDetails"));
    List<@Nullable Object> columns =
        Arrays.asList(
            earned.get(Bucket.REGULAR),
            earned.get(Bucket.PROMO),
            earned.get(Bucket.PROMISED),
            programs.size() == 1 ? programs.iterator().next() : null,
            bill == null ? null : bill.fields().get(BillField.BILL_NUMBER),
            bill == null ? null : bill.fields().get(BillField.BILL_AMOUNT),
            bill == null ? null : bill.fields().get(BillField.RETURN_AMOUNT),
            decimal(redemption.get("pointsRedeemed")),
            transferred,
            decimal(adjustment.get("totalPointsDeducted")),
            integer(voucher.get("voucherSeriesId")),
            text(voucher.get("redeemedVoucherCode")));
    return new EventFacts(columns, redemptions, transfers, deductions);
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

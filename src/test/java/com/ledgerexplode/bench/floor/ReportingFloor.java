package com.ledgerexplode.bench.floor;

import com.ledgerexplode.bench.floor.ImportFloor.Table;
import com.ledgerexplode.export.sink.ReportingDatabaseSink;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.store.Databases;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The export job into the PostgreSQL reporting database written by hand, as the floor the product's
 * reporting sink is measured against: {@link JobFloor}'s reads and export lines (kept in memory, no
 * file), each turned into the rows the product's sink writes (report_event, report_points,
 * report_reject, report_redemption, report_transfer, report_deduction, and the run's row's counts)
 * with plain JDBC: batched upserts committed per chunk as the product does ({@link Mode#BATCH}), or
 * COPY in one transaction ({@link Mode#COPY}). The event's typed columns are read from its exported
 * object, as the product reads them; its points rows from the ledger's rows the floor read (each
 * entry with its own bucket and every column the ledger has, breakup-only ones when the request
 * asked for the breakup). Same rows as the product but the run key ({@code ReportingFloorTest}).
 * Not a product: a yardstick.
 */
public final class ReportingFloor implements JobFloor.Records {
  /** How the rows are written. */
  public enum Mode {
    COPY,
    BATCH
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> NO_POINTS =
      Set.of("PointsRedemption", "PointsTransfer", "ManualPointsAdjustment");
  private static final String KEY = "run_key:V, org_id:B, event_log_id:B, request_line:B, ";

  /** The key columns of each table, for the upserts. */
  private static final Map<Table, Integer> KEYS = new LinkedHashMap<>();

  private static final Table EVENTS =
      table(
          "report_event",
          4,
          KEY
              + "customer_id:B, group_id:B, event_name:V, event_time:T, till_id:B,"
              + " event_reference_id:V, unique_id:V, request:V, event:J, points_regular:N,"
              + " points_promo:N, points_promised:N, program_id:B, bill_number:V, bill_amount:N,"
              + " return_amount:N, points_redeemed:N, points_transferred:N, points_deducted:N,"
              + " voucher_series_id:B, voucher_code:V");
  private static final Table POINTS =
      table(
          "report_points",
          6,
          KEY
              + "bucket:V, position:I, points:N, program_id:B, program_name:V, expires_on:D,"
              + " expiry_type:V, promotion_id:B, promotion_name:V, promotion_start_date:D,"
              + " promotion_end_date:D, conversion_date:D, awarded_on:T, source_value:N,"
              + " allocation_strategy_id:B, allocation_strategy_name:V, points_category_id:B,"
              + " points_category_name:V, expiry_strategy_id:B, expiry_strategy_name:V,"
              + " line_item_id:B");
  private static final Table REJECTS =
      table(
          "report_reject",
          6,
          "run_key:V, request_line:B, kind:V, code:I, event_id:V, event_reference_id:V,"
              + " message:V, request:V, raw_text:V, record:V");
  private static final Table REDEMPTIONS =
      table(
          "report_redemption",
          5,
          KEY
              + "position:I, customer_id:B, redemption_id:V, points:N, program_id:B,"
              + " program_name:V");
  private static final Table TRANSFERS =
      table(
          "report_transfer",
          6,
          KEY
              + "side:V, position:I, from_user_id:V, to_user_id:V, transfer_type:V, points:N,"
              + " program_id:B, program_name:V");
  private static final Table DEDUCTIONS =
      table(
          "report_deduction",
          5,
          KEY
              + "position:I, customer_id:B, points_deducted:N, program_id:B, program_name:V,"
              + " promotion_id:B, promotion_name:V, deduction_type:V, point_awarded_ref_type:V,"
              + " point_awarded_ref_id:B, points_deducted_on:T, points_deducted_by:V, reason:V");
  private static final Table RUNS =
      table(
          "report_run",
          1,
          "run_key:V, execution_id:B, status:V, settings:V, rows_read:B, rows_exploded:B,"
              + " rows_rejected:B, rows_unreadable:B, events_written:B, warnings:B");

  // the index in the ledger's points row (JobFloor.POINTS_COLUMNS) of each report_points column
  // after bucket and position; and of those the breakup only shows (null without the breakup)
  private static final int[] POINT_INDEXES = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 23
  };
  private static final Set<Integer> BREAKUP_ONLY_INDEXES =
      Set.of(11, 13, 14, 15, 16, 17, 18, 19, 23);

  private final Connection reporting;
  private final ImportFloor.Sink sink;
  private final Mode mode;
  private final String runKey;
  private long warnings;
  private final Set<Integer> rejectedLines = new LinkedHashSet<>();

  private ReportingFloor(Connection reporting, Mode mode, String runKey) throws SQLException {
    this.reporting = reporting;
    this.mode = mode;
    this.runKey = runKey;
    this.sink =
        mode == Mode.COPY
            ? new ImportFloor.CopySink(reporting)
            : new ImportFloor.BatchSink(reporting, ReportingFloor::onConflict);
  }

  /**
   * {@code ReportingFloor LEDGER_URL INPUT REPORTING_URL ORG COPY|BATCH}: a run in its own JVM, as
   * the product's: migrates the reporting schema (the product's, as its sink does on opening), then
   * writes the rows.
   */
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    try (Connection ledger = JobFloor.connect(args[0]);
        HikariDataSource reporting = Databases.open(args[2], "REPORTING_DB", Map.of())) {
      ReportingDatabaseSink.migrate(reporting);
      try (Connection c = reporting.getConnection()) {
        JobFloor.Result result =
            write(
                ledger,
                Path.of(args[1]),
                c,
                Long.parseLong(args[3]),
                Mode.valueOf(args[4]),
                UUID.randomUUID().toString());
        System.out.printf(
            Locale.ROOT,
            "floor: %d rows, %d events into the reporting database in %.2f s%n",
            result.rows(),
            result.events(),
            (System.nanoTime() - start) / 1e9);
      }
    }
  }

  /** Answers the requests of {@code input} into the reporting tables (which must exist). */
  public static JobFloor.Result write(
      Connection ledger, Path input, Connection reporting, long org, Mode mode, String runKey)
      throws Exception {
    boolean autoCommit = reporting.getAutoCommit();
    reporting.setAutoCommit(false);
    ReportingFloor floor = new ReportingFloor(reporting, mode, runKey);
    try {
      JobFloor.Result result = new JobFloor(ledger, org, 100).run(input, floor);
      floor.sink.row(
          RUNS,
          new Object[] {
            runKey,
            0L,
            "COMPLETED",
            "{}",
            result.rows(),
            result.rows() - floor.rejectedLines.size(),
            (long) floor.rejectedLines.size(),
            0L,
            result.events(),
            floor.warnings
          });
      floor.sink.flush(true);
      reporting.commit();
      return result;
    } catch (Exception e) {
      reporting.rollback();
      throw e;
    } finally {
      floor.sink.close();
      reporting.setAutoCommit(autoCommit);
    }
  }

  @Override
  public void chunkWritten() throws SQLException {
    if (mode == Mode.BATCH) {
      sink.flush(true);
      reporting.commit();
    } else {
      sink.flush(false);
    }
  }

  @Override
  public void reject(String line, int requestLine) throws SQLException {
    Map<String, Object> r = tree(line);
    String kind = (String) r.get("kind");
    if (kind.equals("rejected")) {
      rejectedLines.add(requestLine);
    } else {
      warnings++;
    }
    sink.row(
        REJECTS,
        new Object[] {
          runKey,
          (long) requestLine,
          kind,
          integer(r.get("code")),
          orEmpty(text(r.get("eventId"))),
          orEmpty(text(r.get("eventReferenceId"))),
          text(r.get("message")),
          requestText(line),
          null,
          line
        });
  }

  @Override
  public void event(String line, int requestLine, Object[] h, List<Object[]> points)
      throws SQLException {
    int requestEnd = requestEnd(line);
    String request = line.substring(line.indexOf("\"request\":") + 10, requestEnd);
    String exported = "{" + line.substring(requestEnd + 1);
    Map<String, Object> event = tree(exported);
    long orgId = integer(event.get("orgId"));
    long eventLogId = integer(event.get("eventLogId"));
    Object[] key = {runKey, orgId, eventLogId, (long) requestLine};
    Long customerId = integer(event.get("customerId"));
    Map<?, ?> details = map(event.get("eventDetails"));
    String name = text(event.get("eventName"));
    Set<Long> programs = new LinkedHashSet<>();

    Map<?, ?> redemption = map(details.get("redemptionDetails"));
    List<?> breakup = list(event.get("pointsBreakup"));
    for (int i = 0; i < breakup.size(); i++) {
      Map<?, ?> r = map(breakup.get(i));
      Long program = program(programs, r);
      sink.row(
          REDEMPTIONS,
          row(
              key,
              i,
              customerId,
              text(redemption.get("redemptionId")),
              decimal(r.get("points")),
              program,
              text(r.get("programName"))));
    }

    Map<?, ?> from = map(event.get("transferredFrom"));
    Map<?, ?> to = map(event.get("transferredTo"));
    BigDecimal transferred = null;
    for (String side : List.of("from", "to")) {
      Map<?, ?> block = side.equals("from") ? from : to;
      BigDecimal sum = BigDecimal.ZERO;
      List<?> rows = list(block.get("pointsTransferDetails"));
      for (int i = 0; i < rows.size(); i++) {
        Map<?, ?> r = map(rows.get(i));
        BigDecimal value = decimal(r.get("points"));
        sum = sum == null || value == null ? null : sum.add(value);
        sink.row(
            TRANSFERS,
            row(
                key,
                side,
                i,
                text(from.get("userId")),
                text(to.get("userId")),
                text(block.get("transferType")),
                value,
                program(programs, r),
                text(r.get("programName"))));
      }
      if (side.equals("from") && from.containsKey("pointsTransferDetails")) {
        transferred = sum;
      }
    }

    Map<?, ?> adjustment = map(event.get("manualPointsAdjustmentDetails"));
    List<?> deductions = list(adjustment.get("pointsDeductionBreakUpDetails"));
    for (int i = 0; i < deductions.size(); i++) {
      Map<?, ?> r = map(deductions.get(i));
      BigDecimal deducted = decimal(r.get("pointsDeductedStr"));
      sink.row(
          DEDUCTIONS,
          row(
              key,
              i,
              integer(r.get("customerId")),
              deducted != null ? deducted : decimal(r.get("pointsDeducted")),
              program(programs, r),
              text(r.get("programName")),
              integer(r.get("promotionId")),
              text(r.get("promotionName")),
              text(r.get("deductionType")),
              text(r.get("pointAwardedRefType")),
              integer(r.get("pointAwardedRefId")),
              time(r, "pointsDeductedOn"),
              text(r.get("pointsDeductedBy")),
              text(adjustment.get("reason"))));
    }

    // points earned: every type but those that spend or move points shows them (a bill event asked
    // without its bill too, for the product), summed by each entry's own bucket
    BigDecimal[] earned = null;
    if (!NO_POINTS.contains(name)) {
      earned = new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
      for (Object[] p : points) {
        if (p[1] != null) {
          int bucket = bucketIndex((String) p[0]);
          earned[bucket] = earned[bucket].add(new BigDecimal((String) p[1]));
        }
        if (p[2] != null) {
          programs.add((Long) p[2]);
        }
      }
    }
    pointsRows(key, points, breakupAsked(tree(request)));

    Map<?, ?> bill = map(event.get("billDetails"));
    Map<?, ?> voucher = map(event.get("voucherRedemptionDetails"));
    sink.row(
        EVENTS,
        row(
            key,
            customerId,
            h[2],
            name,
            time(details, "eventTime"),
            integer(details.get("tillId")),
            text(event.get("eventReferenceId")),
            text(event.get("uniqueId")),
            request,
            exported,
            earned == null ? null : earned[0],
            earned == null ? null : earned[1],
            earned == null ? null : earned[2],
            programs.size() == 1 ? programs.iterator().next() : null,
            text(bill.get("billNumber")),
            decimal(bill.get("billAmount")),
            decimal(bill.get("returnAmount")),
            decimal(redemption.get("pointsRedeemed")),
            transferred,
            decimal(adjustment.get("totalPointsDeducted")),
            integer(voucher.get("voucherSeriesId")),
            text(voucher.get("redeemedVoucherCode"))));
  }

  /**
   * Whether the request asked for the breakup (on unless its cell says otherwise: every flag is on
   * by default): the breakup's rows carry every column, pointsEarned's the summary's.
   */
  private static boolean breakupAsked(Map<String, Object> request) {
    String cell = text(request.get("getPointsEarnedBreakup"));
    return cell == null || cell.isBlank() || cell.trim().equalsIgnoreCase("true");
  }

  /**
   * The event's points rows: each entry of the ledger, in the lists the object shows them in (the
   * breakup's regular (promotional entries among them) and promised; else regular, promo,
   * promised), with its own bucket and its position in its list.
   */
  private void pointsRows(Object[] key, List<Object[]> points, boolean breakup)
      throws SQLException {
    int[] positions = new int[3];
    for (Object[] p : points) {
      int bucket = bucketIndex((String) p[0]);
      int list = breakup && bucket == 1 ? 0 : bucket;
      Object[] row = new Object[POINTS.columns().size()];
      System.arraycopy(key, 0, row, 0, 4);
      row[4] = p[0];
      row[5] = positions[list]++;
      int column = 6;
      for (int index : POINT_INDEXES) {
        row[column++] = value(p, index, breakup);
      }
      sink.row(POINTS, row);
    }
  }

  private static Object value(Object[] p, int index, boolean breakup) {
    if (!breakup && BREAKUP_ONLY_INDEXES.contains(index)) {
      return null;
    }
    Object v = p[index];
    if (v instanceof OffsetDateTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC);
    }
    if (v instanceof String s && (index == 1 || index == 13)) {
      return new BigDecimal(s);
    }
    return v;
  }

  private static int bucketIndex(String bucket) {
    return switch (bucket) {
      case "regular" -> 0;
      case "promo" -> 1;
      default -> 2;
    };
  }

  private static Long program(Set<Long> programs, Map<?, ?> row) {
    Long program = integer(row.get("programId"));
    if (program != null) {
      programs.add(program);
    }
    return program;
  }

  private static Object[] row(Object[] key, Object... values) {
    Object[] row = new Object[key.length + values.length];
    System.arraycopy(key, 0, row, 0, key.length);
    System.arraycopy(values, 0, row, key.length, values.length);
    return row;
  }

  /** The index of the brace ending the line's {@code "request"} object. */
  private static int requestEnd(String line) {
    int i = line.indexOf("\"request\":{") + 10;
    int depth = 0;
    boolean inString = false;
    for (; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no request object: " + line);
  }

  private static String requestText(String line) {
    return line.substring(line.indexOf("\"request\":") + 10, requestEnd(line));
  }

  /** A JSON object as maps and lists, numbers as BigDecimal (their digits kept). */
  private static Map<String, Object> tree(String text) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
      p.nextToken();
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) value(p);
      return object;
    }
  }

  private static Object value(JsonParser p) {
    return switch (p.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
          p.nextToken();
          object.put(name, value(p));
        }
        yield object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          array.add(value(p));
        }
        yield array;
      }
      case VALUE_STRING -> p.getString();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new BigDecimal(p.getString());
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      default -> null;
    };
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  /** A time as UTC from its ISO-8601 twin ({@code key + "ISO"}), else its legacy form. */
  private static OffsetDateTime time(Map<?, ?> object, String key) {
    try {
      if (object.get(key + "ISO") instanceof String iso) {
        return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC);
      }
      if (object.get(key) instanceof String legacy) {
        return LedgerTime.parseLegacy(legacy).atOffset(ZoneOffset.UTC);
      }
    } catch (DateTimeParseException e) {
      return null;
    }
    return null;
  }

  private static BigDecimal decimal(Object value) {
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

  private static Long integer(Object value) {
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

  private static String text(Object value) {
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

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** A table of {@code keys} key columns ("name:type, ..." as {@link ImportFloor#table}). */
  private static Table table(String name, int keys, String columns) {
    Table table =
        ImportFloor.table(
            name,
            java.util.Arrays.stream(columns.split(",")).map(String::trim).toArray(String[]::new));
    KEYS.put(table, keys);
    return table;
  }

  private static String onConflict(Table t) {
    List<String> columns = t.columns();
    int keys = KEYS.get(t);
    return " ON CONFLICT ("
        + String.join(", ", columns.subList(0, keys))
        + ") DO UPDATE SET "
        + columns.subList(keys, columns.size()).stream()
            .map(c -> c + " = EXCLUDED." + c)
            .collect(Collectors.joining(", "));
  }
}

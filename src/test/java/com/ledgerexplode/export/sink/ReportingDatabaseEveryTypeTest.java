package com.ledgerexplode.export.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.Scope;
import com.ledgerexplode.export.job.ChunkExploder;
import com.ledgerexplode.export.outcome.ExportJson;
import com.ledgerexplode.export.outcome.OutputRecord;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestsCsvReader;
import com.ledgerexplode.json.api.EventJson;
import com.ledgerexplode.ledger.EventType;
import com.ledgerexplode.store.JdbcLedgerStore;
import com.ledgerexplode.store.LedgerSchema;
import com.ledgerexplode.store.SnapshotImporter;
import com.ledgerexplode.testing.JsonTrees;
import com.ledgerexplode.testing.ReportedOverTheApi;
import com.ledgerexplode.testing.ReportingTableNames;
import com.ledgerexplode.testing.StatementCounter;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reporting database holds every event type (V3): typed columns on report_event, the exported
 * object as JSON (jsonb on PostgreSQL), and the points redeemed, transferred and deducted in their
 * own tables; over sample-input, which has one event of each of the sixteen types, imported into
 * the ledger store of each database.
 */
class ReportingDatabaseEveryTypeTest {
  private static final Path SAMPLE = Path.of("sample-input");
  private static final Map<TestDatabase, List<OutputRecord>> RECORDS = new ConcurrentHashMap<>();
  private static final List<String> TABLES = ReportingTableNames.ROWS;

  /** The records of the whole sample, exploded over a ledger store imported into the database. */
  private static List<OutputRecord> sampleRecords(TestDatabase database) {
    return RECORDS.computeIfAbsent(database, ReportingDatabaseEveryTypeTest::explodeSample);
  }

  private static List<OutputRecord> explodeSample(TestDatabase database) {
    try {
      DataSource ledger = database.createEmpty();
      LedgerSchema.migrate(ledger);
      new SnapshotImporter(ledger).importSnapshot(SAMPLE.resolve("ledger.jsonl"), false);
      JdbcLedgerStore store = new JdbcLedgerStore(ledger);
      ExplodeEngine engine =
          new ExplodeEngine(store, Scope.resolve(store, 50406, DataScope.SELF, List.of()));
      List<RequestItem> items = new ArrayList<>();
      RequestsCsvReader reader = new RequestsCsvReader(SAMPLE.resolve("requests.csv"));
      reader.open(new ExecutionContext());
      try {
        for (RequestItem item = reader.read(); item != null; item = reader.read()) {
          items.add(item);
        }
      } finally {
        reader.close();
      }
      return RowOutcome.recordsOf(new ChunkExploder(engine, Map.of(), 3).explode(items));
    } catch (Exception e) {
      throw new IllegalStateException("Cannot explode the sample on " + database, e);
    }
  }

  private static ReportingDatabaseSink openedSink(DataSource db) {
    ReportingDatabaseSink sink = new ReportingDatabaseSink(db, "run-1");
    sink.open(new ExecutionContext());
    return sink;
  }

  private static DataSource sampleWritten(TestDatabase database) {
    DataSource db = database.createEmpty();
    openedSink(db).write(sampleRecords(database));
    return db;
  }

  /** The rows of a table of one event as one request line asked for it. */
  private static List<Map<String, Object>> rowsOf(
      DataSource db, String table, long eventLogId, long line) {
    return new JdbcTemplate(db)
        .queryForList(
            "SELECT * FROM " + table + " WHERE event_log_id = ? AND request_line = ?",
            eventLogId,
            line);
  }

  /** The row of one event, as the first request line asking for it left it. */
  private static Map<String, Object> event(DataSource db, long eventLogId) {
    return new JdbcTemplate(db)
        .queryForList(
            "SELECT * FROM report_event WHERE event_log_id = ? ORDER BY request_line", eventLogId)
        .get(0);
  }

  private static void assertDecimal(Object actual, String expected) {
    assertThat((BigDecimal) actual).isEqualByComparingTo(new BigDecimal(expected));
  }

  /** The exact value; on PostgreSQL (NUMERIC) its scale too, which H2's DECFLOAT normalises. */
  private static void assertExact(TestDatabase database, Object actual, String expected) {
    assertDecimal(actual, expected);
    if (database == TestDatabases.POSTGRESQL) {
      assertThat(((BigDecimal) actual).toPlainString()).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void everyOneOfTheSixteenEventTypesLandsInReportEvent(TestDatabase database) {
    DataSource db = sampleWritten(database);

    List<String> names =
        new JdbcTemplate(db)
            .queryForList("SELECT DISTINCT event_name FROM report_event", String.class);

    assertThat(names)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(EventType.values()).map(EventType::eventName).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void anEarningEventHasItsPointsByBucketItsProgramAndItsBill(TestDatabase database) {
    DataSource db = sampleWritten(database);

    // line 2 asks 18608683 with every flag: regular 120.000, promo 50, promised 30 + 0.5
    Map<String, Object> bill = event(db, 18608683);

    assertThat(bill)
        .containsEntry("request_line", 2L)
        .containsEntry("event_name", "TransactionAdd");
    assertDecimal(bill.get("points_regular"), "120.000");
    assertDecimal(bill.get("points_promo"), "50");
    assertDecimal(bill.get("points_promised"), "30.5");
    assertThat(bill).containsEntry("program_id", 1L).containsEntry("bill_number", "B-1");
    assertDecimal(bill.get("bill_amount"), "1200");
    assertThat(bill.get("return_amount")).isNull();
    assertThat(bill.get("points_redeemed")).isNull();
    assertThat(bill.get("points_transferred")).isNull();
    assertThat(bill.get("points_deducted")).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aReturnHasItsNegativePointsAndItsReturnAmount(TestDatabase database) {
    DataSource db = sampleWritten(database);

    Map<String, Object> returned = event(db, 18608690);

    assertDecimal(returned.get("points_regular"), "-60.000");
    assertDecimal(returned.get("points_promo"), "0");
    assertDecimal(returned.get("return_amount"), "600");
    assertThat(returned).containsEntry("bill_number", "B-1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void typesThatSpendOrMovePointsHaveTheirTotalsAndEarnNothing(TestDatabase database) {
    DataSource db = sampleWritten(database);

    Map<String, Object> transfer = event(db, 18608757);
    Map<String, Object> redemption = event(db, 18608758);
    Map<String, Object> adjustment = event(db, 18608760);
    Map<String, Object> voucher = event(db, 18608761);

    assertDecimal(transfer.get("points_transferred"), "40.000");
    assertDecimal(redemption.get("points_redeemed"), "20.000");
    assertDecimal(adjustment.get("points_deducted"), "10.000");
    for (Map<String, Object> spending : List.of(transfer, redemption, adjustment)) {
      assertThat(spending.get("points_regular")).isNull();
      assertThat(spending.get("points_promo")).isNull();
      assertThat(spending.get("points_promised")).isNull();
      assertThat(spending).containsEntry("program_id", 1L);
    }
    assertDecimal(voucher.get("points_regular"), "5");
    assertThat(voucher)
        .containsEntry("voucher_series_id", 301L)
        .containsEntry("voucher_code", "VCH-7QX2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aRedemptionsBreakupRowsHaveTheirExactPointsAndProgram(TestDatabase database) {
    DataSource db = sampleWritten(database);

    List<Map<String, Object>> rows =
        new JdbcTemplate(db).queryForList("SELECT * FROM report_redemption ORDER BY position");

    assertThat(rows).hasSize(1);
    Map<String, Object> row = rows.get(0);
    assertThat(row)
        .containsEntry("run_key", "run-1")
        .containsEntry("org_id", 50406L)
        .containsEntry("event_log_id", 18608758L)
        .containsEntry("request_line", 27L)
        .containsEntry("position", 0)
        .containsEntry("customer_id", 1001L)
        .containsEntry("redemption_id", "Rd12Ab")
        .containsEntry("program_id", 1L)
        .containsEntry("program_name", "Main");
    assertExact(database, row.get("points"), "20.000");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aTransferHasTheRowsOfBothSidesFromOneCustomerToTheOther(TestDatabase database) {
    DataSource db = sampleWritten(database);

    List<Map<String, Object>> rows =
        new JdbcTemplate(db)
            .queryForList(
                "SELECT side, position, from_user_id, to_user_id, transfer_type, points,"
                    + " program_id, program_name FROM report_transfer"
                    + " WHERE event_log_id = 18608757 AND request_line = 27 ORDER BY side, position");

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsEntry("side", "from");
    assertThat(rows.get(1)).containsEntry("side", "to");
    for (Map<String, Object> row : rows) {
      assertThat(row)
          .containsEntry("position", 0)
          .containsEntry("from_user_id", "1001")
          .containsEntry("to_user_id", "1002")
          .containsEntry("transfer_type", "TRANSFER")
          .containsEntry("program_id", 1L)
          .containsEntry("program_name", "Main");
      assertExact(database, row.get("points"), "40.000");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aManualAdjustmentsDeductionRowsHaveTheirExactPointsAndWhoAndWhen(TestDatabase database) {
    DataSource db = sampleWritten(database);

    List<Map<String, Object>> rows =
        new JdbcTemplate(db).queryForList("SELECT * FROM report_deduction ORDER BY position");

    assertThat(rows).hasSize(1);
    Map<String, Object> row = rows.get(0);
    assertThat(row)
        .containsEntry("event_log_id", 18608760L)
        .containsEntry("request_line", 27L)
        .containsEntry("position", 0)
        .containsEntry("customer_id", 1001L)
        .containsEntry("program_id", 1L)
        .containsEntry("program_name", "Main")
        .containsEntry("promotion_id", 45L)
        .containsEntry("promotion_name", "Spend 1000 milestone")
        .containsEntry("deduction_type", "MANUAL_ADJUSTMENT")
        .containsEntry("point_awarded_ref_type", "POINT_AWARDED_CUSTOMER_PROMOTION")
        .containsEntry("point_awarded_ref_id", 991L)
        .containsEntry("points_deducted_by", "ops.user")
        .containsEntry("reason", "correction");
    // the exact string the vendor writes, not the number 10.0 beside it
    assertExact(database, row.get("points_deducted"), "10.000");
    Object deductedOn = row.get("points_deducted_on");
    assertThat(
            deductedOn instanceof java.sql.Timestamp t
                ? t.toInstant()
                : ((OffsetDateTime) deductedOn).toInstant())
        .isEqualTo(OffsetDateTime.of(2024, 11, 12, 5, 43, 40, 0, ZoneOffset.UTC).toInstant());
  }

  private static Map<String, List<Map<String, Object>>> allRows(DataSource db) {
    JdbcTemplate jdbc = new JdbcTemplate(db);
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      String key =
          jdbc
              .queryForList(
                  "SELECT column_name FROM information_schema.columns"
                      + " WHERE LOWER(table_name) = ? ORDER BY ordinal_position",
                  String.class,
                  table)
              .stream()
              .map(String::toLowerCase)
              .collect(Collectors.joining(", "));
      rows.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY " + key));
    }
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void rerunningAChunkOfEveryTypeLeavesTheSameRows(TestDatabase database) {
    List<OutputRecord> records = sampleRecords(database);
    DataSource db = sampleWritten(database);
    Map<String, List<Map<String, Object>>> once = allRows(db);

    ReportingDatabaseSink rerun = openedSink(db);
    rerun.write(records.subList(0, records.size() / 2));
    rerun.write(records);

    assertThat(once.get("report_redemption")).isNotEmpty();
    assertThat(once.get("report_transfer")).isNotEmpty();
    assertThat(once.get("report_deduction")).isNotEmpty();
    assertThat(allRows(db)).isEqualTo(once);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aChunkOfEveryTypeIsOneBatchedStatementPerTable(TestDatabase database) {
    StatementCounter db = new StatementCounter(database.createEmpty());
    ReportingDatabaseSink sink = openedSink(db);
    db.reset();

    sink.write(sampleRecords(database));

    assertThat(db.statements()).hasSize(TABLES.size());
    for (String table : TABLES) {
      assertThat(db.statements()).anySatisfy(sql -> assertThat(sql).contains(table + " ("));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void theEventColumnHoldsTheExportedObjectAsJsonbOnPostgresql(TestDatabase database) {
    DataSource db = sampleWritten(database);

    String type =
        new JdbcTemplate(db)
            .queryForObject(
                "SELECT data_type FROM information_schema.columns"
                    + " WHERE LOWER(table_name) = 'report_event' AND LOWER(column_name) = 'event'",
                String.class);

    assertThat(type.toLowerCase(java.util.Locale.ROOT))
        .isEqualTo(database == TestDatabases.POSTGRESQL ? "jsonb" : "character varying");
  }

  /** The reporting schema as today's release leaves it: V1 and V2. */
  private static void migrateToV2(DataSource db, TestDatabase database) {
    Flyway.configure()
        .dataSource(db)
        .locations(ReportingDatabaseSink.LOCATION)
        .placeholders(
            Map.of("decimal", database == TestDatabases.POSTGRESQL ? "NUMERIC" : "DECFLOAT"))
        .table(ReportingDatabaseSink.HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .target("2")
        .load()
        .migrate();
  }

  /** Rows as today's release writes them, with the V1 and V2 columns only. */
  private static void writeV2Rows(DataSource db) {
    JdbcTemplate jdbc = new JdbcTemplate(db);
    OffsetDateTime time = OffsetDateTime.of(2024, 8, 20, 11, 29, 2, 250_000_000, ZoneOffset.UTC);
    jdbc.update(
        "INSERT INTO report_run VALUES (?, 7, 'COMPLETED', ?, ?, ?, 6, 3, 2, 1, 4, 5)",
        "night-1",
        time,
        time.plusMinutes(5),
        "{\"org\":\"50406\"}");
    jdbc.update(
        "INSERT INTO report_event VALUES (?, 50406, 18608683, 2, 1001, 77, 'TransactionAdd', ?,"
            + " 50681412, '2151165932', 'aBcdEfG1H2', ?, ?)",
        "night-1",
        time,
        "{\"line\":2,\"identifierName\":\"mobile\"}",
        "{\"customerId\":1001,\"eventLogId\":18608683,\"eventName\":\"TransactionAdd\","
            + "\"billDetails\":{\"billAmount\":1200.00,\"pointsEarned\":{\"regular\":"
            + "[{\"value\":120.000,\"programId\":1}],\"promo\":[],\"promised\":[]},"
            + "\"lineItems\":[{\"id\":5291920451004507633,\"qty\":0.5}]},"
            + "\"customFields\":[{\"name\":\"channel\",\"value\":\"app\"}],"
            + "\"eventReferenceId\":\"2151165932\",\"orgId\":50406}");
    jdbc.update(
        "INSERT INTO report_event (run_key, org_id, event_log_id, request_line, customer_id,"
            + " request, event) VALUES ('night-1', 50406, 18608720, 3, 1003, '{}', ?)",
        "{\"customerId\":1003,\"eventLogId\":18608720,\"orgId\":50406}");
    jdbc.update(
        "INSERT INTO report_points (run_key, org_id, event_log_id, request_line, bucket, position,"
            + " points, program_id, program_name, expires_on, awarded_on, source_value)"
            + " VALUES ('night-1', 50406, 18608683, 2, 'regular', 0, ?, 1, 'Main', ?, ?, ?)",
        new BigDecimal("120.000"),
        java.time.LocalDate.of(2025, 8, 20),
        time,
        new BigDecimal("123456789012345678901234567890.5"));
    jdbc.update(
        "INSERT INTO report_reject VALUES ('night-1', 5, 'warning', 9021, '999', '', 'no event',"
            + " '{\"line\":5}', NULL, ?)",
        "{\"kind\":\"warning\",\"request\":{\"line\":5},\"code\":9021}");
    jdbc.update(
        "INSERT INTO report_reject (run_key, request_line, kind, code, event_id,"
            + " event_reference_id, message, raw_text) VALUES ('night-1', 6, 'unreadable', 0, '',"
            + " '', 'A quoted cell is not closed', 'mobile,\"x')");
  }

  /** Every row of the tables of V1 and V2, their columns only, JSON as trees on PostgreSQL. */
  private static Map<String, List<Map<String, Object>>> v2Rows(
      DataSource db, TestDatabase database) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    tables.put(
        "report_run",
        List.of(
            "run_key",
            "execution_id",
            "status",
            "start_time",
            "end_time",
            "settings",
            "rows_read",
            "rows_exploded",
            "rows_rejected",
            "rows_unreadable",
            "events_written",
            "warnings"));
    tables.put(
        "report_event",
        List.of(
            "run_key",
            "org_id",
            "event_log_id",
            "request_line",
            "customer_id",
            "group_id",
            "event_name",
            "event_time",
            "till_id",
            "event_reference_id",
            "unique_id",
            "request",
            "event"));
    tables.put(
        "report_points",
        List.of(
            "run_key",
            "org_id",
            "event_log_id",
            "request_line",
            "bucket",
            "position",
            "points",
            "program_id",
            "program_name",
            "expires_on",
            "expiry_type",
            "promotion_id",
            "promotion_name",
            "promotion_start_date",
            "promotion_end_date",
            "conversion_date",
            "awarded_on",
            "source_value",
            "allocation_strategy_id",
            "allocation_strategy_name",
            "points_category_id",
            "points_category_name",
            "expiry_strategy_id",
            "expiry_strategy_name",
            "line_item_id"));
    tables.put(
        "report_reject",
        List.of(
            "run_key",
            "request_line",
            "kind",
            "code",
            "event_id",
            "event_reference_id",
            "message",
            "request",
            "raw_text",
            "record"));
    JdbcTemplate jdbc = new JdbcTemplate(db);
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    tables.forEach(
        (table, columns) -> {
          List<Map<String, Object>> found = new ArrayList<>();
          for (Map<String, Object> row :
              jdbc.queryForList(
                  "SELECT "
                      + String.join(", ", columns)
                      + " FROM "
                      + table
                      + " ORDER BY "
                      + String.join(", ", columns.subList(0, 4)))) {
            Map<String, Object> kept = new LinkedHashMap<>();
            row.forEach(
                (column, value) -> kept.put(column.toLowerCase(java.util.Locale.ROOT), value));
            if (table.equals("report_event") && database == TestDatabases.POSTGRESQL) {
              kept.put("event", JsonTrees.canonical(String.valueOf(kept.get("event"))));
            }
            found.add(kept);
          }
          rows.put(table, found);
        });
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aDatabaseWrittenByTheV2SchemaMigratesWithoutLoss(TestDatabase database) {
    DataSource db = database.createEmpty();
    migrateToV2(db, database);
    writeV2Rows(db);
    Map<String, List<Map<String, Object>>> before = v2Rows(db, database);

    ReportingDatabaseSink sink = openedSink(db);
    sink.write(sampleRecords(database));

    Map<String, List<Map<String, Object>>> after = v2Rows(db, database);
    after.replaceAll(
        (table, rows) -> rows.stream().filter(r -> "night-1".equals(r.get("run_key"))).toList());
    assertThat(before.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
    assertThat(after).isEqualTo(before);
    Map<String, Object> old =
        new JdbcTemplate(db)
            .queryForMap(
                "SELECT points_regular, program_id, points_redeemed FROM report_event"
                    + " WHERE run_key = 'night-1' AND event_log_id = 18608683");
    assertThat(old.values()).containsOnlyNulls();
  }

  /**
   * The records as the vendor's API gives them: each event as its API object's JSON text, with the
   * customer the job knows.
   */
  private static List<OutputRecord> asTheApiGivesThem(List<OutputRecord> records) {
    return records.stream()
        .map(
            record ->
                record instanceof OutputRecord.Event e
                    ? new OutputRecord.ApiEvent(
                        e.row(),
                        e.customerId(),
                        ExportJson.object(g -> EventJson.writeEventFields(g, e.event())))
                    : record)
        .toList();
  }

  private static final Map<TestDatabase, Map<String, List<Map<String, Object>>>> OVER_STORE =
      new ConcurrentHashMap<>();
  private static final Map<TestDatabase, Map<String, List<Map<String, Object>>>> OVER_API =
      new ConcurrentHashMap<>();

  static Stream<Arguments> everyTypeOnBoth() {
    return TestDatabases.both()
        .flatMap(database -> Arrays.stream(EventType.values()).map(t -> Arguments.of(database, t)));
  }

  /** The rows of the events of one type (rejects, of no event, all). */
  private static Map<String, List<Map<String, Object>>> ofType(
      Map<String, List<Map<String, Object>>> tables, EventType type) {
    Set<List<Object>> events =
        tables.get("report_event").stream()
            .filter(row -> type.eventName().equals(row.get("event_name")))
            .map(row -> List.of(row.get("org_id"), row.get("event_log_id")))
            .collect(Collectors.toSet());
    Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    tables.forEach(
        (table, all) ->
            rows.put(
                table,
                table.equals("report_reject")
                    ? all
                    : all.stream()
                        .filter(
                            row ->
                                events.contains(
                                    List.of(row.get("org_id"), row.get("event_log_id"))))
                        .toList()));
    return rows;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyTypeOnBoth")
  void theApisEventFillsEveryTableAsTheStoresSameEvent(TestDatabase database, EventType type) {
    Map<String, List<Map<String, Object>>> store =
        OVER_STORE.computeIfAbsent(database, d -> allRows(sampleWritten(d)));
    Map<String, List<Map<String, Object>>> api =
        OVER_API.computeIfAbsent(
            database,
            d -> {
              DataSource db = d.createEmpty();
              openedSink(db).write(asTheApiGivesThem(sampleRecords(d)));
              return allRows(db);
            });

    assertThat(ofType(store, type).get("report_event")).isNotEmpty();
    assertThat(ofType(api, type)).isEqualTo(ofType(ReportedOverTheApi.fromStore(store), type));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void theStoresPointsRowsKeepWhatTheVendorsObjectLeavesOut(TestDatabase database) {
    // line 2 asks 18608683 with its breakup: a regular, a promotional and promised entries
    List<Map<String, Object>> rows = rowsOf(sampleWritten(database), "report_points", 18608683, 2);

    assertThat(rows)
        .anySatisfy(
            row ->
                assertThat(row)
                    .containsEntry("bucket", "regular")
                    .containsEntry("line_item_id", 1L))
        .anySatisfy(
            row -> {
              assertThat(row).containsEntry("bucket", "promo").containsEntry("line_item_id", 2L);
              assertThat(row.get("promotion_start_date")).isNotNull();
              assertThat(row.get("promotion_end_date")).isNotNull();
            })
        .anySatisfy(
            row -> {
              assertThat(row)
                  .containsEntry("bucket", "promised")
                  .containsEntry("expiry_type", "fixed");
              assertThat(row.get("expires_on")).isNotNull();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void pointsEntriesOfATypeWhoseObjectShowsNoPointsAreStillReportedOverTheStore(
      TestDatabase database) {
    // a redemption's object has no pointsEarned, yet the ledger may hold entries for it
    com.ledgerexplode.ledger.PointsEntry entry =
        new com.ledgerexplode.ledger.PointsEntry(
            com.ledgerexplode.ledger.Bucket.REGULAR,
            new com.ledgerexplode.ledger.Fields<>(
                Map.of(
                    com.ledgerexplode.ledger.PointsField.VALUE,
                    new java.math.BigDecimal("5.250"))));
    List<OutputRecord> records =
        sampleRecords(database).stream()
            .map(
                record ->
                    record instanceof OutputRecord.Event e
                            && e.event().header().eventLogId() == 18608758
                        ? new OutputRecord.Event(
                            e.row(),
                            e.customerId(),
                            new com.ledgerexplode.explode.ExplodedEvent(
                                e.event().header(),
                                Map.of(com.ledgerexplode.ledger.Bucket.REGULAR, List.of(entry)),
                                null,
                                e.event().billDetails(),
                                e.event().customFields(),
                                e.event().extendedFields(),
                                e.event().paymentModes(),
                                e.event().maxConversionDate(),
                                e.event().alternateCurrencyValueEarned(),
                                e.event().warnings()))
                        : record)
            .toList();
    DataSource db = database.createEmpty();

    openedSink(db).write(records);

    List<Map<String, Object>> rows = rowsOf(db, "report_points", 18608758, 27);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsEntry("bucket", "regular").containsEntry("position", 0);
    assertExact(database, rows.get(0).get("points"), "5.250");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void anEventOfTheApiWithoutACustomerHasNoCustomerId(TestDatabase database) {
    List<OutputRecord> unknown =
        asTheApiGivesThem(sampleRecords(database)).stream()
            .map(
                record ->
                    record instanceof OutputRecord.ApiEvent e
                        ? new OutputRecord.ApiEvent(e.row(), null, e.eventJson())
                        : record)
            .toList();
    DataSource db = database.createEmpty();

    openedSink(db).write(unknown);

    JdbcTemplate jdbc = new JdbcTemplate(db);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report_event", Long.class)).isPositive();
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM report_event WHERE customer_id IS NOT NULL", Long.class))
        .isZero();
    assertThat(jdbc.queryForList("SELECT customer_id FROM report_redemption", Long.class))
        .isNotEmpty()
        .containsOnlyNulls();
    assertThat(
            jdbc.queryForObject(
                "SELECT event FROM report_event WHERE event_log_id = 18608758"
                    + " AND request_line = 27",
                String.class))
        .doesNotContain("customerId")
        .contains("18608758");
  }

  @Test
  void jsonTreesCompareKeysInAnyOrderButNumbersToTheirLastDecimal() {
    assertThat(JsonTrees.canonical("{\"b\": [2, 1], \"a\": 1.50}"))
        .isEqualTo(JsonTrees.canonical("{\"a\":1.50,\"b\":[2,1]}"))
        .isNotEqualTo(JsonTrees.canonical("{\"a\":1.5,\"b\":[2,1]}"))
        .isNotEqualTo(JsonTrees.canonical("{\"a\":1.50,\"b\":[1,2]}"))
        .isNotEqualTo(JsonTrees.canonical("{\"a\":\"1.50\",\"b\":[2,1]}"));
  }
}

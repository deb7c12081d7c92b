package com.ledgerexplode.export.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.Scope;
import com.ledgerexplode.export.job.ChunkExploder;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.outcome.OutputRecord;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.testing.InMemoryLedger;
import com.ledgerexplode.testing.Requests;
import com.ledgerexplode.testing.StatementCounter;
import com.ledgerexplode.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class ReportingDatabaseSinkTest {
  private static List<RowOutcome> outcomes() throws Exception {
    return new ChunkExploder(InMemoryLedger.engine(), Map.of(), 2).explode(Requests.mixedChunk());
  }

  private static List<OutputRecord> records() throws Exception {
    return RowOutcome.recordsOf(outcomes());
  }

  private static ReportingDatabaseSink openedSink(DataSource db) {
    ReportingDatabaseSink sink = new ReportingDatabaseSink(db, "run-1");
    sink.open(new ExecutionContext());
    return sink;
  }

  /** The rows of {@code outcomes} written as one chunk into a new database. */
  private static List<List<Map<String, Object>>> writtenWhole(
      TestDatabase database, List<RowOutcome> outcomes) {
    DataSource whole = database.createEmpty();
    openedSink(whole).write(RowOutcome.recordsOf(outcomes));
    return allRows(whole);
  }

  private static List<List<Map<String, Object>>> allRows(DataSource db) {
    JdbcTemplate jdbc = new JdbcTemplate(db);
    return List.of(
        jdbc.queryForList("SELECT * FROM report_event ORDER BY org_id, event_log_id, request_line"),
        jdbc.queryForList(
            "SELECT * FROM report_points"
                + " ORDER BY org_id, event_log_id, request_line, bucket, position"),
        jdbc.queryForList(
            "SELECT * FROM report_reject"
                + " ORDER BY run_key, request_line, kind, code, event_id, event_reference_id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void writingTheSameOutcomesTwiceLeavesTheSameRows(TestDatabase database) throws Exception {
    DataSource db = database.createEmpty();
    List<RowOutcome> outcomes = outcomes();
    ReportingDatabaseSink sink = new ReportingDatabaseSink(db, "run-1");
    ExecutionContext context = new ExecutionContext();
    sink.open(context);
    sink.write(RowOutcome.recordsOf(outcomes));
    sink.update(context);
    sink.close();
    List<List<Map<String, Object>>> once = allRows(db);

    ReportingDatabaseSink restarted = new ReportingDatabaseSink(db);
    restarted.open(new ExecutionContext(context));
    restarted.write(RowOutcome.recordsOf(outcomes.subList(0, 3)));
    restarted.write(RowOutcome.recordsOf(outcomes));
    restarted.close();

    assertThat(restarted.runKey()).isEqualTo("run-1");
    assertThat(allRows(db)).isEqualTo(once);
    JdbcTemplate jdbc = new JdbcTemplate(db);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report_event", Long.class))
        .isEqualTo(ExportCounts.ZERO.plus(outcomes).eventsWritten());
    ExportCounts counts = ExportCounts.ZERO.plus(outcomes);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM report_reject", Long.class))
        .isEqualTo(counts.warnings() + counts.rowsRejected() + counts.rowsUnreadable());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aChunkReplacesTheRowsOfItsOwnKeysAndLeavesTheOtherChunks(TestDatabase database)
      throws Exception {
    List<RowOutcome> outcomes = outcomes();
    List<List<Map<String, Object>>> whole = writtenWhole(database, outcomes);
    DataSource chunked = database.createEmpty();
    ReportingDatabaseSink sink = openedSink(chunked);

    sink.write(RowOutcome.recordsOf(outcomes.subList(0, 3)));
    sink.write(RowOutcome.recordsOf(outcomes.subList(3, outcomes.size())));
    sink.write(RowOutcome.recordsOf(outcomes.subList(0, 3)));

    assertThat(allRows(chunked)).isEqualTo(whole);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aChunkThatFailsMidwayLeavesNoRowOfIt(TestDatabase database) throws Exception {
    List<RowOutcome> outcomes = outcomes();
    DataSource db = database.createEmpty();
    ReportingDatabaseSink sink = openedSink(db);
    sink.write(RowOutcome.recordsOf(outcomes.subList(0, 3)));
    List<List<Map<String, Object>>> before = allRows(db);
    // the rejects are written after the events and their points: a later line's reject refused
    // fails the chunk
    JdbcTemplate jdbc = new JdbcTemplate(db);
    long last = jdbc.queryForObject("SELECT MAX(request_line) FROM report_reject", Long.class);
    jdbc.execute(
        "ALTER TABLE report_reject ADD CONSTRAINT no_later_rejects CHECK (request_line <= "
            + last
            + ")");

    // a new chunk (its rows copied on PostgreSQL), then one holding rows written before (upserted)
    for (List<RowOutcome> chunk :
        List.of(outcomes.subList(3, outcomes.size()), outcomes.subList(0, outcomes.size()))) {
      assertThatThrownBy(() -> sink.write(RowOutcome.recordsOf(chunk)))
          .isInstanceOf(ReportingDatabaseException.class)
          .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("no_later_rejects"));

      assertThat(allRows(db)).isEqualTo(before);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aChunkInTheCallersTransactionCommitsOrRollsBackWithIt(TestDatabase database)
      throws Exception {
    List<RowOutcome> outcomes = outcomes();
    List<List<Map<String, Object>>> whole = writtenWhole(database, outcomes);
    DataSource db = database.createEmpty();
    ReportingDatabaseSink sink = openedSink(db);
    JdbcTemplate jdbc = new JdbcTemplate(db);
    jdbc.execute("CREATE TABLE checkpoint (chunk INTEGER)");
    TransactionTemplate step = new TransactionTemplate(new DataSourceTransactionManager(db));

    // as a step whose checkpoint is in the same database: the chunk's rows commit with it
    step.executeWithoutResult(
        status -> {
          jdbc.update("INSERT INTO checkpoint VALUES (1)");
          sink.write(RowOutcome.recordsOf(outcomes.subList(0, 3)));
        });
    // a chunk holding rows written before: replaced inside the caller's transaction, which goes on
    step.executeWithoutResult(
        status -> {
          sink.write(RowOutcome.recordsOf(outcomes));
          jdbc.update("INSERT INTO checkpoint VALUES (2)");
        });
    List<List<Map<String, Object>>> committed = allRows(db);
    // a chunk whose step rolls back leaves no row of it, whether it was copied or upserted
    for (List<RowOutcome> chunk : List.of(outcomes.subList(0, 3), outcomes)) {
      step.executeWithoutResult(
          status -> {
            jdbc.update("DELETE FROM report_event");
            sink.write(RowOutcome.recordsOf(chunk));
            jdbc.update("INSERT INTO checkpoint VALUES (3)");
            status.setRollbackOnly();
          });
    }

    assertThat(committed).isEqualTo(whole);
    assertThat(allRows(db)).isEqualTo(committed);
    assertThat(jdbc.queryForList("SELECT chunk FROM checkpoint ORDER BY chunk", Integer.class))
        .containsExactly(1, 2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aChunkHoldingItsRowsTwiceLeavesThemOnce(TestDatabase database) throws Exception {
    List<OutputRecord> records = records();
    DataSource once = database.createEmpty();
    openedSink(once).write(records);
    DataSource twice = database.createEmpty();

    openedSink(twice).write(Stream.concat(records.stream(), records.stream()).toList());

    assertThat(allRows(twice)).isEqualTo(allRows(once));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void pointsKeepTheirExactValueBucketAndLedgerOrder(TestDatabase database) throws Exception {
    DataSource db = database.createEmpty();
    ReportingDatabaseSink sink = openedSink(db);

    sink.write(records());

    List<Map<String, Object>> points =
        new JdbcTemplate(db)
            .queryForList(
                "SELECT bucket, position, points FROM report_points"
                    + " WHERE event_log_id = 18608683 AND request_line = 2"
                    + " ORDER BY bucket DESC, position");
    assertThat(points).isNotEmpty();
    assertThat(points.get(0)).containsEntry("bucket", "regular").containsEntry("position", 0);
    assertThat((BigDecimal) points.get(0).get("points"))
        .isEqualByComparingTo(new BigDecimal("120.000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void runsOfDifferentIdentitiesKeepTheirOwnRows(TestDatabase database) throws Exception {
    DataSource db = database.createEmpty();
    List<RowOutcome> outcomes = outcomes();
    long events = ExportCounts.ZERO.plus(outcomes).eventsWritten();
    for (String run : List.of("instance-1", "instance-2")) {
      ReportingDatabaseSink sink = new ReportingDatabaseSink(db, run);
      sink.open(new ExecutionContext());
      sink.write(RowOutcome.recordsOf(outcomes));
      sink.close();
    }

    JdbcTemplate jdbc = new JdbcTemplate(db);
    for (String run : List.of("instance-1", "instance-2")) {
      assertThat(
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM report_event WHERE run_key = ?", Long.class, run))
          .as(run)
          .isEqualTo(events);
      assertThat(
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM report_points WHERE run_key = ?", Long.class, run))
          .as(run)
          .isPositive();
    }
  }

  private static final String ORG_AND_CUSTOMER_ONE =
      "{\"kind\":\"org\",\"orgId\":50406}\n"
          + "{\"kind\":\"customer\",\"orgId\":50406,\"customerId\":1,\"identifiers\":"
          + "[{\"name\":\"mobile\",\"value\":\"1\",\"source\":\"INSTORE\"}]}\n";

  /** Explodes event 7 of the snapshot, with its breakup, as customer 1 asks, into the database. */
  private static void writeEventSevenOfCustomerOne(Path snapshot, DataSource db) throws Exception {
    ExplodeEngine engine =
        new ExplodeEngine(
            InMemoryLedger.read(snapshot),
            new Scope(50406, DataScope.SELF, java.util.Set.of(50406L)));
    RequestRow row =
        Requests.row(
            2,
            "identifierName=mobile",
            "identifierValue=1",
            "source=INSTORE",
            "eventIds=7",
            "getPointsEarnedBreakup=true");
    openedSink(db)
        .write(RowOutcome.recordsOf(new ChunkExploder(engine, Map.of(), 10).explode(List.of(row))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void pointsKeepEveryDecimalPlaceTheLedgerGave(TestDatabase database, @TempDir Path dir)
      throws Exception {
    Path snapshot = dir.resolve("ledger.jsonl");
    Files.writeString(
        snapshot,
        ORG_AND_CUSTOMER_ONE
            + "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1,\"eventLogId\":7,"
            + "\"points\":[{\"bucket\":\"regular\",\"value\":\"0.123456789012345678\","
            + "\"sourceValue\":\"123456789012345678901234567890.5\"}]}\n");
    DataSource db = database.createEmpty();

    writeEventSevenOfCustomerOne(snapshot, db);

    Map<String, Object> points =
        new JdbcTemplate(db).queryForMap("SELECT points, source_value FROM report_points");
    assertThat((BigDecimal) points.get("points"))
        .isEqualByComparingTo(new BigDecimal("0.123456789012345678"));
    assertThat((BigDecimal) points.get("source_value"))
        .isEqualByComparingTo(new BigDecimal("123456789012345678901234567890.5"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void typedTimeColumnsHoldTheInstantAndTheEventColumnTheLedgersDigits(
      TestDatabase database, @TempDir Path dir) throws Exception {
    Path snapshot = dir.resolve("ledger.jsonl");
    Files.writeString(
        snapshot,
        ORG_AND_CUSTOMER_ONE
            + "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1,\"eventLogId\":7,"
            + "\"eventName\":\"CustomerUpdate\",\"eventTime\":\"2024-08-20T11:29:02.5Z\","
            + "\"points\":[{\"bucket\":\"regular\",\"value\":\"1\","
            + "\"awardedOn\":\"2024-08-20T11:29:02.120Z\"}]}\n");
    DataSource db = database.createEmpty();

    writeEventSevenOfCustomerOne(snapshot, db);

    JdbcTemplate jdbc = new JdbcTemplate(db);
    assertThat(jdbc.queryForObject("SELECT event_time FROM report_event", OffsetDateTime.class))
        .isEqualTo(OffsetDateTime.parse("2024-08-20T11:29:02.5Z"));
    assertThat(jdbc.queryForObject("SELECT awarded_on FROM report_points", OffsetDateTime.class))
        .isEqualTo(OffsetDateTime.parse("2024-08-20T11:29:02.12Z"));
    assertThat(jdbc.queryForObject("SELECT event FROM report_event", String.class))
        .contains(
            "\"2024-08-20 11:29:02.5\"",
            "\"2024-08-20T11:29:02.5Z\"",
            "\"2024-08-20 11:29:02.120\"",
            "\"2024-08-20T11:29:02.120Z\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aLongReferenceIdIsKeptWithItsWarningLikeAShortOne(TestDatabase database) throws Exception {
    String reference = "R".repeat(300);
    RequestRow row =
        Requests.row(
            2,
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventName=GenericEvent",
            "eventReferenceIds=gen-1," + reference);
    DataSource db = database.createEmpty();
    ReportingDatabaseSink sink = openedSink(db);

    sink.write(
        RowOutcome.recordsOf(
            new ChunkExploder(InMemoryLedger.engine(), Map.of(), 10).explode(List.of(row))));

    assertThat(
            new JdbcTemplate(db)
                .queryForList("SELECT event_reference_id FROM report_reject", String.class))
        .containsExactly(reference);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aChunkIsOneBatchedStatementPerTable(TestDatabase database) throws Exception {
    StatementCounter db = new StatementCounter(database.createEmpty());
    ReportingDatabaseSink sink = openedSink(db);
    db.reset();

    sink.write(records());

    assertThat(db.statements())
        .hasSize(3)
        .anySatisfy(sql -> assertThat(sql).contains("report_event"))
        .anySatisfy(sql -> assertThat(sql).contains("report_points"))
        .anySatisfy(sql -> assertThat(sql).contains("report_reject"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void recordingARunTwiceLeavesOneRowWithoutSecrets(TestDatabase database) throws Exception {
    DataSource db = database.createEmpty();
    ReportingDatabaseSink sink = openedSink(db);
    Manifest manifest =
        new Manifest(
            7,
            "COMPLETED",
            Instant.parse("2024-08-20T01:00:00Z"),
            Instant.parse("2024-08-20T01:05:00Z"),
            Map.of("repository.password", "hunter2", "org", "50406"),
            new ExportCounts(3, 2, 1, 5, 4));

    sink.recordRun("run-1", manifest);
    sink.recordRun("run-1", manifest);

    List<Map<String, Object>> runs =
        new JdbcTemplate(db)
            .queryForList("SELECT run_key, execution_id, settings, rows_read FROM report_run");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0)).containsEntry("rows_read", 6L);
    assertThat((String) runs.get(0).get("settings")).doesNotContain("hunter2").contains("***");
  }
}

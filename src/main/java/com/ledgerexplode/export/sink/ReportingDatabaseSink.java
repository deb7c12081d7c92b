package com.ledgerexplode.export.sink;

import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.outcome.ExportJson;
import com.ledgerexplode.export.outcome.OutputRecord;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes output records to the reporting database (H2 or PostgreSQL): events (typed columns and the
 * exported object as JSON, jsonb on PostgreSQL), their points entries, the points they redeem,
 * transfer or deduct ({@link EventFacts}), and rejects, warnings and unreadable records; {@link
 * #recordRun} writes the run. Every table is written with upserts on its primary key (MERGE ... KEY
 * on H2, INSERT ... ON CONFLICT on PostgreSQL), one batched statement per table per chunk, so that
 * a rerun or a replayed chunk leaves the same rows.
 *
 * <p>A chunk is written in one transaction: the caller's when one is active on this data source
 * (the step's, when the job repository is the same database), else its own.
 *
 * <p>The run key (of rejects and warnings, and of the run's row) is kept in the ExecutionContext,
 * so that a restart writes under the same key: it is the one given to the constructor, else a
 * random UUID made when the run first opens the sink. Not the job instance's id: that is unique
 * only inside one job repository, and a repository reset, moved or kept on another host would give
 * a new night an old night's key. {@link #open} migrates the schema (Flyway, {@code db/reporting},
 * history in {@value #HISTORY_TABLE}). Not thread-safe.
 */
public class ReportingDatabaseSink implements ExportSink {
  public static final String NAME = "reportingSink";
  public static final String LOCATION = "classpath:db/reporting";
  public static final String HISTORY_TABLE = "flyway_reporting_history";
  public static final String RUN_KEY = NAME + ".runKey";

  private static final List<String> EVENT_KEY =
      List.of("run_key", "org_id", "event_log_id", "request_line");
  private static final Table EVENTS =
      new Table(
          "report_event",
          EVENT_KEY,
          Stream.concat(
                  Stream.of(
                      "customer_id",
                      "group_id",
                      "event_name",
                      "event_time",
                      "till_id",
                      "event_reference_id",
                      "unique_id",
                      "request",
                      "event"),
                  EventFacts.COLUMNS.stream())
              .toList(),
          Set.of("event"));
  private static final Table REDEMPTIONS =
      new Table(
          "report_redemption",
          Stream.concat(EVENT_KEY.stream(), Stream.of("position")).toList(),
          EventFacts.REDEMPTION_COLUMNS);
  private static final Table TRANSFERS =
      new Table(
          "report_transfer",
          Stream.concat(EVENT_KEY.stream(), Stream.of("side", "position")).toList(),
          EventFacts.TRANSFER_COLUMNS);
  private static final Table DEDUCTIONS =
      new Table(
          "report_deduction",
          Stream.concat(EVENT_KEY.stream(), Stream.of("position")).toList(),
          EventFacts.DEDUCTION_COLUMNS);

  /** The points fields the reporting schema has columns for (those the ledger had first). */
  private static final Set<PointsField> REPORTED_POINTS =
      EnumSet.range(PointsField.VALUE, PointsField.LINE_ITEM_ID);

  private static final Table POINTS =
      new Table(
          "report_points",
          List.of("run_key", "org_id", "event_log_id", "request_line", "bucket", "position"),
          REPORTED_POINTS.stream().map(ReportingDatabaseSink::column).toList());
  private static final Table REJECTS =
      new Table(
          "report_reject",
          List.of("run_key", "request_line", "kind", "code", "event_id", "event_reference_id"),
          List.of("message", "request", "raw_text", "record"));
  private static final Table RUNS =
      new Table(
          "report_run",
          List.of("run_key"),
          List.of(
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

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final @Nullable String givenRunKey;
  private @Nullable String runKey;
  private @Nullable Dialect dialect;

  public ReportingDatabaseSink(DataSource dataSource) {
    this(dataSource, null);
  }

  /** A sink writing under {@code runKey} (at most 64 characters) unless restarted with another. */
  public ReportingDatabaseSink(DataSource dataSource, @Nullable String runKey) {
    if (runKey != null && (runKey.isEmpty() || runKey.length() > 64)) {
      throw new IllegalArgumentException("A run key has 1 to 64 characters: '" + runKey + "'");
    }
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.givenRunKey = runKey;
  }

  /**
   * Creates the reporting tables in an empty database, or migrates them to the newest version.
   *
   * @return how many migrations were applied
   */
  public static int migrate(DataSource dataSource) {
    Dialect dialect =
        new JdbcTemplate(dataSource)
            .execute((ConnectionCallback<Dialect>) ReportingDatabaseSink::dialectOf);
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .placeholders(Map.of("decimal", dialect.decimalType, "json", dialect.jsonType))
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .failOnMissingLocations(true)
        .load()
        .migrate()
        .migrationsExecuted;
  }

  /** The key this sink writes its run under; known once it is open. */
  public String runKey() {
    if (runKey == null) {
      throw new IllegalStateException("The sink is not open");
    }
    return runKey;
  }

  @Override
  public void open(ExecutionContext context) {
    onDatabase(
        "opening",
        () -> {
          migrate(dataSource);
          dialect = jdbc.execute((ConnectionCallback<Dialect>) ReportingDatabaseSink::dialectOf);
        });
    String given = givenRunKey;
    runKey =
        context.containsKey(RUN_KEY)
            ? context.getString(RUN_KEY)
            : given != null ? given : UUID.randomUUID().toString();
    context.putString(RUN_KEY, runKey);
  }

  private static Dialect dialectOf(Connection connection) throws SQLException {
    return switch (com.ledgerexplode.store.Dialect.of(connection)) {
      case H2 -> Dialect.H2;
      case POSTGRESQL -> Dialect.POSTGRESQL;
      case OTHER ->
          throw new IllegalStateException(
              "The reporting database must be H2 or PostgreSQL, not "
                  + connection.getMetaData().getDatabaseProductName());
    };
  }

  @Override
  public void update(ExecutionContext context) {
    if (runKey != null) {
      context.putString(RUN_KEY, runKey);
    }
  }

  @Override
  public void write(List<OutputRecord> records) {
    String run = runKey();
    List<Object[]> events = new ArrayList<>();
    List<Object[]> points = new ArrayList<>();
    List<Object[]> rejects = new ArrayList<>();
    Spent spent = new Spent(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (OutputRecord record : records) {
      collect(run, record, events, points, rejects, spent);
    }
    onDatabase(
        "writing a chunk",
        () ->
            transaction.executeWithoutResult(
                status -> {
                  upsert(EVENTS, events);
                  upsert(POINTS, points);
                  upsert(REJECTS, rejects);
                  upsert(REDEMPTIONS, spent.redemptions());
                  upsert(TRANSFERS, spent.transfers());
                  upsert(DEDUCTIONS, spent.deductions());
                }));
  }

  /** Does work on the database, its failures said to be the reporting database's. */
  private static void onDatabase(String what, Runnable work) {
    try {
      work.run();
    } catch (DataAccessException | TransactionException | FlywayException e) {
      throw new ReportingDatabaseException(
          "reporting database: " + what + " failed: " + e.getMessage(), e);
    }
  }

  /** Writes the run's row: what its manifest would say. */
  public void recordRun(String runKey, Manifest manifest) {
    ExportCounts c = manifest.counts();
    Object[] row = {
      runKey,
      manifest.executionId(),
      manifest.status(),
      utc(manifest.startTime()),
      utc(manifest.endTime()),
      ExportJson.text(g -> ManifestWriter.writeSettings(g, manifest.settings())),
      c.rowsRead(),
      c.rowsExploded(),
      c.rowsRejected(),
      c.rowsUnreadable(),
      c.eventsWritten(),
      c.warnings()
    };
    onDatabase(
        "writing the run's row",
        () -> {
          if (dialect == null) {
            dialect = jdbc.execute((ConnectionCallback<Dialect>) ReportingDatabaseSink::dialectOf);
          }
          transaction.executeWithoutResult(status -> upsert(RUNS, List.<Object[]>of(row)));
        });
  }

  /** The rows of one record, in the tables' column order. */
  private static void collect(
      String run,
      OutputRecord record,
      List<Object[]> events,
      List<Object[]> points,
      List<Object[]> rejects,
      Spent spent) {
    if (record instanceof OutputRecord.Event e) {
      EventHeader h = e.event().header();
      EventFacts facts = EventFacts.of(e.customerId(), e.event());
      @Nullable Object[] key = {run, h.orgId(), h.eventLogId(), e.line()};
      events.add(
          EventFacts.keyed(
              key,
              Stream.concat(
                      Stream.of(
                          e.customerId(),
                          h.groupId(),
                          h.eventName(),
                          h.eventTime() == null ? null : utc(h.eventTime()),
                          h.tillId(),
                          h.eventReferenceId(),
                          h.uniqueId(),
                          e.requestJson(),
                          ExportJson.object(e::writeAnswerFields)),
                      facts.columns().stream())
                  .toArray()));
      collectPoints(run, e, points);
      spent.redemptions().addAll(EventFacts.positioned(key, facts.redemptions()));
      for (@Nullable Object[] transfer : facts.transfers()) {
        spent.transfers().add(EventFacts.keyed(key, transfer));
      }
      spent.deductions().addAll(EventFacts.positioned(key, facts.deductions()));
      return;
    }
    if (record instanceof OutputRecord.ApiEvent) {
      // JobSettings refuses ledger.api with a reporting database, so no run gets here
      throw new IllegalStateException(
          "the reporting database does not take the API's events yet (line " + record.line() + ")");
    }
    String kind;
    int code = 0;
    String eventId = "";
    String eventReferenceId = "";
    String message;
    String rawText = null;
    if (record instanceof OutputRecord.Reject r) {
      kind = "rejected";
      code = r.error().code();
      message = r.error().message();
    } else if (record instanceof OutputRecord.Warning w) {
      kind = "warning";
      code = w.warning().code();
      eventId = orEmpty(w.warning().eventId());
      eventReferenceId = orEmpty(w.warning().eventReferenceId());
      message = w.warning().message();
    } else {
      OutputRecord.UnreadableLine u = (OutputRecord.UnreadableLine) record;
      kind = "unreadable";
      message = u.record().message();
      rawText = u.record().text();
    }
    rejects.add(
        new Object[] {
          run,
          record.line(),
          kind,
          code,
          eventId,
          eventReferenceId,
          message,
          record.requestJson(),
          rawText,
          record.json()
        });
  }

  private static void collectPoints(String run, OutputRecord.Event e, List<Object[]> points) {
    ExplodedEvent event = e.event();
    EventHeader h = event.header();
    Map<Bucket, List<PointsEntry>> entries =
        event.pointsEarnedBreakup() != null ? event.pointsEarnedBreakup() : event.pointsEarned();
    for (Bucket bucket : Bucket.values()) {
      List<PointsEntry> inBucket = entries.getOrDefault(bucket, List.of());
      for (int position = 0; position < inBucket.size(); position++) {
        Object[] values = new Object[POINTS.columns().size()];
        values[0] = run;
        values[1] = h.orgId();
        values[2] = h.eventLogId();
        values[3] = e.line();
        // a breakup's regular rows hold the promotional entries too, each with its own bucket
        values[4] = inBucket.get(position).bucket().jsonName();
        values[5] = position;
        int column = 6;
        for (PointsField field : REPORTED_POINTS) {
          Object value = inBucket.get(position).fields().get(field);
          values[column++] = value instanceof LedgerTime time ? utc(time) : value;
        }
        points.add(values);
      }
    }
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  /** A typed timestamp column's value; the {@code event} column keeps the digits as exported. */
  private static OffsetDateTime utc(LedgerTime time) {
    return utc(time.instant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String column(PointsField field) {
    return field == PointsField.VALUE ? "points" : field.column();
  }

  /** One batched upsert of these rows, each in the table's column order. */
  private void upsert(Table table, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Dialect sql = dialect;
    if (sql == null) {
      throw new IllegalStateException("The sink is not open");
    }
    jdbc.batchUpdate(
        sql.upsert(table),
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            Object[] row = rows.get(i);
            for (int p = 0; p < row.length; p++) {
              if (row[p] == null) {
                ps.setNull(p + 1, Types.NULL);
              } else {
                ps.setObject(p + 1, row[p]);
              }
            }
          }

          @Override
          public int getBatchSize() {
            return rows.size();
          }
        });
  }

  /** A table: its key columns, then the others; {@code json} names its JSON columns. */
  private record Table(String name, List<String> key, List<String> others, Set<String> json) {
    Table(String name, List<String> key, List<String> others) {
      this(name, key, others, Set.of());
    }

    List<String> columns() {
      return Stream.concat(key.stream(), others.stream()).toList();
    }
  }

  /** The rows of points spent or moved of a chunk, each with its table's key first. */
  private record Spent(
      List<Object[]> redemptions, List<Object[]> transfers, List<Object[]> deductions) {}

  private enum Dialect {
    H2("DECFLOAT", "VARCHAR", "?") {
      @Override
      String upsert(Table t) {
        return "MERGE INTO " + intoValues(t, ") KEY (" + String.join(", ", t.key()) + ") VALUES (");
      }
    },
    // jsonb from a text parameter: the driver sends strings as varchar, which jsonb does not take
    POSTGRESQL("NUMERIC", "jsonb", "CAST(? AS jsonb)") {
      @Override
      String upsert(Table t) {
        return "INSERT INTO "
            + intoValues(t, ") VALUES (")
            + " ON CONFLICT ("
            + String.join(", ", t.key())
            + ") DO UPDATE SET "
            + t.others().stream()
                .map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", "));
      }
    };

    /** The column type of exact decimals of any scale. */
    final String decimalType;

    /** The column type of JSON (the whole exported event). */
    final String jsonType;

    /** The parameter of a JSON column's value, given as text. */
    final String jsonParameter;

    Dialect(String decimalType, String jsonType, String jsonParameter) {
      this.decimalType = decimalType;
      this.jsonType = jsonType;
      this.jsonParameter = jsonParameter;
    }

    abstract String upsert(Table t);

    /** {@code table (columns<middle>?, ?, ...)}. */
    String intoValues(Table t, String middle) {
      return t.name()
          + " ("
          + String.join(", ", t.columns())
          + middle
          + t.columns().stream()
              .map(c -> t.json().contains(c) ? jsonParameter : "?")
              .collect(Collectors.joining(", "))
          + ")";
    }
  }
}

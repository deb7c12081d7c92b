package com.ledgerexplode.export.sink;

import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.outcome.ExportJson;
import com.ledgerexplode.export.outcome.OutputRecord;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventType;
import com.ledgerexplode.ledger.Fields;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.store.CopyText;
import com.ledgerexplode.store.TypedBinds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes output records to the reporting database (H2 or PostgreSQL): events (typed columns and the
 * exported object as JSON, jsonb on PostgreSQL), their points entries, the points they redeem,
 * transfer or deduct ({@link EventFacts}), and rejects, warnings and unreadable records; {@link
 * #recordRun} writes the run. Every table is written as with upserts on its primary key, one
 * statement per table per chunk, so that a rerun or a replayed chunk leaves the same rows (of rows
 * of one key in a chunk, the last): on H2 a batched MERGE ... KEY; on PostgreSQL one COPY per table
 * ({@link CopyText}), which a row whose key is there already fails, and then, for that chunk, one
 * INSERT ... SELECT FROM unnest(...) ON CONFLICT DO UPDATE per table whose parameters are the
 * chunk's columns, each an array of its column's type (elements as {@link CopyText#text}; faster
 * than a batch of INSERT ... ON CONFLICT, which writes the run's row). Parameters are bound by
 * their type ({@link TypedBinds}).
 *
 * <p>A chunk is written in one transaction: the caller's when one is active on this data source
 * (the step's, when the job repository is the same database), else its own; on PostgreSQL its COPY
 * in a savepoint of the caller's, or a transaction of its own, that a failed COPY rolls back whole.
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
          Stream.of(
                  Stream.of("customer_id", "group_id"),
                  EventFacts.HEADER_COLUMNS.stream(),
                  Stream.of("request", "event"),
                  EventFacts.COLUMNS.stream())
              .flatMap(columns -> columns)
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

  private static final Table POINTS =
      new Table(
          "report_points",
          List.of("run_key", "org_id", "event_log_id", "request_line", "bucket", "position"),
          EventFacts.POINTS_COLUMNS);
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

  /** The COPY text's first capacity, and the most of it kept from one chunk for the next. */
  private static final int COPY_TEXT_FIRST = 1 << 16;

  private static final int COPY_TEXT_KEPT = 1 << 20;

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final TransactionTemplate nested;
  private final @Nullable String givenRunKey;
  private final boolean migrateOnOpen;
  private @Nullable String runKey;
  private @Nullable Dialect dialect;
  private Map<String, List<String>> columnTypes = Map.of();
  private StringBuilder copyText = new StringBuilder(COPY_TEXT_FIRST);

  public ReportingDatabaseSink(DataSource dataSource) {
    this(dataSource, null);
  }

  /** A sink writing under {@code runKey} (at most 64 characters) unless restarted with another. */
  public ReportingDatabaseSink(DataSource dataSource, @Nullable String runKey) {
    this(dataSource, runKey, true);
  }

  /**
   * A sink over a reporting database whose schema its caller has {@linkplain #migrate migrated}: a
   * partition's, whose partitions open their sinks at once (Flyway would run once in each).
   */
  public static ReportingDatabaseSink overMigrated(DataSource dataSource) {
    return new ReportingDatabaseSink(dataSource, null, false);
  }

  private ReportingDatabaseSink(
      DataSource dataSource, @Nullable String runKey, boolean migrateOnOpen) {
    if (runKey != null && (runKey.isEmpty() || runKey.length() > 64)) {
      throw new IllegalArgumentException("A run key has 1 to 64 characters: '" + runKey + "'");
    }
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    this.transaction = new TransactionTemplate(transactions);
    this.nested = new TransactionTemplate(transactions);
    nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.givenRunKey = runKey;
    this.migrateOnOpen = migrateOnOpen;
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
          if (migrateOnOpen) {
            migrate(dataSource);
          }
          dialect = jdbc.execute((ConnectionCallback<Dialect>) ReportingDatabaseSink::dialectOf);
          if (dialect == Dialect.POSTGRESQL) {
            columnTypes =
                jdbc.execute(
                    (ConnectionCallback<Map<String, List<String>>>)
                        ReportingDatabaseSink::columnTypes);
          }
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
    Map<Table, List<Object[]>> chunk = new LinkedHashMap<>();
    chunk.put(EVENTS, events);
    chunk.put(POINTS, points);
    chunk.put(REJECTS, rejects);
    chunk.put(REDEMPTIONS, spent.redemptions());
    chunk.put(TRANSFERS, spent.transfers());
    chunk.put(DEDUCTIONS, spent.deductions());
    onDatabase(
        "writing a chunk",
        () -> {
          if (dialect() == Dialect.POSTGRESQL && copied(chunk)) {
            return;
          }
          transaction.executeWithoutResult(status -> chunk.forEach(this::put));
        });
  }

  /**
   * PostgreSQL: writes the chunk's rows by COPY, in a transaction of their own or in a savepoint of
   * the caller's, which a row whose key is there already (the chunk written before: a rerun after a
   * crash, a retried chunk) rolls back whole.
   *
   * @return whether the rows were written; if not, nothing of them was, and they are to be upserted
   */
  private boolean copied(Map<Table, List<Object[]>> chunk) {
    try {
      nested.executeWithoutResult(
          status -> jdbc.execute((ConnectionCallback<Long>) c -> copy(c, chunk)));
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /**
   * PostgreSQL: one COPY per table of the rows of distinct keys (of rows of one key, the last),
   * each value as {@link CopyText} writes it: what the upsert of each row in turn leaves in tables
   * that hold none of their keys.
   *
   * @return how many rows were written
   */
  private long copy(Connection c, Map<Table, List<Object[]>> chunk) throws SQLException {
    CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
    if (copyText.capacity() > COPY_TEXT_KEPT) {
      copyText = new StringBuilder(COPY_TEXT_FIRST);
    }
    StringBuilder text = copyText;
    long copied = 0;
    for (Map.Entry<Table, List<Object[]>> rows : chunk.entrySet()) {
      if (!rows.getValue().isEmpty()) {
        Table table = rows.getKey();
        text.setLength(0);
        for (Object[] row : latestByKey(table, rows.getValue())) {
          CopyText.row(text, row);
        }
        copied += CopyText.copyIn(copy, table.name(), String.join(", ", table.columns()), text);
      }
    }
    return copied;
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
    if (record instanceof OutputRecord.EventLine line) {
      String exported = ExportJson.object(line::writeAnswerFields);
      Long groupId = null;
      EventFacts facts;
      if (record instanceof OutputRecord.Event e) {
        groupId = e.event().header().groupId();
        ExplodedEvent event = e.event();
        Map<Bucket, List<PointsEntry>> breakup = event.pointsEarnedBreakup();
        facts =
            EventFacts.of(factsObject(e, exported))
                .withEntries(breakup != null ? breakup : event.pointsEarned(), breakup != null);
      } else {
        facts = EventFacts.of(exported);
      }
      @Nullable Object[] key = {run, facts.orgId(), facts.eventLogId(), line.line()};
      @Nullable Object[] eventRow = new @Nullable Object[EVENTS.columns().size()];
      int column = 0;
      for (Object value : key) {
        eventRow[column++] = value;
      }
      eventRow[column++] = facts.customerId();
      eventRow[column++] = groupId;
      for (Object value : facts.header()) {
        eventRow[column++] = value;
      }
      eventRow[column++] = line.requestJson();
      eventRow[column++] = exported;
      for (Object value : facts.columns()) {
        eventRow[column++] = value;
      }
      events.add(eventRow);
      for (@Nullable Object[] entry : facts.points()) {
        points.add(EventFacts.keyed(key, entry));
      }
      spent.redemptions().addAll(EventFacts.positioned(key, facts.redemptions()));
      for (@Nullable Object[] transfer : facts.transfers()) {
        spent.transfers().add(EventFacts.keyed(key, transfer));
      }
      spent.deductions().addAll(EventFacts.positioned(key, facts.deductions()));
      return;
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

  /**
   * The object the facts of an event of the store are read from: the exported one, but for a bill
   * event asked without its bill, whose points the store knows though the object does not show them
   * (V3: points by bucket whether or not the request showed them): then the object with an empty
   * bill, which shows them and nothing of the bill.
   */
  private static String factsObject(OutputRecord.Event e, String exported) {
    ExplodedEvent event = e.event();
    if (event.billDetails() != null
        || EventType.pointsPlaceOf(event.header().eventName())
            != EventType.PointsPlace.BILL_DETAILS) {
      return exported;
    }
    ExplodedEvent shown =
        new ExplodedEvent(
            event.header(),
            event.pointsEarned(),
            event.pointsEarnedBreakup(),
            NO_BILL,
            event.customFields(),
            event.extendedFields(),
            event.paymentModes(),
            event.maxConversionDate(),
            event.alternateCurrencyValueEarned(),
            event.warnings());
    return ExportJson.object(
        new OutputRecord.Event(e.row(), e.customerId(), shown)::writeAnswerFields);
  }

  private static final Bill NO_BILL =
      new Bill(new Fields<>(new EnumMap<BillField, Object>(BillField.class)), List.of());

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static OffsetDateTime utc(Instant instant) {
    return EventFacts.utc(instant);
  }

  /**
   * Writes a chunk's rows of a table, each in the table's column order, so that a row of the same
   * key written before is replaced: on H2 by {@link #upsert}, on PostgreSQL by {@link
   * #upsertArrays}.
   */
  private void put(Table table, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    if (dialect() == Dialect.POSTGRESQL) {
      jdbc.execute((ConnectionCallback<Integer>) c -> upsertArrays(c, table, rows));
    } else {
      upsert(table, rows);
    }
  }

  private Dialect dialect() {
    Dialect sql = dialect;
    if (sql == null) {
      throw new IllegalStateException("The sink is not open");
    }
    return sql;
  }

  /** One batched upsert of these rows, each in the table's column order. */
  private void upsert(Table table, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        dialect().upsert(table),
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            Object[] row = rows.get(i);
            for (int p = 0; p < row.length; p++) {
              TypedBinds.bind(ps, p + 1, row[p], Types.NULL);
            }
          }

          @Override
          public int getBatchSize() {
            return rows.size();
          }
        });
  }

  /**
   * PostgreSQL: these rows as one array per column, each of its column's type (elements as {@link
   * CopyText#text}), in one {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO UPDATE}: what
   * the upsert of each row in turn leaves (of rows of one key, the last).
   *
   * @return how many rows were written
   */
  private int upsertArrays(Connection c, Table table, List<Object[]> rows) throws SQLException {
    Collection<Object[]> latest = latestByKey(table, rows);
    List<String> types = columnTypes.get(table.name());
    if (types == null) {
      throw new IllegalStateException("The sink is not open");
    }
    try (PreparedStatement ps = c.prepareStatement(Dialect.upsertArrays(table))) {
      for (int column = 0; column < types.size(); column++) {
        @Nullable String[] values = new @Nullable String[latest.size()];
        int i = 0;
        for (Object[] row : latest) {
          Object value = row[column];
          values[i++] = value == null ? null : CopyText.text(value);
        }
        ps.setArray(column + 1, c.createArrayOf(types.get(column), values));
      }
      return ps.executeUpdate();
    }
  }

  /** The rows of distinct keys, each the last of its key, in the order the keys came first. */
  private static Collection<Object[]> latestByKey(Table table, List<Object[]> rows) {
    Map<List<Object>, Object[]> byKey = new LinkedHashMap<>();
    int width = table.key().size();
    for (Object[] row : rows) {
      byKey.put(Arrays.asList(Arrays.copyOf(row, width)), row);
    }
    return byKey.values();
  }

  /** PostgreSQL: the type of each column of each table the chunks write, in the table's order. */
  private static Map<String, List<String>> columnTypes(Connection c) throws SQLException {
    List<Table> tables = List.of(EVENTS, POINTS, REJECTS, REDEMPTIONS, TRANSFERS, DEDUCTIONS);
    Map<String, String> found = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT table_name, column_name, udt_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ANY(?)")) {
      ps.setArray(1, c.createArrayOf("varchar", tables.stream().map(Table::name).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3));
        }
      }
    }
    Map<String, List<String>> types = new HashMap<>();
    for (Table table : tables) {
      List<String> columns = new ArrayList<>();
      for (String column : table.columns()) {
        String type = found.get(table.name() + "." + column);
        if (type == null) {
          throw new IllegalStateException("No column " + table.name() + "." + column);
        }
        columns.add(type);
      }
      types.put(table.name(), List.copyOf(columns));
    }
    return types;
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
        return "INSERT INTO " + intoValues(t, ") VALUES (") + onConflict(t);
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

    /**
     * PostgreSQL: upserts the rows given as one array per column: {@code INSERT INTO table
     * (columns) SELECT * FROM unnest(?, ?, ...) ON CONFLICT ...}.
     */
    static String upsertArrays(Table t) {
      return "INSERT INTO "
          + t.name()
          + " ("
          + String.join(", ", t.columns())
          + ") SELECT * FROM unnest("
          + String.join(", ", Collections.nCopies(t.columns().size(), "?"))
          + ")"
          + onConflict(t);
    }

    /** PostgreSQL: {@code ON CONFLICT (key) DO UPDATE SET} every other column. */
    static String onConflict(Table t) {
      return " ON CONFLICT ("
          + String.join(", ", t.key())
          + ") DO UPDATE SET "
          + t.others().stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
    }

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

package com.ledgerexplode.store;

import com.ledgerexplode.json.snapshot.SnapshotLineException;
import com.ledgerexplode.json.snapshot.SnapshotReader;
import com.ledgerexplode.ledger.SnapshotRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Loads a ledger snapshot into the store in one pass over the file (two when it has a bad line), in
 * one transaction (all or nothing), in memory bounded by a batch and the keys of the records that
 * others name (of every record, when the file has a bad line) whatever the file's size.
 *
 * <p>A file without a bad line is read once: the lines are written as they are read, with the keys
 * of the orgs, customers and groups kept ({@link SnapshotKeys#withoutEventKeys}) to check the
 * references, and two events of one key left to the database (the ledger's primary key, or a count
 * by key of the staging table); a reference to a record that neither the file nor the store has is
 * told at the end, when the whole file is known (a reference may point forward). At the first bad
 * line, or a key the database finds twice, the transaction is rolled back and the file read again
 * with every record's key kept: a line that is not a valid record, or the second of two lines with
 * one key, is bad at once; the others are written as they are read. With any bad line, and unless
 * they are to be skipped, the transaction is rolled back (writing stops at the first bad line) and
 * nothing is imported; a file without a record is refused before anything is done.
 *
 * <p>Into a store without a record (a first import), rows go straight to the ledger's tables and
 * the store is never asked what it has. Into one with records, they go to staging tables of the
 * same columns (temporary, the connection's own); at the end the store is asked, set-based, which
 * of the file's references it has, and the records of the file replace those of the same keys in
 * one statement per table ({@code DELETE ... WHERE EXISTS} in the staging table, then {@code INSERT
 * ... SELECT}), so that loading the same snapshot twice changes nothing. On PostgreSQL rows go by
 * COPY, elsewhere by JDBC batches.
 *
 * <p>With bad lines to be skipped: those bad by their own text or key are never written; when some
 * are bad by their references, known only at the end, the transaction is rolled back and the file
 * read once more without them.
 */
public final class SnapshotImporter {
  public static final int BATCH_SIZE = 1000;

  /** How many bad lines a report or a rejection keeps (all are counted). */
  public static final int MAX_REPORTED_LINES = 1000;

  /** What staging tables are named by: this prefix, then the ledger table's name. */
  static final String STAGING = "staging_";

  private final DataSource dataSource;
  private final int batchSize;

  public SnapshotImporter(DataSource dataSource) {
    this(dataSource, BATCH_SIZE);
  }

  /**
   * @param batchSize records written per JDBC batch (on PostgreSQL, COPY sends larger ones)
   */
  public SnapshotImporter(DataSource dataSource, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    this.dataSource = dataSource;
    this.batchSize = batchSize;
  }

  /**
   * Imports the snapshot.
   *
   * @param skipBadLines import the valid lines of a file with bad ones, and report those skipped
   * @throws SnapshotRejectedException when the file has bad lines and they are not to be skipped
   *     (nothing is imported)
   * @throws EmptySnapshotException when the file has no line but blank ones (nothing is imported)
   * @throws IOException when the file cannot be opened
   * @throws LedgerStoreException when the database fails (nothing is imported)
   */
  public ImportReport importSnapshot(Path snapshot, boolean skipBadLines) throws IOException {
    long start = System.nanoTime();
    refuseEmpty(snapshot);
    boolean hadSchema = LedgerSchema.exists(dataSource);
    LedgerSchema.migrate(dataSource);
    try {
      Result result = load(snapshot, skipBadLines, hadSchema);
      Counts counts = result.counts;
      return new ImportReport(
          counts.lines,
          counts.orgs,
          counts.customers,
          counts.groups,
          counts.events,
          result.bad.count,
          result.bad.first(),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException | RuntimeException e) {
      if (!hadSchema) {
        try {
          LedgerSchema.dropCreated(dataSource); // as it was: nothing was imported
        } catch (SQLException | RuntimeException alsoLost) {
          e.addSuppressed(alsoLost);
        }
      }
      throw e;
    }
  }

  /** A file without a non-blank line is refused before the database is touched. */
  private static void refuseEmpty(Path snapshot) throws IOException {
    long lines = 0;
    try (BufferedReader in = Files.newBufferedReader(snapshot, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        lines++;
        if (lines == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (!line.isBlank()) {
          return;
        }
      }
    } catch (CharacterCodingException e) {
      return; // not UTF-8: the import names the line
    }
    throw new EmptySnapshotException(snapshot.toString(), lines);
  }

  private record Result(Counts counts, BadLines bad) {}

  private Result load(Path snapshot, boolean skipBadLines, boolean hadSchema) throws IOException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      Dialect dialect = Dialect.of(connection);
      boolean staging = hadSchema && hasRecords(connection);
      connection.setAutoCommit(false);
      try {
        Counts counts = new Counts();
        if (loadChecked(snapshot, connection, dialect, staging, counts)) {
          commit(connection, staging, autoCommit);
          return new Result(counts, new BadLines());
        }
        // a bad line: rolled back, and read again keeping every key to tell each bad line
        connection.rollback();
        counts = new Counts();
        BadLines bad = new BadLines();
        SnapshotKeys keys = new SnapshotKeys();
        write(snapshot, connection, dialect, staging, skipBadLines, keys, bad, counts, null, false);
        long beforeReferences = bad.count;
        resolve(keys, connection, staging, bad);
        if (bad.count > 0 && !skipBadLines) {
          throw new SnapshotRejectedException(snapshot.toString(), bad.count, bad.first());
        }
        if (bad.count > beforeReferences) {
          // lines bad by their references were written: once more, without any bad line
          connection.rollback();
          counts = new Counts();
          write(
              snapshot,
              connection,
              dialect,
              staging,
              true,
              null,
              new BadLines(),
              counts,
              bad.byKeys.sorted(),
              false);
        }
        if (staging) {
          replaceFromStaging(connection, dialect);
        }
        commit(connection, staging, autoCommit);
        return new Result(counts, bad);
      } catch (SQLException | RuntimeException | IOException e) {
        try {
          connection.rollback();
          if (staging) {
            dropStaging(connection);
          }
          connection.setAutoCommit(autoCommit);
        } catch (SQLException alsoLost) {
          e.addSuppressed(alsoLost); // the first failure is the one to tell
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new LedgerStoreException(
          "import of " + snapshot + " failed, nothing was imported: " + e.getMessage(), e);
    }
  }

  private static void commit(Connection connection, boolean staging, boolean autoCommit)
      throws SQLException {
    connection.commit();
    if (staging) {
      dropStaging(connection);
    }
    connection.setAutoCommit(autoCommit);
  }

  /**
   * The first pass, for a file without a bad line: the file is loaded with the keys of orgs,
   * customers and groups kept (what the references need), and two events of one key left to the
   * database: the ledger's primary key refuses the second on a first import, a count by key of the
   * staging table finds it on a later one. Nothing is committed.
   *
   * @return whether the file was loaded whole and has no bad line; false at its first bad line, or
   *     when the database finds two records of one key (the caller rolls back and reads the file
   *     again with every key kept, which names each bad line)
   */
  private boolean loadChecked(
      Path snapshot, Connection connection, Dialect dialect, boolean staging, Counts counts)
      throws IOException, SQLException {
    BadLines bad = new BadLines();
    SnapshotKeys keys = SnapshotKeys.withoutEventKeys();
    try {
      if (!write(snapshot, connection, dialect, staging, false, keys, bad, counts, null, true)) {
        return false;
      }
    } catch (SQLException e) {
      if (staging || !Sql.isUniqueViolation(e)) {
        throw e;
      }
      return false; // a second record of one key: which line, the second pass tells
    }
    if (staging && hasTwoEventsOfOneKey(connection)) {
      return false;
    }
    resolve(keys, connection, staging, bad);
    if (bad.count > 0) {
      return false;
    }
    if (staging) {
      replaceFromStaging(connection, dialect);
    }
    return true;
  }

  /** The references left, against the store's records (none on a first import). */
  private static void resolve(
      SnapshotKeys keys, Connection connection, boolean staging, BadLines bad) throws SQLException {
    if (staging) {
      try (StoreKeys store = new StoreKeys(connection)) {
        keys.resolve(store, bad::addByKeys);
      }
    } else {
      keys.resolve((family, orgId, ids) -> List.of(), bad::addByKeys); // the store had none
    }
  }

  /** Whether the staging table of events holds two rows of one key (two lines of the file). */
  private static boolean hasTwoEventsOfOneKey(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT 1 FROM "
                    + STAGING
                    + LedgerWriter.Family.EVENT.tables.get(0)
                    + " GROUP BY "
                    + LedgerWriter.Family.EVENT.idColumn
                    + ", org_id HAVING COUNT(*) > 1 LIMIT 1")) {
      return rs.next();
    }
  }

  /** Whether the store has a record of any kind (a root row). */
  private static boolean hasRecords(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (LedgerWriter.Family family : LedgerWriter.Family.values()) {
        try (ResultSet rs =
            statement.executeQuery("SELECT 1 FROM " + family.tables.get(0) + " LIMIT 1")) {
          if (rs.next()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * One pass over the file, its records written into the ledger's tables or the staging ones.
   *
   * @param keys where the first pass checks keys and collects references; null on a pass again
   * @param skipped on a pass again, the lines to skip (bad by their keys or references), ascending
   * @param stopAtBadLine whether to stop at the first bad line, returning false (a first pass)
   * @return false when stopped at a bad line, else true
   */
  private boolean write(
      Path snapshot,
      Connection connection,
      Dialect dialect,
      boolean staging,
      boolean skipBadLines,
      @Nullable SnapshotKeys keys,
      BadLines bad,
      Counts counts,
      long @Nullable [] skipped,
      boolean stopAtBadLine)
      throws IOException, SQLException {
    if (staging) {
      createStaging(connection, dialect);
    }
    String prefix = staging ? STAGING : "";
    RowSink sink =
        dialect == Dialect.POSTGRESQL
            ? RowSink.copy(connection, prefix)
            : RowSink.batches(connection, prefix);
    int nextSkipped = 0;
    try (SnapshotReader reader = open(snapshot);
        LedgerWriter writer = new LedgerWriter(sink)) {
      while (true) {
        SnapshotRecord record;
        try {
          record = reader.next();
        } catch (SnapshotLineException e) {
          if (stopAtBadLine) {
            return false;
          }
          bad.add(e.line(), e.reason());
          continue;
        } catch (UncheckedIOException e) {
          if (stopAtBadLine) {
            return false;
          }
          // not UTF-8, or the file broke off: nothing after this point can be trusted
          bad.add(
              reader.lineNumber() + 1,
              "cannot be read: " + Objects.requireNonNull(e.getCause()).getMessage());
          throw new SnapshotRejectedException(snapshot.toString(), bad.count, bad.first());
        }
        if (record == null) {
          break;
        }
        long line = reader.lineNumber();
        if (keys != null) {
          String duplicate = keys.add(record, line);
          if (duplicate != null) {
            if (stopAtBadLine) {
              return false;
            }
            bad.addByKeys(line, duplicate);
            continue;
          }
        }
        if (skipped != null) {
          while (nextSkipped < skipped.length && skipped[nextSkipped] < line) {
            nextSkipped++;
          }
          if (nextSkipped < skipped.length && skipped[nextSkipped] == line) {
            continue; // a duplicate, or a reference to a record that will not be there
          }
        }
        if (bad.count > 0 && !skipBadLines) {
          continue; // nothing will be imported: the file is only read on for its bad lines
        }
        counts.count(record);
        writer.add(record);
        if (writer.pending() >= batchSize) {
          writer.flush(false);
        }
      }
      if (bad.count == 0 || skipBadLines) {
        writer.flush(true);
      }
      counts.lines = reader.lineNumber();
    }
    return true;
  }

  /**
   * Creates the staging tables, empty, of the ledger's tables' columns in their order: the
   * connection's own (temporary), with an index on the key of each kind's root table.
   */
  private static void createStaging(Connection connection, Dialect dialect) throws SQLException {
    dropStaging(connection);
    try (Statement statement = connection.createStatement()) {
      for (LedgerWriter.Family family : LedgerWriter.Family.values()) {
        for (String table : family.tables) {
          statement.execute(
              dialect == Dialect.POSTGRESQL
                  ? "CREATE TEMPORARY TABLE " + STAGING + table + " (LIKE " + table + ")"
                  : "CREATE LOCAL TEMPORARY TABLE "
                      + STAGING
                      + table
                      + " AS SELECT * FROM "
                      + table
                      + " WITH NO DATA");
        }
        String root = family.tables.get(0);
        statement.execute(
            "CREATE INDEX "
                + STAGING
                + root
                + "_key ON "
                + STAGING
                + root
                + " ("
                + (family.idColumn == null ? "org_id" : family.idColumn + ", org_id")
                + ")");
      }
    }
  }

  private static void dropStaging(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (LedgerWriter.Family family : LedgerWriter.Family.values()) {
        for (String table : family.tables) {
          statement.execute("DROP TABLE IF EXISTS " + STAGING + table);
        }
      }
    }
  }

  /**
   * The records of the staging tables replace those of the same keys in the ledger's, set-based:
   * per table, one statement deletes the rows of the records the file has again, one inserts the
   * staging rows.
   */
  private static void replaceFromStaging(Connection connection, Dialect dialect)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (LedgerWriter.Family family : LedgerWriter.Family.values()) {
        String root = STAGING + family.tables.get(0);
        if (dialect == Dialect.POSTGRESQL) {
          statement.execute("ANALYZE " + root); // a temporary table has no statistics
        }
        String sameKey =
            family.idColumn == null
                ? "s.org_id = t.org_id"
                : "s." + family.idColumn + " = t." + family.idColumn + " AND s.org_id = t.org_id";
        for (String table : family.tables) {
          statement.executeUpdate(
              "DELETE FROM "
                  + table
                  + " t WHERE EXISTS (SELECT 1 FROM "
                  + root
                  + " s WHERE "
                  + sameKey
                  + ")");
          statement.executeUpdate("INSERT INTO " + table + " SELECT * FROM " + STAGING + table);
        }
      }
    }
  }

  private static final class BadLines {
    long count;

    /** The first {@link #MAX_REPORTED_LINES} by line number, the last of them at the head. */
    private final PriorityQueue<ImportReport.BadLine> first =
        new PriorityQueue<>(Comparator.comparingLong(ImportReport.BadLine::line).reversed());

    /** The lines bad by their key or references, which pass 2 cannot tell by reading them. */
    final LongList byKeys = new LongList();

    void add(long line, String reason) {
      count++;
      first.add(new ImportReport.BadLine(line, reason));
      if (first.size() > MAX_REPORTED_LINES) {
        first.poll();
      }
    }

    void addByKeys(long line, String reason) {
      add(line, reason);
      byKeys.add(line);
    }

    List<ImportReport.BadLine> first() {
      List<ImportReport.BadLine> sorted = new ArrayList<>(first);
      sorted.sort(Comparator.comparingLong(ImportReport.BadLine::line));
      return sorted;
    }
  }

  private static final class Counts {
    long lines;
    long orgs;
    long customers;
    long groups;
    long events;

    void count(SnapshotRecord record) {
      if (record instanceof SnapshotRecord.OrgRecord) {
        orgs++;
      } else if (record instanceof SnapshotRecord.CustomerRecord) {
        customers++;
      } else if (record instanceof SnapshotRecord.GroupRecord) {
        groups++;
      } else {
        events++;
      }
    }
  }

  /**
   * The store's side of {@link SnapshotKeys}, asked on the import's connection before any of its
   * rows reach the ledger's tables (they are in the staging ones until then): a statement per kind,
   * prepared at its first question.
   */
  private static final class StoreKeys implements SnapshotKeys.Store, AutoCloseable {
    private final Connection connection;
    private final Map<LedgerWriter.Family, PreparedStatement> statements =
        new EnumMap<>(LedgerWriter.Family.class);

    StoreKeys(Connection connection) {
      this.connection = connection;
    }

    @Override
    public List<Long> existing(LedgerWriter.Family family, long orgId, Collection<Long> ids)
        throws SQLException {
      PreparedStatement select = statements.get(family);
      if (select == null) {
        select = connection.prepareStatement(family.existingSql());
        statements.put(family, select);
      }
      return family.existing(select, orgId, ids);
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement select : statements.values()) {
        select.close();
      }
    }
  }

  private static SnapshotReader open(Path snapshot) throws IOException {
    return new SnapshotReader(Files.newBufferedReader(snapshot, StandardCharsets.UTF_8));
  }
}

package com.ledgerexplode.store;

import com.ledgerexplode.json.snapshot.SnapshotLineException;
import com.ledgerexplode.json.snapshot.SnapshotReader;
import com.ledgerexplode.ledger.SnapshotRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * Loads a ledger snapshot into the store, in memory bounded by a batch and the file's keys whatever
 * the file's size. Pass 1 reads the whole file and collects its bad lines: a line that is not a
 * valid record, the second of two lines with one key, a record that refers to one neither the file
 * nor the store has ({@link SnapshotKeys}); with any, and unless they are to be skipped, nothing is
 * imported. A file without a record is refused. Pass 2 creates or migrates the schema, then imports
 * in one transaction (all or nothing), in JDBC batches. A record already there is replaced by the
 * snapshot's version (its rows, root and children, deleted and inserted again), so loading the same
 * snapshot twice changes nothing.
 */
public final class SnapshotImporter {
  public static final int BATCH_SIZE = 1000;

  /** How many bad lines a report or a rejection keeps (all are counted). */
  public static final int MAX_REPORTED_LINES = 1000;

  private final DataSource dataSource;
  private final int batchSize;

  public SnapshotImporter(DataSource dataSource) {
    this(dataSource, BATCH_SIZE);
  }

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
    BadLines bad = checkLines(snapshot);
    if (bad.count > 0 && !skipBadLines) {
      throw new SnapshotRejectedException(snapshot.toString(), bad.count, bad.first());
    }
    LedgerSchema.migrate(dataSource);
    Counts counts = new Counts();
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        importLines(snapshot, connection, skipBadLines, bad.byKeys.sorted(), counts);
        connection.commit();
      } catch (SQLException | RuntimeException | IOException e) {
        try {
          connection.rollback();
          connection.setAutoCommit(autoCommit);
        } catch (SQLException alsoLost) {
          e.addSuppressed(alsoLost); // the first failure is the one to tell
        }
        throw e;
      }
      connection.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      throw new LedgerStoreException(
          "import of " + snapshot + " failed, nothing was imported: " + e.getMessage(), e);
    }
    return new ImportReport(
        counts.lines,
        counts.orgs,
        counts.customers,
        counts.groups,
        counts.events,
        bad.count,
        bad.first(),
        Duration.ofNanos(System.nanoTime() - start));
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
   * Pass 1: every line read, the bad ones collected, then the references resolved; a file that
   * cannot be read is rejected, and so is one without a record.
   */
  private BadLines checkLines(Path snapshot) throws IOException {
    BadLines bad = new BadLines();
    SnapshotKeys keys = new SnapshotKeys();
    long records = 0;
    try (SnapshotReader reader = open(snapshot)) {
      while (true) {
        try {
          SnapshotRecord record = reader.next();
          if (record == null) {
            if (records == 0 && bad.count == 0) {
              throw new EmptySnapshotException(snapshot.toString(), reader.lineNumber());
            }
            break;
          }
          records++;
          String duplicate = keys.add(record, reader.lineNumber());
          if (duplicate != null) {
            bad.addByKeys(reader.lineNumber(), duplicate);
          }
        } catch (SnapshotLineException e) {
          bad.add(e.line(), e.reason());
        } catch (UncheckedIOException e) {
          // not UTF-8, or the file broke off: nothing after this point can be trusted
          bad.add(
              reader.lineNumber() + 1,
              "cannot be read: " + Objects.requireNonNull(e.getCause()).getMessage());
          throw new SnapshotRejectedException(snapshot.toString(), bad.count, bad.first());
        }
      }
    }
    try (StoreKeys store = new StoreKeys()) {
      keys.resolve(store, bad::addByKeys);
    } catch (SQLException e) {
      throw new LedgerStoreException(
          "import of " + snapshot + " failed, nothing was imported: " + e.getMessage(), e);
    }
    return bad;
  }

  /**
   * The store's side of {@link SnapshotKeys}: one connection, opened at the first question; a
   * database without the ledger's schema has no record and is not asked.
   */
  private final class StoreKeys implements SnapshotKeys.Store, AutoCloseable {
    private @Nullable Connection connection;
    private @Nullable Boolean hasSchema;
    private final Map<LedgerWriter.Family, PreparedStatement> statements =
        new EnumMap<>(LedgerWriter.Family.class);

    @Override
    public List<Long> existing(LedgerWriter.Family family, long orgId, Collection<Long> ids)
        throws SQLException {
      if (hasSchema == null) {
        hasSchema = LedgerSchema.exists(dataSource);
      }
      if (!hasSchema) {
        return List.of();
      }
      Connection c = connection;
      if (c == null) {
        c = dataSource.getConnection();
        connection = c;
      }
      PreparedStatement select = statements.get(family);
      if (select == null) {
        select = c.prepareStatement(family.existingSql());
        statements.put(family, select);
      }
      return family.existing(select, orgId, ids);
    }

    @Override
    public void close() throws SQLException {
      if (connection != null) {
        connection.close(); // closes its statements
      }
    }
  }

  /**
   * Pass 2: the records, in batches, on the caller's transaction.
   *
   * @param skipped the lines pass 1 found bad by their keys or references, ascending
   */
  private void importLines(
      Path snapshot, Connection connection, boolean skipBadLines, long[] skipped, Counts counts)
      throws IOException, SQLException {
    int nextSkipped = 0;
    try (SnapshotReader reader = open(snapshot);
        LedgerWriter writer = new LedgerWriter(connection)) {
      while (true) {
        SnapshotRecord record;
        try {
          record = reader.next();
        } catch (SnapshotLineException e) {
          if (skipBadLines) {
            continue;
          }
          // the file changed since pass 1
          throw new SnapshotRejectedException(
              snapshot.toString(), 1, List.of(new ImportReport.BadLine(e.line(), e.reason())));
        }
        if (record == null) {
          break;
        }
        while (nextSkipped < skipped.length && skipped[nextSkipped] < reader.lineNumber()) {
          nextSkipped++;
        }
        if (nextSkipped < skipped.length && skipped[nextSkipped] == reader.lineNumber()) {
          continue; // a duplicate, or a reference to a record that will not be there
        }
        counts.count(record);
        writer.add(record);
        if (writer.pending() >= batchSize) {
          writer.flush();
        }
      }
      writer.flush();
      counts.lines = reader.lineNumber();
    }
  }

  private static SnapshotReader open(Path snapshot) throws IOException {
    return new SnapshotReader(Files.newBufferedReader(snapshot, StandardCharsets.UTF_8));
  }
}

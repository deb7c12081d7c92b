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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Loads a ledger snapshot into the store, in memory bounded by a batch whatever the file's size.
 * Pass 1 reads the whole file and collects its bad lines: with any, and unless they are to be
 * skipped, nothing is imported. Pass 2 creates or migrates the schema, then imports in one
 * transaction (all or nothing), in JDBC batches. A record already there is replaced by the
 * snapshot's version (its rows, root and children, deleted and inserted again), so loading the same
 * snapshot twice changes nothing; of two lines with one key, the later wins.
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
   * @throws IOException when the file cannot be opened
   * @throws LedgerStoreException when the database fails (nothing is imported)
   */
  public ImportReport importSnapshot(Path snapshot, boolean skipBadLines) throws IOException {
    long start = System.nanoTime();
    BadLines bad = checkLines(snapshot);
    if (bad.count > 0 && !skipBadLines) {
      throw new SnapshotRejectedException(snapshot.toString(), bad.count, bad.first);
    }
    LedgerSchema.migrate(dataSource);
    Counts counts = new Counts();
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        importLines(snapshot, connection, skipBadLines, counts);
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
        bad.first,
        Duration.ofNanos(System.nanoTime() - start));
  }

  private static final class BadLines {
    long count;
    final List<ImportReport.BadLine> first = new ArrayList<>();

    void add(long line, String reason) {
      count++;
      if (first.size() < MAX_REPORTED_LINES) {
        first.add(new ImportReport.BadLine(line, reason));
      }
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

  /** Pass 1: every line read, the bad ones collected; a file that cannot be read is rejected. */
  private static BadLines checkLines(Path snapshot) throws IOException {
    BadLines bad = new BadLines();
    try (SnapshotReader reader = open(snapshot)) {
      while (true) {
        try {
          if (reader.next() == null) {
            return bad;
          }
        } catch (SnapshotLineException e) {
          bad.add(e.line(), e.reason());
        } catch (UncheckedIOException e) {
          // not UTF-8, or the file broke off: nothing after this point can be trusted
          bad.add(
              reader.lineNumber() + 1,
              "cannot be read: " + Objects.requireNonNull(e.getCause()).getMessage());
          throw new SnapshotRejectedException(snapshot.toString(), bad.count, bad.first);
        }
      }
    }
  }

  /** Pass 2: the records, in batches, on the caller's transaction. */
  private void importLines(
      Path snapshot, Connection connection, boolean skipBadLines, Counts counts)
      throws IOException, SQLException {
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

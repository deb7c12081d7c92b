package com.ledgerexplode.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A ledger store opened for a command: its connection pool, the schema created or migrated, and
 * what the command reads or writes through it. The command line holds this, never a data source.
 */
public final class LedgerDatabase implements AutoCloseable {
  private final HikariDataSource pool;

  private LedgerDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Opens the ledger store at this URL (credentials from {@code LEDGER_DB_USER} and {@code
   * LEDGER_DB_PASSWORD}), creating or migrating its schema first.
   */
  public static LedgerDatabase open(String url) {
    return migrated(Databases.open(url, "LEDGER_DB"));
  }

  /** As {@link #open(String)}, with a pool of {@code poolSize} connections (a server's). */
  public static LedgerDatabase open(String url, int poolSize) {
    return migrated(Databases.open(url, "LEDGER_DB", poolSize));
  }

  private static LedgerDatabase migrated(HikariDataSource pool) {
    try {
      LedgerSchema.migrate(pool);
      return new LedgerDatabase(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  public JdbcLedgerStore store() {
    return new JdbcLedgerStore(pool);
  }

  public SnapshotImporter importer() {
    return new SnapshotImporter(pool);
  }

  /**
   * Whether the database answers now, within {@code timeoutSeconds}: a connection from the pool is
   * valid. Never throws; a closed pool is not reachable.
   */
  public boolean reachable(int timeoutSeconds) {
    if (pool.isClosed()) {
      return false;
    }
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(timeoutSeconds);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}

package com.ledgerexplode.store;

import com.zaxxer.hikari.HikariDataSource;

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
    HikariDataSource pool = Databases.open(url, "LEDGER_DB");
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

  @Override
  public void close() {
    pool.close();
  }
}

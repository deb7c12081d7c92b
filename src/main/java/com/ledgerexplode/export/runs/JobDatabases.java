package com.ledgerexplode.export.runs;

import com.ledgerexplode.store.Databases;
import com.ledgerexplode.store.Dialect;
import com.ledgerexplode.store.Secrets;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The connection pools of a run, one per distinct URL, so that a reporting database that is also
 * the job repository shares its pool, and so the chunk's transaction. Passwords come from the
 * environment: {@code REPOSITORY_DB_PASSWORD}, {@code LEDGER_DB_PASSWORD}, {@code
 * REPORTING_DB_PASSWORD} (and {@code *_USER}).
 */
public final class JobDatabases implements AutoCloseable {
  private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();
  private final Duration connectionTimeout;
  private final int poolSize;

  /** Pools whose connections are waited for at most {@link Databases#CONNECTION_TIMEOUT}. */
  public JobDatabases() {
    this(Databases.CONNECTION_TIMEOUT);
  }

  /**
   * Pools whose connections are waited for at most this long while a database does not answer, so
   * that a run retrying a lost database for less than the default wait is not held past its time.
   */
  public JobDatabases(Duration connectionTimeout) {
    this(connectionTimeout, 1);
  }

  /**
   * As {@link #JobDatabases(Duration)}, for a run of {@code partitions} partitions at once: each
   * holds a connection to the job repository for its chunk's transaction while it reads the ledger
   * and writes its rows, so that the pools hold two per partition beyond the default's.
   */
  public JobDatabases(Duration connectionTimeout, int partitions) {
    this.connectionTimeout = connectionTimeout;
    this.poolSize = Math.max(Databases.POOL_SIZE, 2 * partitions + 2);
  }

  /** The job repository's pool, its tables created if absent, durable at each commit. */
  public DataSource repository(String url) {
    DataSource dataSource = pool(url, "REPOSITORY_DB");
    JobRepositorySchema.createIfAbsent(dataSource);
    durableCommits(url, dataSource);
    return dataSource;
  }

  public DataSource ledger(String url) {
    return pool(url, "LEDGER_DB");
  }

  /** The reporting database's pool, durable at each commit. */
  public DataSource reporting(String url) {
    DataSource dataSource = pool(url, "REPORTING_DB");
    durableCommits(url, dataSource);
    return dataSource;
  }

  /**
   * H2 writes a commit to disk up to half a second later by default, so a SIGKILL loses the last
   * checkpoints while the export file, forced at each chunk, is ahead of them; a checkpoint must be
   * on disk when its chunk is committed.
   */
  private static void durableCommits(String url, DataSource dataSource) {
    if (Dialect.ofUrl(url) != Dialect.H2 || Dialect.isInMemoryH2(url)) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET WRITE_DELAY 0");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot make " + Secrets.mask(url) + " durable: " + e.getMessage(), e);
    }
  }

  private synchronized DataSource pool(String url, String envPrefix) {
    HikariDataSource pool = pools.get(url);
    if (pool == null) {
      pool = Databases.open(url, envPrefix, connectionTimeout, poolSize);
      pools.put(url, pool);
    }
    return pool;
  }

  @Override
  public synchronized void close() {
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }
}

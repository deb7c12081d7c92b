package com.ledgerexplode.export;

import com.ledgerexplode.store.Databases;
import com.zaxxer.hikari.HikariDataSource;
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

  /** The job repository's pool, its tables created if absent. */
  public DataSource repository(String url) {
    DataSource dataSource = pool(url, "REPOSITORY_DB");
    JobRepositorySchema.createIfAbsent(dataSource);
    return dataSource;
  }

  public DataSource ledger(String url) {
    return pool(url, "LEDGER_DB");
  }

  public DataSource reporting(String url) {
    return pool(url, "REPORTING_DB");
  }

  private synchronized DataSource pool(String url, String envPrefix) {
    HikariDataSource pool = pools.get(url);
    if (pool == null) {
      pool = Databases.open(url, envPrefix);
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

package com.ledgerexplode.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The ledger store's schema, kept by Flyway from {@code db/ledger} on the class path, with Flyway's
 * history table in the database's default schema.
 */
public final class LedgerSchema {
  public static final String LOCATION = "classpath:db/ledger";

  private LedgerSchema() {}

  /**
   * Creates the schema in an empty database, or migrates it to the newest version.
   *
   * @return how many migrations were applied (0 when it was up to date)
   */
  public static int migrate(DataSource dataSource) {
    MigrateResult result = flyway(dataSource).migrate();
    return result.migrationsExecuted;
  }

  /** Whether the database has the schema, at any version: without it, it has no record. */
  public static boolean exists(DataSource dataSource) {
    return flyway(dataSource).info().current() != null;
  }

  private static Flyway flyway(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .failOnMissingLocations(true)
        .load();
  }
}

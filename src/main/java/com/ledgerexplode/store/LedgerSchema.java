package com.ledgerexplode.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The ledger store's schema, kept by Flyway from {@code db/ledger} on the class path, with Flyway's
 * history table in the database's default schema.
 */
public final class LedgerSchema {
  public static final String LOCATION = "classpath:db/ledger";

  /** Flyway's history table of the ledger's schema: Flyway's default name. */
  private static final String HISTORY_TABLE = "flyway_schema_history";

  private LedgerSchema() {}

  /**
   * Creates the schema in an empty database, or migrates it to the newest version.
   *
   * @return how many migrations were applied (0 when it was up to date)
   */
  public static int migrate(DataSource dataSource) {
    if (isNewest(dataSource)) {
      return 0;
    }
    MigrateResult result = flyway(dataSource).migrate();
    return result.migrationsExecuted;
  }

  /**
   * The version of the newest migration in {@link #LOCATION}; {@code LedgerSchemaTest} checks that
   * it is Flyway's. Known here so that a store already at it is told by one query, without Flyway's
   * search of the class path and its validation, which cost a run more than its first rows.
   */
  static final String NEWEST_VERSION = "6";

  /**
   * Whether Flyway's history says the schema is at {@link #NEWEST_VERSION}, every migration of it
   * successful; anything else (no history, a failed or a newer migration, a query that fails) is
   * left to Flyway to migrate, or to refuse, as before.
   */
  static boolean isNewest(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                    + " ORDER BY \"installed_rank\"")) {
      String newest = null;
      while (rs.next()) {
        if (!rs.getBoolean(2)) {
          return false;
        }
        String version = rs.getString(1);
        if (version != null) {
          newest = version;
        }
      }
      return NEWEST_VERSION.equals(newest);
    } catch (SQLException noHistoryYet) {
      return false;
    }
  }

  /** Whether the database has the schema, at any version: without it, it has no record. */
  public static boolean exists(DataSource dataSource) {
    return flyway(dataSource).info().current() != null;
  }

  /**
   * Drops the schema that {@link #migrate} created in a database that had none (its tables and
   * Flyway's history): what an import that imported nothing leaves, so that the database is as it
   * was. Never to be called on a database that had the schema before.
   */
  static void dropCreated(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (LedgerWriter.Family family : LedgerWriter.Family.values()) {
        for (String table : family.tables) {
          statement.execute("DROP TABLE IF EXISTS " + table);
        }
      }
      statement.execute("DROP TABLE IF EXISTS \"" + HISTORY_TABLE + "\"");
    }
  }

  private static Flyway flyway(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .failOnMissingLocations(true)
        .table(HISTORY_TABLE)
        .load();
  }
}

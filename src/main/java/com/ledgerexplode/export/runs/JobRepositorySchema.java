package com.ledgerexplode.export.runs;

import com.ledgerexplode.store.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Spring Batch's own tables in the job repository's database, created from its scripts if absent.
 */
final class JobRepositorySchema {
  private JobRepositorySchema() {}

  static void createIfAbsent(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      if (exists(connection)) {
        return;
      }
      String script =
          Dialect.of(connection) == Dialect.POSTGRESQL
              ? "org/springframework/batch/core/schema-postgresql.sql"
              : "org/springframework/batch/core/schema-h2.sql";
      new ResourceDatabasePopulator(new ClassPathResource(script)).populate(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot create the job repository's tables: " + e.getMessage(), e);
    }
  }

  private static boolean exists(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE 1 = 0").close();
      return true;
    } catch (SQLException absent) {
      return false;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}

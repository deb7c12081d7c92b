package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.testing.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DatabasesTest {

  @Test
  void h2sSharedValueCacheIsTurnedOffUnlessTheJvmSaysOtherwise() {
    String before = System.getProperty(Databases.H2_OBJECT_CACHE);
    try {
      System.clearProperty(Databases.H2_OBJECT_CACHE);
      Databases.setUpH2();
      assertThat(System.getProperty(Databases.H2_OBJECT_CACHE)).isEqualTo("false");

      System.setProperty(Databases.H2_OBJECT_CACHE, "true");
      Databases.setUpH2();
      assertThat(System.getProperty(Databases.H2_OBJECT_CACHE)).isEqualTo("true");
    } finally {
      if (before == null) {
        System.clearProperty(Databases.H2_OBJECT_CACHE);
      } else {
        System.setProperty(Databases.H2_OBJECT_CACHE, before);
      }
    }
  }

  @Test
  void anH2UrlWithoutAUserOpensAsSa() throws Exception {
    try (HikariDataSource dataSource =
        Databases.open("jdbc:h2:mem:" + UUID.randomUUID(), "LEDGER_DB", Map.of())) {
      try (Connection c = dataSource.getConnection()) {
        assertThat(c.getMetaData().getUserName()).isEqualToIgnoringCase("sa");
      }
      assertThat(dataSource.getMaximumPoolSize()).isEqualTo(Databases.POOL_SIZE);
    }
  }

  @Test
  void theUserAndPasswordComeFromTheEnvironmentAndAWrongPasswordIsNeverShown() throws Exception {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    Map<String, String> env = Map.of("LEDGER_DB_USER", "ledger", "LEDGER_DB_PASSWORD", "s3cret");
    try (HikariDataSource dataSource = Databases.open(url, "LEDGER_DB", env);
        Connection c = dataSource.getConnection()) {
      assertThat(c.getMetaData().getUserName()).isEqualToIgnoringCase("ledger");
      Map<String, String> wrong =
          Map.of("LEDGER_DB_USER", "ledger", "LEDGER_DB_PASSWORD", "wr0ng-pass");
      assertThatThrownBy(() -> Databases.open(url, "LEDGER_DB", wrong))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageStartingWith("Cannot connect to " + url + ": ")
          .message()
          .doesNotContain("wr0ng-pass")
          .doesNotContain("s3cret");
    }
  }

  @Test
  void anUnreachableDatabaseIsNamedWithoutItsPassword() {
    String url = "jdbc:postgresql://127.0.0.1:1/ledger?user=u&password=s3cret&ssl=false";
    assertThatThrownBy(() -> Databases.open(url, "LEDGER_DB", Map.of()))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith(
            "Cannot connect to jdbc:postgresql://127.0.0.1:1/ledger?user=u&password=***&ssl=false: ")
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void anUnreachableDatabaseIsNamedWithoutItsSslPasswordNorItsPwd() {
    String url = "jdbc:postgresql://127.0.0.1:1/ledger?sslpassword=k3y-pass&PWD=s3cret&ssl=false";
    assertThatThrownBy(() -> Databases.open(url, "LEDGER_DB", Map.of()))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith(
            "Cannot connect to jdbc:postgresql://127.0.0.1:1/ledger?sslpassword=***&PWD=***&ssl=false: ")
        .message()
        .doesNotContain("k3y-pass")
        .doesNotContain("s3cret");
  }

  @Test
  void theUrlOfAnEmbeddedPostgresDatabaseOpensWithoutEnvironment() throws Exception {
    DataSource created = TestDatabases.POSTGRESQL.createEmpty();
    String url = TestDatabases.POSTGRESQL.jdbcUrl(created);
    try (HikariDataSource dataSource = Databases.open(url, "LEDGER_DB", Map.of())) {
      assertThat(LedgerSchema.migrate(dataSource)).isEqualTo(6);
    }
  }

  @Test
  void aDatabaseOpenedWithoutAnyUserSaysWhichVariablesToSet() {
    String url = TestDatabases.POSTGRESQL.jdbcUrl(TestDatabases.POSTGRESQL.createEmpty());
    String withoutUser = url.substring(0, url.indexOf('?'));
    assertThatThrownBy(() -> Databases.open(withoutUser, "REPORTING_DB", Map.of()))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageStartingWith("Cannot connect to " + withoutUser + ": ")
        .hasMessageEndingWith(
            " (no user was given: set REPORTING_DB_USER and REPORTING_DB_PASSWORD, or user= in"
                + " the URL)");
  }
}

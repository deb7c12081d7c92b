package com.ledgerexplode.export.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ledgerexplode.store.DatabaseUnavailableException;
import com.ledgerexplode.store.Databases;
import com.ledgerexplode.store.Secrets;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;

/** The pools of a run: the ledger's opened ahead, while the job repository is opened. */
class JobDatabasesTest {
  private static final long WAIT_MS = 20_000;

  /** The environment of a run whose repository user is {@code runner}. */
  private static final Map<String, String> RUNNER =
      Map.of("REPOSITORY_DB_USER", "runner", "REPOSITORY_DB_PASSWORD", "runner-password");

  @ParameterizedTest
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void theLedgerOpenedAheadIsConnectedBeforeItIsAskedForAndIsThePoolItIsGiven(TestDatabase db)
      throws Exception {
    DataSource observer = db.createEmpty();
    String url = db.jdbcUrl(observer);
    int before = sessions(db, observer);
    try (JobDatabases databases = new JobDatabases()) {
      databases.openLedgerAhead(url);

      awaitSessions(db, observer, before + 1);
      DataSource ledger = databases.ledger(url);
      assertThat(ledger).isSameAs(databases.ledger(url));
      try (Connection connection = ledger.getConnection();
          Statement statement = connection.createStatement();
          ResultSet one = statement.executeQuery("SELECT 1")) {
        assertThat(one.next()).isTrue();
      }
      assertThat(sessions(db, observer)).as("one pool, not a second").isEqualTo(before + 1);
    }
    awaitSessions(db, observer, before);
  }

  @ParameterizedTest
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aLedgerOpeningAheadWhenTheRunEndsIsClosedOnceOpen(TestDatabase db) throws Exception {
    DataSource observer = db.createEmpty();
    String url = db.jdbcUrl(observer);
    int before = sessions(db, observer);
    JobDatabases databases = new JobDatabases();
    databases.openLedgerAhead(url);
    databases.close();

    awaitSessions(db, observer, before);
    Thread.sleep(500); // an opening that ended after close must not leave its connection open
    assertThat(sessions(db, observer)).isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aLedgerThatCannotBeOpenedAheadFailsWhenItIsAskedForAsAPoolOpenedThenWould(TestDatabase db) {
    String url = unreachable(db);
    Throwable direct =
        catchThrowable(() -> Databases.open(url, "LEDGER_DB", Duration.ofMillis(250)).close());
    assertThat(direct).isInstanceOf(DatabaseUnavailableException.class);

    try (JobDatabases databases = new JobDatabases(Duration.ofMillis(250))) {
      databases.openLedgerAhead(url); // says nothing yet: the run may be refused before

      assertThatThrownBy(() -> databases.ledger(url))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessage(direct.getMessage());
    }
  }

  @Test
  void aRepositoryInAnH2FileOfItsOwnGetsABoundedPageCache(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("repository");
    try (JobDatabases databases = new JobDatabases()) {
      DataSource repository =
          databases.repository(url, List.of("jdbc:h2:file:" + dir.resolve("ledger")));
      assertThat(cacheSize(repository)).isEqualTo(JobDatabases.REPOSITORY_CACHE_KB);
    }
  }

  @Test
  void aRepositoryThatIsAlsoTheLedgerKeepsH2sPageCache(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("both");
    try (JobDatabases databases = new JobDatabases()) {
      DataSource repository =
          databases.repository(
              url, List.of("jdbc:h2:" + dir.resolve("both") + ";AUTO_SERVER=TRUE"));
      assertThat(cacheSize(repository)).isNotEqualTo(JobDatabases.REPOSITORY_CACHE_KB);
    }
  }

  @ParameterizedTest
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aRepositoryNotInAnH2FileIsOpenedWithItsTablesAndNoCacheSet(TestDatabase db)
      throws Exception {
    String url = db.jdbcUrl(db.createEmpty());
    try (JobDatabases databases = new JobDatabases()) {
      DataSource repository = databases.repository(url, List.of());
      try (Connection connection = repository.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")) {
        assertThat(rows.next()).isTrue();
      }
      if (db == TestDatabases.H2) {
        assertThat(cacheSize(repository)).isNotEqualTo(JobDatabases.REPOSITORY_CACHE_KB);
      }
    }
  }

  @Test
  void theLedgerAndTheRepositoryInH2FilesAreNotCompactedWhenTheRunClosesThem(@TempDir Path dir)
      throws Exception {
    String ahead = "jdbc:h2:file:" + dir.resolve("ahead");
    String ledger = "jdbc:h2:file:" + dir.resolve("ledger") + ";AUTO_SERVER=TRUE";
    String repository = "jdbc:h2:file:" + dir.resolve("repository");
    try (JobDatabases databases = new JobDatabases()) {
      databases.openLedgerAhead(ahead);

      assertThat(maxCompactTime(databases.ledger(ahead))).isEqualTo("0");
      assertThat(maxCompactTime(databases.ledger(ledger))).isEqualTo("0");
      assertThat(maxCompactTime(databases.repository(repository, List.of(ledger)))).isEqualTo("0");
    }
  }

  @Test
  void theLedgerInAnH2FileIsNeverCompactedInTheBackgroundWhileTheRunReadsIt(@TempDir Path dir)
      throws Exception {
    String ahead = "jdbc:h2:file:" + dir.resolve("ahead");
    String ledger = "jdbc:h2:file:" + dir.resolve("ledger") + ";AUTO_SERVER=TRUE";
    try (JobDatabases databases = new JobDatabases()) {
      databases.openLedgerAhead(ahead);

      assertThat(autoCompactFillRate(databases.ledger(ahead))).isEqualTo("0");
      assertThat(autoCompactFillRate(databases.ledger(ledger))).isEqualTo("0");
    }
  }

  @Test
  void theRepositoryInAnH2FileIsCompactedInTheBackgroundAsH2DoesByDefault(@TempDir Path dir)
      throws Exception {
    String ledger = "jdbc:h2:file:" + dir.resolve("ledger");
    try (JobDatabases databases = new JobDatabases()) {
      DataSource repository =
          databases.repository("jdbc:h2:file:" + dir.resolve("repository"), List.of(ledger));
      assertThat(autoCompactFillRate(repository)).isEqualTo("90");
    }
  }

  @Test
  void aReportingDatabaseInAnH2FileIsCompactedAsH2DoesByDefault(@TempDir Path dir)
      throws Exception {
    try (JobDatabases databases = new JobDatabases()) {
      DataSource reporting = databases.reporting("jdbc:h2:file:" + dir.resolve("reporting"));
      assertThat(maxCompactTime(reporting)).isEqualTo("200");
      assertThat(autoCompactFillRate(reporting)).isEqualTo("90");
    }
  }

  @Test
  void anH2UrlThatSetsItsOwnBackgroundCompactionKeepsIt(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("ledger") + ";auto_compact_fill_rate=50";
    try (JobDatabases databases = new JobDatabases()) {
      assertThat(autoCompactFillRate(databases.ledger(url))).isEqualTo("50");
    }
  }

  @Test
  void anH2UrlThatSetsItsOwnCompactionTimeKeepsIt(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("ledger") + ";max_compact_time=50";
    try (JobDatabases databases = new JobDatabases()) {
      assertThat(maxCompactTime(databases.ledger(url))).isEqualTo("50");
    }
  }

  @Test
  void everyH2DatabaseOfARunKeepsTheStatementsOfAChunkParsed(@TempDir Path dir) throws Exception {
    String ahead = "jdbc:h2:file:" + dir.resolve("ahead");
    String ledger = "jdbc:h2:file:" + dir.resolve("ledger") + ";AUTO_SERVER=TRUE";
    String repository = "jdbc:h2:file:" + dir.resolve("repository");
    String kept = Integer.toString(Databases.H2_STATEMENTS_KEPT);
    try (JobDatabases databases = new JobDatabases()) {
      databases.openLedgerAhead(ahead);

      assertThat(statementsKept(databases.ledger(ahead))).isEqualTo(kept);
      assertThat(statementsKept(databases.ledger(ledger))).isEqualTo(kept);
      assertThat(statementsKept(databases.repository(repository, List.of(ledger)))).isEqualTo(kept);
      assertThat(statementsKept(databases.reporting("jdbc:h2:file:" + dir.resolve("reporting"))))
          .isEqualTo(kept);
    }
  }

  @Test
  void anH2UrlThatSetsHowManyStatementsAreKeptKeepsThatMany(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("ledger") + ";query_cache_size=5";
    try (JobDatabases databases = new JobDatabases()) {
      assertThat(statementsKept(databases.ledger(url))).isEqualTo("5");
    }
  }

  private static @Nullable String autoCompactFillRate(DataSource h2) throws SQLException {
    return setting(h2, "AUTO_COMPACT_FILL_RATE");
  }

  private static @Nullable String statementsKept(DataSource h2) throws SQLException {
    return setting(h2, "QUERY_CACHE_SIZE");
  }

  private static @Nullable String maxCompactTime(DataSource h2) throws SQLException {
    return setting(h2, "MAX_COMPACT_TIME");
  }

  @Test
  void aRepositoryUserWithoutH2sAdminRightRunsOnWithH2sPageCacheAndTheLogSaysSo(@TempDir Path dir)
      throws Exception {
    String file = "jdbc:h2:file:" + dir.resolve("repository");
    int cacheMaxSizeBefore = repositoryForARunnerWithoutAdminRight(file);
    // commits made durable by the URL, which a user without the admin right may only do so
    String url = file + ";WRITE_DELAY=0;IGNORE_UNKNOWN_SETTINGS=TRUE";
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(JobDatabases.class);
    log.start();
    logger.addAppender(log);
    try (JobDatabases databases = new JobDatabases(Duration.ofSeconds(30), 1, RUNNER)) {
      DataSource repository =
          databases.repository(url, List.of("jdbc:h2:file:" + dir.resolve("ledger")));

      JobRepository jobs = JobRepositories.open(repository).repository();
      JobInstance instance = jobs.createJobInstance("a-job", new JobParameters());
      assertThat(jobs.getJobInstance(instance.getInstanceId())).isEqualTo(instance);
      assertThat(cacheSize(repository)).as("no CACHE_SIZE of its own").isZero();
      assertThat(setting(repository, "info.CACHE_MAX_SIZE"))
          .isEqualTo(Integer.toString(cacheMaxSizeBefore));
    } finally {
      logger.detachAppender(log);
    }
    assertThat(log.list)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getLevel()).isEqualTo(Level.INFO);
              assertThat(line.getFormattedMessage())
                  .startsWith("the page cache of " + Secrets.mask(url) + " is left as it is: ")
                  .contains("Admin rights are required");
            });
  }

  @Test
  void aRepositoryUserWithoutH2sAdminRightWhoseCommitsAreNotDurableIsRefused(@TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("repository");
    repositoryForARunnerWithoutAdminRight(url);
    try (JobDatabases databases = new JobDatabases(Duration.ofSeconds(30), 1, RUNNER)) {
      assertThatThrownBy(() -> databases.repository(url, List.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Cannot make " + Secrets.mask(url) + " durable: ")
          .hasMessageContaining("Admin rights are required");
    }
  }

  /**
   * Creates an H2 file whose admin is {@code admin}, with the job repository's tables, which the
   * user {@code runner} (no admin right) may read and write; returns its page cache in MB.
   */
  private static int repositoryForARunnerWithoutAdminRight(String url) throws SQLException {
    JdbcDataSource admin = new JdbcDataSource();
    admin.setURL(url);
    admin.setUser("admin");
    admin.setPassword("admin-password");
    JobRepositorySchema.createIfAbsent(admin);
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE USER runner PASSWORD 'runner-password'");
      statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO runner");
      return Integer.parseInt(Objects.requireNonNull(setting(admin, "info.CACHE_MAX_SIZE")));
    }
  }

  /** H2's CACHE_SIZE setting of the database, 0 when it has none of its own. */
  private static int cacheSize(DataSource h2) throws SQLException {
    String size = setting(h2, "CACHE_SIZE");
    return size == null ? 0 : Integer.parseInt(size);
  }

  /** One of H2's settings of the database, null when it has none of that name. */
  private static @Nullable String setting(DataSource h2, String name) throws SQLException {
    try (Connection connection = h2.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
      statement.setString(1, name);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** A URL of this kind of database where nothing answers. */
  private static String unreachable(TestDatabase db) {
    return db == TestDatabases.H2
        ? "jdbc:h2:tcp://127.0.0.1:1/nothing-here"
        : "jdbc:postgresql://127.0.0.1:1/nothing-here?user=postgres&connectTimeout=1";
  }

  /** The sessions open on the observed database, the observer's own not counted. */
  private static int sessions(TestDatabase db, DataSource observer) throws SQLException {
    String sql =
        db == TestDatabases.H2
            ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
            : "SELECT COUNT(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()";
    try (Connection connection = observer.getConnection();
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery(sql)) {
      count.next();
      return count.getInt(1);
    }
  }

  private static void awaitSessions(TestDatabase db, DataSource observer, int expected)
      throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    int seen = sessions(db, observer);
    while (seen != expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
      seen = sessions(db, observer);
    }
    assertThat(seen).as("sessions on the ledger").isEqualTo(expected);
  }
}

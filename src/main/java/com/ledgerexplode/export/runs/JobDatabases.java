package com.ledgerexplode.export.runs;

import com.ledgerexplode.store.Databases;
import com.ledgerexplode.store.Dialect;
import com.ledgerexplode.store.Secrets;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * The connection pools of a run, one per distinct URL, so that a reporting database that is also
 * the job repository shares its pool, and so the chunk's transaction. Passwords come from the
 * environment: {@code REPOSITORY_DB_PASSWORD}, {@code LEDGER_DB_PASSWORD}, {@code
 * REPORTING_DB_PASSWORD} (and {@code *_USER}).
 */
public final class JobDatabases implements AutoCloseable {
  private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();
  private final Map<String, CompletableFuture<HikariDataSource>> opening = new HashMap<>();
  private final Duration connectionTimeout;
  private final int poolSize;
  private final Map<String, String> environment;

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
    this(connectionTimeout, partitions, System.getenv());
  }

  /** As {@link #JobDatabases(Duration, int)}, with the credentials of this environment. */
  JobDatabases(Duration connectionTimeout, int partitions, Map<String, String> environment) {
    this.connectionTimeout = connectionTimeout;
    this.poolSize = Math.max(Databases.POOL_SIZE, 2 * partitions + 2);
    this.environment = environment;
  }

  /**
   * The page cache of a run's job repository in an H2 file of its own, in KB: a few of its pages
   * are read and written at each chunk (its execution's rows and their contexts), and H2's default
   * (16 MB in a heap of 256 MB) would fill, over a long run, with the pages each checkpoint
   * replaced.
   */
  public static final int REPOSITORY_CACHE_KB = 1024;

  /** The job repository's pool, its tables created if absent, durable at each commit. */
  public DataSource repository(String url) {
    DataSource dataSource = pool(url, "REPOSITORY_DB", Databases.Compaction.WHILE_OPEN);
    JobRepositorySchema.createIfAbsent(dataSource);
    durableCommits(url, dataSource);
    return dataSource;
  }

  /**
   * As {@link #repository(String)}, for a run whose other databases are these URLs (its ledger, its
   * reporting database): a repository in an H2 file that none of them names gets a page cache of
   * {@link #REPOSITORY_CACHE_KB} (H2 keeps the setting in the file), so that what a run holds does
   * not grow with its chunks; one that is also the ledger or the reporting database keeps H2's
   * cache, which their reads need.
   */
  public DataSource repository(String url, Collection<String> otherDatabases) {
    DataSource dataSource = repository(url);
    Optional<Path> file = Dialect.h2File(url).map(JobDatabases::absolute);
    if (file.isPresent()
        && otherDatabases.stream()
            .map(Dialect::h2File)
            .flatMap(Optional::stream)
            .map(JobDatabases::absolute)
            .noneMatch(file.get()::equals)) {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("SET CACHE_SIZE " + REPOSITORY_CACHE_KB);
      } catch (SQLException e) {
        // a user without H2's admin right may not set it: the run goes on with H2's cache
        LoggerFactory.getLogger(JobDatabases.class)
            .info("the page cache of {} is left as it is: {}", Secrets.mask(url), e.getMessage());
      }
    }
    return dataSource;
  }

  private static Path absolute(Path file) {
    return file.toAbsolutePath().normalize();
  }

  /** The ledger's pool: the one {@link #openLedgerAhead} began, else opened now. */
  public DataSource ledger(String url) {
    return pool(url, "LEDGER_DB", Databases.Compaction.NEVER);
  }

  /**
   * Begins opening the ledger's pool on a thread of its own, so that its first connection (a
   * PostgreSQL driver's first costs a few hundred milliseconds) is made while the job repository is
   * opened and asked; {@link #ledger} takes it, or throws what opening it threw, as if it were
   * opened then. Nothing else is done on the ledger ahead: its schema and its data are touched only
   * once the run is admitted. A URL that already has a pool, or is opening one, is left as it is.
   */
  public synchronized void openLedgerAhead(String url) {
    if (pools.containsKey(url) || opening.containsKey(url)) {
      return;
    }
    CompletableFuture<HikariDataSource> pool = new CompletableFuture<>();
    Thread opener =
        new Thread(
            () -> {
              try {
                pool.complete(
                    Databases.open(
                        url,
                        "LEDGER_DB",
                        environment,
                        connectionTimeout,
                        poolSize,
                        Databases.Compaction.NEVER));
              } catch (RuntimeException | Error e) {
                pool.completeExceptionally(e);
              }
            },
            "ledger-explode-ledger-opener");
    opener.setDaemon(true);
    try {
      opener.start();
    } catch (OutOfMemoryError | RuntimeException cannotStart) {
      return; // no thread to spare: ledger() opens it then, as without opening ahead
    }
    opening.put(url, pool);
  }

  /** The reporting database's pool, durable at each commit. */
  public DataSource reporting(String url) {
    DataSource dataSource = pool(url, "REPORTING_DB", Databases.Compaction.H2_DEFAULT);
    durableCommits(url, dataSource);
    return dataSource;
  }

  /**
   * H2 writes a commit to disk up to half a second later by default, so a SIGKILL loses the last
   * checkpoints while the export file, forced at each chunk, is ahead of them; a checkpoint must be
   * on disk when its chunk is committed. Setting it needs H2's admin right: a user without it runs
   * on a database whose commits are durable already (its URL's {@code WRITE_DELAY=0}, with {@code
   * IGNORE_UNKNOWN_SETTINGS=TRUE} so that H2 lets the user in), else is refused.
   */
  private static void durableCommits(String url, DataSource dataSource) {
    if (Dialect.ofUrl(url) != Dialect.H2 || Dialect.isInMemoryH2(url)) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      try {
        statement.execute("SET WRITE_DELAY 0");
      } catch (SQLException e) {
        if (!writtenAtEachCommit(statement)) {
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot make " + Secrets.mask(url) + " durable: " + e.getMessage(), e);
    }
  }

  /**
   * Whether H2 writes each commit at once: every WRITE_DELAY it shows (the one in force, and the
   * one kept in the file, if any) is 0.
   */
  private static boolean writtenAtEachCommit(Statement statement) throws SQLException {
    try (ResultSet delays =
        statement.executeQuery(
            "SELECT COUNT(*), COUNT(CASE WHEN SETTING_VALUE = '0' THEN 1 END)"
                + " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      return delays.next() && delays.getInt(1) > 0 && delays.getInt(1) == delays.getInt(2);
    }
  }

  /**
   * The pool of this URL, opened if it is not yet, its H2 file compacted as {@code compaction} says
   * ({@link Databases.Compaction}): never for the ledger, which a run only reads; not at close for
   * the job repository, which it writes a few rows to at each checkpoint; as H2 does for the
   * reporting database, which a run fills.
   */
  private synchronized DataSource pool(
      String url, String envPrefix, Databases.Compaction compaction) {
    HikariDataSource pool = pools.get(url);
    if (pool == null) {
      CompletableFuture<HikariDataSource> ahead = opening.remove(url);
      pool =
          ahead != null
              ? opened(ahead)
              : Databases.open(
                  url, envPrefix, environment, connectionTimeout, poolSize, compaction);
      pools.put(url, pool);
    }
    return pool;
  }

  /** The pool opened ahead, or what opening it threw, as it was thrown. */
  private static HikariDataSource opened(CompletableFuture<HikariDataSource> ahead) {
    try {
      return ahead.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /**
   * Closes the pools; one still being opened ahead is closed once open, by its own thread, so that
   * a run refused before it needed its ledger does not wait for a database that is slow to answer.
   */
  @Override
  public synchronized void close() {
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
    for (CompletableFuture<HikariDataSource> pool : opening.values()) {
      // a pool that failed to open has nothing to close; its failure was nobody's to hear
      CompletableFuture<Void> closed = pool.thenAccept(HikariDataSource::close);
      closed.exceptionally(failure -> null);
    }
    opening.clear();
  }
}

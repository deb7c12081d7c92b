package com.ledgerexplode.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Opens connection pools. Credentials come only from the environment ({@code <prefix>_USER}, {@code
 * <prefix>_PASSWORD}), never from files; nothing here logs or shows a password.
 */
public final class Databases {
  /** Connections per pool: the tool runs few statements at a time, each over a whole chunk. */
  public static final int POOL_SIZE = 4;

  /** How long asking a pool for a connection waits, unless told otherwise. */
  public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);

  /**
   * H2's system property of its shared cache of values (the strings and numbers of the rows it
   * reads and writes), which {@link #setUpH2} turns off.
   */
  public static final String H2_OBJECT_CACHE = "h2.objectCache";

  /** H2's setting of the longest it compacts a database's file when closing it, in ms. */
  public static final String H2_MAX_COMPACT_TIME = "MAX_COMPACT_TIME";

  /**
   * H2's setting of the fill rate of its file, in percent, under which it compacts the file in the
   * background while the database is open (0: never).
   */
  public static final String H2_AUTO_COMPACT_FILL_RATE = "AUTO_COMPACT_FILL_RATE";

  /** H2's setting of how many parsed statements each of a database's sessions keeps, by text. */
  public static final String H2_QUERY_CACHE_SIZE = "QUERY_CACHE_SIZE";

  /**
   * The parsed statements each session of an H2 database this product opens keeps ({@link
   * #H2_QUERY_CACHE_SIZE}; H2 keeps 8). A chunk of a run asks the ledger 11 statements or more in
   * turn (ChunkStatementsTest), each of one text whatever the chunk holds: with 8 kept, the least
   * recently used went first, so that every statement was parsed again at every chunk.
   */
  public static final int H2_STATEMENTS_KEPT = 32;

  private Databases() {}

  /**
   * Turns off H2's shared cache of values, unless the JVM was told otherwise ({@code
   * -Dh2.objectCache=true}); to be called before H2's classes are loaded (it reads the property
   * once). The cache keeps, softly, the last 1,024 strings H2 was given or read, whatever their
   * length: over a long run, the serialized contexts the job repository writes at each checkpoint
   * (a kilobyte or more each), so that what a run holds grows with its chunks up to a megabyte or
   * two; H2 reads and writes the same without it.
   */
  public static void setUpH2() {
    if (System.getProperty(H2_OBJECT_CACHE) == null) {
      System.setProperty(H2_OBJECT_CACHE, "false");
    }
  }

  /**
   * Loads the JDBC drivers on the class path (DriverManager's service loading), which the first
   * pool opened does otherwise: for a start that does it ahead, on another thread.
   */
  public static void loadDrivers() {
    DriverManager.getDrivers();
  }

  /**
   * Opens and closes a private in-memory H2 database, which loads and initialises the H2 engine's
   * classes that opening an H2 file (the default job repository) needs: for a start that does it
   * ahead, on another thread. Nothing is written anywhere; a failure is for the real opening to
   * meet and say.
   */
  public static void warmH2() {
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:", "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
    } catch (SQLException unsaid) {
      // the real opening meets it, if it is the database's
    }
  }

  /**
   * A pool on this URL, with the user and password of the environment variables {@code
   * <envPrefix>_USER} and {@code <envPrefix>_PASSWORD} (e.g. {@code LEDGER_DB_USER}); an H2 URL
   * without a user there gets H2's default user {@code sa} with an empty password.
   *
   * @throws DatabaseUnavailableException when the database cannot be reached
   */
  public static HikariDataSource open(String jdbcUrl, String envPrefix) {
    return open(jdbcUrl, envPrefix, System.getenv(), CONNECTION_TIMEOUT);
  }

  /**
   * As {@link #open(String, String)}, asking for a connection waiting at most {@code
   * connectionTimeout} (at least 250 ms) while the database does not answer.
   */
  public static HikariDataSource open(
      String jdbcUrl, String envPrefix, Duration connectionTimeout) {
    return open(jdbcUrl, envPrefix, System.getenv(), connectionTimeout);
  }

  /**
   * As {@link #open(String, String, Duration)}, with {@code poolSize} connections (at least 1)
   * instead of {@link #POOL_SIZE}.
   */
  public static HikariDataSource open(
      String jdbcUrl, String envPrefix, Duration connectionTimeout, int poolSize) {
    return open(jdbcUrl, envPrefix, System.getenv(), connectionTimeout, poolSize);
  }

  /**
   * As {@link #open(String, String)}, with {@code poolSize} connections (at least 1) instead of
   * {@link #POOL_SIZE}: a server answers that many requests at once.
   */
  public static HikariDataSource open(String jdbcUrl, String envPrefix, int poolSize) {
    return open(jdbcUrl, envPrefix, System.getenv(), CONNECTION_TIMEOUT, poolSize);
  }

  /**
   * As {@link #open(String, String, Map, Duration, int)}, an H2 database this pool opens compacted
   * as {@code compaction} says (its URL's own settings kept).
   */
  public static HikariDataSource open(
      String jdbcUrl,
      String envPrefix,
      Map<String, String> env,
      Duration connectionTimeout,
      int poolSize,
      Compaction compaction) {
    return openPool(jdbcUrl, envPrefix, env, connectionTimeout, poolSize, compaction);
  }

  /** As {@link #open(String, String)}, with the environment given (for tests). */
  public static HikariDataSource open(String jdbcUrl, String envPrefix, Map<String, String> env) {
    return open(jdbcUrl, envPrefix, env, CONNECTION_TIMEOUT);
  }

  private static HikariDataSource open(
      String jdbcUrl, String envPrefix, Map<String, String> env, Duration connectionTimeout) {
    return open(jdbcUrl, envPrefix, env, connectionTimeout, POOL_SIZE);
  }

  /**
   * As {@link #open(String, String, Duration, int)}, with the environment given (for a caller that
   * was given its environment, such as a test).
   */
  public static HikariDataSource open(
      String jdbcUrl,
      String envPrefix,
      Map<String, String> env,
      Duration connectionTimeout,
      int poolSize) {
    return openPool(jdbcUrl, envPrefix, env, connectionTimeout, poolSize, Compaction.H2_DEFAULT);
  }

  private static HikariDataSource openPool(
      String jdbcUrl,
      String envPrefix,
      Map<String, String> env,
      Duration connectionTimeout,
      int poolSize,
      Compaction compaction) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("a pool needs at least 1 connection, not " + poolSize);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("ledger-explode-" + envPrefix.toLowerCase(java.util.Locale.ROOT));
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
    String user = env.get(envPrefix + "_USER");
    String password = env.get(envPrefix + "_PASSWORD");
    Dialect dialect = Dialect.ofUrl(jdbcUrl);
    if (dialect == Dialect.H2 && empty(user) && !mentionsUser(jdbcUrl)) {
      user = "sa";
      password = password == null ? "" : password;
    }
    if (!empty(user)) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    if (dialect == Dialect.H2) {
      h2Settings(jdbcUrl, compaction).forEach(config::addDataSourceProperty);
    }
    if (dialect == Dialect.POSTGRESQL) {
      // one multi-row INSERT per batch instead of a statement per row
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    boolean noUser = empty(user) && !mentionsUser(jdbcUrl) && !jdbcUrl.contains("@");
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(
          "Cannot connect to "
              + Secrets.mask(jdbcUrl)
              + ": "
              + rootMessage(e)
              + (noUser
                  ? " (no user was given: set "
                      + envPrefix
                      + "_USER and "
                      + envPrefix
                      + "_PASSWORD, or user= in the URL)"
                  : ""),
          e);
    }
  }

  private static boolean mentionsUser(String jdbcUrl) {
    return mentionsSetting(jdbcUrl, "user");
  }

  /**
   * How H2 may compact the file of a database a pool opens (rewrite the pages still used out of the
   * chunks that hold few, so that the space of the others is freed), by what a command does with
   * the database. The space of a chunk no longer used is reused as H2 writes, compacted or not.
   */
  public enum Compaction {
    /**
     * As H2 does: in the background while the database is open (its {@code AUTO_COMPACT_FILL_RATE},
     * 90%), and for up to {@code MAX_COMPACT_TIME} (200 ms by default, more when the file is large)
     * when its last connection closes, whatever the connections did.
     */
    H2_DEFAULT,
    /**
     * In the background while open, not when it closes: a database a run writes a few rows to at
     * each checkpoint (the job repository), whose compaction at close lengthened the end of every
     * run.
     */
    WHILE_OPEN,
    /**
     * Never: a database a run only reads (its ledger). H2 would otherwise rewrite chunks of a file
     * the run never writes: on a ledger imported in one transaction (most of its chunks little
     * used), a short run that stayed open long enough spent a second and a hundred megabytes of its
     * heap rewriting chunks in the background, and each run changed the file the next one read.
     */
    NEVER
  }

  /**
   * The settings this product gives an H2 database it opens, as the connection's properties (H2
   * takes a database's settings from them as from the URL, both at once being an error), but those
   * the URL sets itself: {@link #H2_STATEMENTS_KEPT} parsed statements kept, no compaction when the
   * database closes ({@code MAX_COMPACT_TIME} 0) unless {@link Compaction#H2_DEFAULT}, and none in
   * the background either ({@code AUTO_COMPACT_FILL_RATE} 0) for {@link Compaction#NEVER}. They are
   * the database's, set by the connection that opens it: a database already open keeps its own.
   */
  public static Map<String, String> h2Settings(String jdbcUrl, Compaction compaction) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (!mentionsSetting(jdbcUrl, H2_QUERY_CACHE_SIZE)) {
      settings.put(H2_QUERY_CACHE_SIZE, Integer.toString(H2_STATEMENTS_KEPT));
    }
    if (compaction != Compaction.H2_DEFAULT && !mentionsSetting(jdbcUrl, H2_MAX_COMPACT_TIME)) {
      settings.put(H2_MAX_COMPACT_TIME, "0");
    }
    if (compaction == Compaction.NEVER && !mentionsSetting(jdbcUrl, H2_AUTO_COMPACT_FILL_RATE)) {
      settings.put(H2_AUTO_COMPACT_FILL_RATE, "0");
    }
    return settings;
  }

  /**
   * Whether the URL sets this setting itself ({@code ;NAME=} in H2's URLs, {@code ?NAME=} or {@code
   * &NAME=} in PostgreSQL's), in any case.
   */
  public static boolean mentionsSetting(String jdbcUrl, String name) {
    return jdbcUrl
        .toLowerCase(java.util.Locale.ROOT)
        .matches(
            ".*[;?&]"
                + java.util.regex.Pattern.quote(name.toLowerCase(java.util.Locale.ROOT))
                + "=.*");
  }

  private static boolean empty(@Nullable String value) {
    return value == null || value.isEmpty();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return Secrets.mask(message == null ? cause.getClass().getSimpleName() : message);
  }
}

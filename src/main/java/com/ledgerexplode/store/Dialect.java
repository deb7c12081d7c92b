package com.ledgerexplode.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which database a URL or a connection is, told in one place: the tool speaks H2 and PostgreSQL;
 * anything else is {@link #OTHER}, for the caller to refuse or to treat as it sees fit.
 */
public enum Dialect {
  H2("jdbc:h2:", "h2"),
  POSTGRESQL("jdbc:postgresql:", "postgres"),
  OTHER("", "");

  private final String urlPrefix;
  private final String productWord;

  Dialect(String urlPrefix, String productWord) {
    this.urlPrefix = urlPrefix;
    this.productWord = productWord;
  }

  /** The dialect of a JDBC URL, by its driver's prefix (as the driver itself accepts it). */
  public static Dialect ofUrl(String jdbcUrl) {
    for (Dialect dialect : List.of(H2, POSTGRESQL)) {
      if (jdbcUrl.startsWith(dialect.urlPrefix)) {
        return dialect;
      }
    }
    return OTHER;
  }

  /** The dialect of the database this connection is to, by its product name. */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    for (Dialect dialect : List.of(H2, POSTGRESQL)) {
      if (product.contains(dialect.productWord)) {
        return dialect;
      }
    }
    return OTHER;
  }

  /**
   * Whether the URL is of an H2 database in memory, which lives and dies with the process and so
   * has nothing to make durable.
   */
  public static boolean isInMemoryH2(String jdbcUrl) {
    return jdbcUrl.startsWith(H2.urlPrefix + "mem:");
  }

  /**
   * The file of an embedded H2 database that this URL names ({@code jdbc:h2:[file:]PATH[;...]},
   * stored in {@code PATH.mv.db}); empty for any other URL (in memory, a server, another database,
   * a path relative to the home directory).
   */
  public static Optional<Path> h2File(String jdbcUrl) {
    if (ofUrl(jdbcUrl) != H2) {
      return Optional.empty();
    }
    String rest = jdbcUrl.substring(H2.urlPrefix.length());
    int options = rest.indexOf(';');
    String name = options < 0 ? rest : rest.substring(0, options);
    if (name.startsWith("file:")) {
      name = name.substring("file:".length());
    } else if (name.matches("^[a-zA-Z]{2,}:.*")) {
      return Optional.empty(); // mem:, tcp:, ssl:, zip:, ...
    }
    if (name.isEmpty() || name.startsWith("~")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(name + ".mv.db"));
  }
}

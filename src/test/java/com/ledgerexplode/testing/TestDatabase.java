package com.ledgerexplode.testing;

import javax.sql.DataSource;

/** A kind of database tests run on; {@link Object#toString()} names it ("H2", "PostgreSQL"). */
public interface TestDatabase {

  /** A fresh, empty database (no schema), each call another one. */
  DataSource createEmpty();

  /**
   * The JDBC URL of a database this created, usable with {@code Databases.open} without any
   * environment variable (for PostgreSQL it carries {@code user=postgres}; H2 defaults to sa).
   */
  String jdbcUrl(DataSource dataSource);
}

package com.ledgerexplode.cli;

import com.ledgerexplode.store.PostgreSqlDriverClasses;

/**
 * The training run of the jar's class-data archive ({@code mvn package} runs it with {@code
 * -XX:ArchiveClassesAtExit}; see pom.xml): the archive holds the classes its JVM loaded. It runs
 * the sample job, on H2, as {@link Main} runs a command line; there is no PostgreSQL server at
 * build time, so it first loads every class of the PostgreSQL driver (without initializing them)
 * and makes one connection attempt to a socket of its own that closes at once (the JDK's socket
 * classes and the driver's path of a connection). Without them a run on a PostgreSQL ledger, the
 * production target, loaded and verified some 280 classes from the jar before its first row.
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  public static void main(String[] args) {
    PostgreSqlDriverClasses.loadAll();
    PostgreSqlDriverClasses.attemptConnection();
    Main.main(args);
  }
}

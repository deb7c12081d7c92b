package com.ledgerexplode.bench.floor;

import com.ledgerexplode.store.PostgreSqlDriverClasses;

/**
 * {@code FloorTraining H2_URL SNAPSHOT REQUESTS OUTPUT ORG}: the floors' training run, as the
 * product's is ({@code ClassDataTraining}): the PostgreSQL driver's classes loaded first (there is
 * no PostgreSQL server to train on), then the sample of an import and a job on H2: {@link
 * ImportFloor} loads the snapshot into a new H2 ledger, then {@link JobFloor} answers the requests
 * over it, in one JVM that the benchmark starts with {@code -XX:ArchiveClassesAtExit}, so that the
 * floors' class-data archive holds the classes of all of them.
 */
public final class FloorTraining {
  private FloorTraining() {}

  public static void main(String[] args) throws Exception {
    PostgreSqlDriverClasses.loadAll();
    PostgreSqlDriverClasses.attemptConnection();
    ImportFloor.main(new String[] {args[0], args[1], ImportFloor.Mode.BATCH.name()});
    JobFloor.main(new String[] {args[0], args[2], args[3], args[4], "100"});
  }
}

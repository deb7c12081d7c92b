package com.ledgerexplode.bench.floor;

/**
 * {@code FloorTraining H2_URL SNAPSHOT REQUESTS OUTPUT ORG}: the floors' training run, as the
 * product's is the sample job on H2 (an import, then the job): {@link ImportFloor} loads the
 * snapshot into a new H2 ledger, then {@link JobFloor} answers the requests over it, in one JVM
 * that the benchmark starts with {@code -XX:ArchiveClassesAtExit}, so that the floors' class-data
 * archive holds the classes of both.
 */
public final class FloorTraining {
  private FloorTraining() {}

  public static void main(String[] args) throws Exception {
    ImportFloor.main(new String[] {args[0], args[1], ImportFloor.Mode.BATCH.name()});
    JobFloor.main(new String[] {args[0], args[2], args[3], args[4], "100"});
  }
}

package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.store.Databases;
import com.ledgerexplode.testing.RestartablePostgres;
import com.ledgerexplode.testing.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each of the run's three databases on a PostgreSQL server of its own that is stopped while the run
 * is in its chunks: started again within retryFor, the run waits for it and completes with the
 * export of an uninterrupted run, no row lost or twice; down for longer, the run fails with one
 * line naming the database, and the same command completes it once the database is back.
 */
class LostDatabaseTests {
  @TempDir static Path dir;
  static JobFixture job;
  static byte[] reference;
  static byte[] referenceRejects;
  static RestartablePostgres postgres;

  private final ExecutorService runs = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void uninterruptedRun() throws Exception {
    job = JobFixture.create(dir, 200, 3);
    Path output = dir.resolve("reference/export.jsonl");
    Cli run = Cli.run("run", job.jobFile.toString(), "output=" + output);
    assertThat(run.exitCode()).as(run.err()).isZero();
    // imported once; a chunk per row, so that the run is in its chunks when a database goes
    job.set("ledger.import", "").set("chunkSize", "1").set("retryFor", "30s");
    reference = Files.readAllBytes(output);
    referenceRejects = Files.readAllBytes(output.resolveSibling("export.rejects.jsonl"));
    postgres = new RestartablePostgres(dir.resolve("postgres"));
  }

  @AfterEach
  void serverRunsAgain() {
    runs.shutdownNow();
    postgres.start();
    job.set("retryFor", "30s");
  }

  @AfterAll
  static void stopServer() {
    postgres.close();
  }

  @Test
  void aLedgerLostMidRunAndBackWithinRetryForTheRunCompletesTheSameExport() throws Exception {
    String ledger = importedLedger("ledger_back");
    Path output = dir.resolve("ledger-back/export.jsonl");

    Cli run = lostAndBack("ledger-back", () -> written(output), "ledger.db=" + ledger, output);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("the ledger database (" + ledger + ") is unreachable (");
    assertSameExport(output);
  }

  @Test
  void aJobRepositoryLostMidRunAndBackWithinRetryForTheRunCompletesTheSameExport()
      throws Exception {
    String repository = postgres.createDatabase("repository_back");
    Path output = dir.resolve("repository-back/export.jsonl");

    // short, for the statements Spring Batch makes when a chunk fails each wait up to it
    job.set("retryFor", "3s");
    Cli run =
        lostAndBack(
            "repository-back", () -> written(output), "repository.db=" + repository, output);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("the job repository (" + repository + ") is unreachable (");
    assertSameExport(output);
    Cli status = Cli.run("status", "--repository", repository);
    assertThat(status.out()).contains("COMPLETED").doesNotContain("STARTED");
  }

  @Test
  void aReportingDatabaseLostMidRunAndBackWithinRetryForHasEveryRowOnce() throws Exception {
    String expectedUrl = TestDatabases.POSTGRESQL.jdbcUrl(TestDatabases.POSTGRESQL.createEmpty());
    Cli uninterrupted = Cli.run("run", job.jobFile.toString(), "output=" + expectedUrl);
    assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isZero();
    String reporting = postgres.createDatabase("reporting_back");

    Cli run =
        lostAndBack(
            "reporting-back",
            () -> {
              try (HikariDataSource db = Databases.open(reporting, "REPORTING_DB")) {
                return ReportingTables.eventRows(new JdbcTemplate(db)) > 0;
              }
            },
            "output=" + reporting,
            null);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("the reporting database (" + reporting + ") is unreachable (");
    try (HikariDataSource actual = Databases.open(reporting, "REPORTING_DB");
        HikariDataSource expected = Databases.open(expectedUrl, "REPORTING_DB")) {
      ReportingTables.assertSameRows(new JdbcTemplate(actual), new JdbcTemplate(expected));
    }
  }

  @Test
  void aJobRepositoryUnreachableAtTheStartIsWaitedForWithinRetryFor() throws Exception {
    String repository = postgres.createDatabase("repository_late");
    Path output = dir.resolve("repository-late/export.jsonl");
    Path log = dir.resolve("repository-late.log");
    postgres.stop();

    Future<Cli> run = start(log, "repository.db=" + repository, "output=" + output);
    awaitRetry(log, run);
    postgres.start();
    Cli done = run.get(120, TimeUnit.SECONDS);

    assertThat(done.exitCode()).as(done.err()).isZero();
    assertThat(done.err()).contains("the job repository (" + repository + ") is unreachable (");
    assertSameExport(output);
  }

  @Test
  void aLedgerDownLongerThanRetryForFailsWithOneLineAndTheSameCommandCompletesItOnceBack()
      throws Exception {
    String ledger = importedLedger("ledger_down");
    Path output = dir.resolve("ledger-down/export.jsonl");
    Path log = dir.resolve("ledger-down.log");
    String[] command = {
      "run",
      job.jobFile.toString(),
      "ledger.db=" + ledger,
      "output=" + output,
      "retryFor=2s",
      "logFile=" + log
    };

    Future<Cli> run = runs.submit(() -> Cli.run(command));
    await(() -> written(output), run, "the first chunks");
    postgres.stop();
    Cli failed = run.get(120, TimeUnit.SECONDS);

    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
    List<String> lines = failed.err().lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "ledger-explode: the ledger database \\("
                + Pattern.quote(ledger)
                + "\\) is unreachable since \\d\\d:\\d\\d:\\d\\dZ: [^\\n]*refused[^\\n]*;"
                + " rerun with the same command when it is back");
    assertThat(failed.err()).doesNotContain("\tat ").doesNotContain("--debug");
    assertThat(Files.readString(log)).contains("ERROR").contains("is unreachable since");
    postgres.start();
    Cli rerun = Cli.run(command);
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertSameExport(output);
  }

  /**
   * Runs the job, stops the server once the run is in its chunks, starts it again once the run has
   * said it retries, and answers how the run ended.
   */
  private Cli lostAndBack(String name, BooleanSupplier inItsChunks, String database, Path output)
      throws Exception {
    Path log = dir.resolve(name + ".log");
    List<String> settings = new ArrayList<>(List.of(database));
    if (output != null) {
      settings.add("output=" + output);
    }
    Future<Cli> run = start(log, settings.toArray(String[]::new));
    await(inItsChunks, run, "the first chunks");
    postgres.stop();
    awaitRetry(log, run);
    postgres.start();
    return run.get(120, TimeUnit.SECONDS);
  }

  private Future<Cli> start(Path log, String... settings) {
    List<String> command = new ArrayList<>(List.of("run", job.jobFile.toString()));
    command.addAll(List.of(settings));
    command.add("logFile=" + log);
    return runs.submit(() -> Cli.run(command.toArray(String[]::new)));
  }

  private static void awaitRetry(Path log, Future<Cli> run) throws Exception {
    await(
        () -> {
          try {
            return Files.exists(log) && Files.readString(log).contains("is unreachable (");
          } catch (java.io.IOException e) {
            return false;
          }
        },
        run,
        "a retry");
  }

  private static void await(BooleanSupplier condition, Future<Cli> run, String what)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      if (run.isDone()) {
        throw new AssertionError("the run ended before " + what + ": " + run.get().err());
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the run never reached " + what);
  }

  private static boolean written(Path output) {
    try {
      return Files.exists(output) && Files.size(output) > 0;
    } catch (java.io.IOException racedWithCreation) {
      return false;
    }
  }

  private static String importedLedger(String name) {
    String ledger = postgres.createDatabase(name);
    Cli imported = Cli.run("ledger", "import", "--db", ledger, job.snapshot.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    return ledger;
  }

  private static void assertSameExport(Path output) throws Exception {
    assertThat(Files.readAllBytes(output)).isEqualTo(reference);
    assertThat(Files.readAllBytes(output.resolveSibling("export.rejects.jsonl")))
        .isEqualTo(referenceRejects);
    assertThat(output.resolveSibling("export.manifest.json")).exists();
  }
}

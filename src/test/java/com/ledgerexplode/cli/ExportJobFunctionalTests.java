package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole job through the command line, on H2 files: what an operator sees. */
class ExportJobFunctionalTests {
  @TempDir Path dir;

  @Test
  void runWritesTheExportItsRejectsAndAManifestWhoseCountsAddUp() throws Exception {
    JobFixture job = JobFixture.create(dir, 30, 4);

    Cli run = Cli.run("run", job.jobFile.toString(), "--progress-seconds=0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("completed (execution ").contains("output: " + job.output());
    assertThat(run.err())
        .containsPattern(
            "this run: .* rows/s, .* events/s, peak heap [1-9][0-9]* MB \\(at most [0-9]+ MB after"
                + " a GC\\)\\R");
    JsonNode manifest = JsonMapper.builder().build().readTree(Files.readString(job.manifest()));
    JsonNode counts = manifest.get("counts");
    assertThat(counts.get("rowsRead").asLong()).isEqualTo(job.rows());
    assertThat(counts.get("rowsRead").asLong())
        .isEqualTo(
            counts.get("rowsExploded").asLong()
                + counts.get("rowsRejected").asLong()
                + counts.get("rowsUnreadable").asLong());
    assertThat(counts.get("rowsUnreadable").asLong()).isEqualTo(1);
    assertThat(counts.get("rowsRejected").asLong()).isEqualTo(2);
    assertThat(counts.get("eventsWritten").asLong())
        .isEqualTo(Files.readAllLines(job.output()).size())
        .isPositive();
    assertThat(manifest.get("status").asString()).isEqualTo("COMPLETED");
  }

  @Test
  void aCompletedRunIsRefusedBeforeItsSnapshotIsImportedAgain() throws Exception {
    JobFixture job = JobFixture.create(dir, 5, 2);
    assertThat(Cli.run("run", job.jobFile.toString()).exitCode()).isZero();
    Files.writeString(job.snapshot, "not a snapshot\n");

    Cli again = Cli.run("run", job.jobFile.toString());

    assertThat(again.exitCode()).as(again.err()).isEqualTo(4);
    assertThat(again.err()).startsWith("ledger-explode: already completed (execution ");
  }

  @Test
  void theSameSettingsAgainAfterCompletionExitWith4() {
    JobFixture job = JobFixture.create(dir, 5, 2);
    job.set("output", dir.resolve("out/export-${runDate}.jsonl").toString());
    assertThat(Cli.run("run", job.jobFile.toString()).exitCode()).isZero();

    Cli again = Cli.run("run", job.jobFile.toString(), "chunkSize=3");

    assertThat(again.exitCode()).isEqualTo(4);
    assertThat(again.err())
        .matches(
            "ledger-explode: already completed \\(execution \\d+\\); change runDate or output to"
                + " run again\\R");
    assertThat(Cli.run("run", job.jobFile.toString(), "runDate=2025-03-05").exitCode()).isZero();
  }

  @Test
  void theExportIsTheSameForEveryChunkSizeAndPageSize() throws Exception {
    JobFixture job = JobFixture.create(dir, 25, 7);
    byte[] export = null;
    byte[] rejects = null;
    for (int chunkSize : List.of(1, 7, 100)) {
      for (int pageSize : List.of(1, 3, 100)) {
        String output =
            dir.resolve("out/" + chunkSize + "-" + pageSize + "/export.jsonl").toString();
        Cli run =
            Cli.run(
                "run",
                job.jobFile.toString(),
                "chunkSize=" + chunkSize,
                "pageSize=" + pageSize,
                "output=" + output);
        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] thisExport = Files.readAllBytes(Path.of(output));
        byte[] theseRejects =
            Files.readAllBytes(Path.of(output).resolveSibling("export.rejects.jsonl"));
        if (export == null) {
          export = thisExport;
          rejects = theseRejects;
        }
        assertThat(thisExport).as("chunk %d page %d", chunkSize, pageSize).isEqualTo(export);
        assertThat(theseRejects).as("chunk %d page %d", chunkSize, pageSize).isEqualTo(rejects);
      }
    }
  }

  @Test
  void aMissingInputIsOneLineAndExit2() {
    JobFixture job = JobFixture.create(dir, 2, 1).set("input", dir.resolve("none.csv").toString());

    Cli run = Cli.run("run", job.jobFile.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("ledger-explode: file not found: " + dir.resolve("none.csv") + "\n");
  }

  @Test
  void aBadSettingIsOneLineNamingTheKeyAndExit2() {
    JobFixture job = JobFixture.create(dir, 2, 1);

    Cli run = Cli.run("run", job.jobFile.toString(), "chunkSize=ten");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "ledger-explode: Bad value 'ten' for key 'chunkSize': expected a whole number of at"
                + " least 1\n");
  }

  @Test
  void aRefusedScopeStartsNothingAndExits2() {
    JobFixture job =
        JobFixture.create(dir, 2, 1).set("dataScope", "OTHER").set("dataScopeOrgs", "777");

    Cli run = Cli.run("run", job.jobFile.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("ledger-explode: 310144: Org 777 is not connected to org 50406\n");
    assertThat(Cli.run("status", job.jobFile.toString()).out()).startsWith("no executions");
  }

  @Test
  void anUnknownCsvColumnFailsTheJobNamingIt() throws Exception {
    JobFixture job = JobFixture.create(dir, 2, 1);
    Files.writeString(job.input, "identifierName,identifierValue,colour\nmobile,1,red\n");

    Cli run = Cli.run("run", job.jobFile.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().filter(line -> line.startsWith("ledger-explode:")).toList())
        .hasSize(1)
        .allMatch(
            line ->
                line.startsWith(
                    "ledger-explode: Unknown column 'colour' in the header of requests.csv"));
  }

  /** Runs the job, which fails with exit code 1 and one line on standard error: that line. */
  private static String failureLine(JobFixture job) {
    Cli run = Cli.run("run", job.jobFile.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err().lines()).as(run.err()).hasSize(1);
    return run.err().strip();
  }

  @Test
  void anUnreachableDatabaseWithoutRetriesIsOneLineNamingIt() {
    JobFixture job =
        JobFixture.create(dir, 2, 1)
            .set("ledger.db", "jdbc:postgresql://127.0.0.1:1/none")
            .set("retryFor", "0");

    assertThat(failureLine(job))
        .startsWith(
            "ledger-explode: the ledger database (jdbc:postgresql://127.0.0.1:1/none) is"
                + " unreachable since ")
        .contains("refused")
        .endsWith("; rerun with the same command when it is back");
  }

  @Test
  void anUnreachableReportingDatabaseWithoutRetriesIsOneLineNamingIt() {
    JobFixture job =
        JobFixture.create(dir, 2, 1)
            .set("output", "jdbc:postgresql://127.0.0.1:1/report?connectTimeout=2")
            .set("retryFor", "0");

    assertThat(failureLine(job))
        .startsWith(
            "ledger-explode: the reporting database"
                + " (jdbc:postgresql://127.0.0.1:1/report?connectTimeout=2) is unreachable since ")
        .contains("refused")
        .endsWith("; rerun with the same command when it is back");
  }

  @Test
  void aMistypedDatabaseHostIsOneLineAtOnceNotWaitedFor() {
    JobFixture job =
        JobFixture.create(dir, 2, 1)
            .set("output", "jdbc:postgresql://no-such-host.invalid/report")
            .set("retryFor", "10m");

    assertThat(failureLine(job))
        .startsWith(
            "ledger-explode: Cannot connect to jdbc:postgresql://no-such-host.invalid/report:")
        .doesNotContain("retrying");
  }

  @Test
  void aReportingDatabaseWithoutItsUserIsOneLineSayingWhatToSet() {
    String url = TestDatabases.POSTGRESQL.jdbcUrl(TestDatabases.POSTGRESQL.createEmpty());
    JobFixture job = JobFixture.create(dir, 2, 1).set("output", url.substring(0, url.indexOf('?')));

    assertThat(failureLine(job))
        .startsWith("ledger-explode: Cannot connect to jdbc:postgresql://")
        .endsWith(
            " (no user was given: set REPORTING_DB_USER and REPORTING_DB_PASSWORD, or user= in"
                + " the URL)")
        .hasSizeLessThan(300);
  }

  @Test
  void exceedingTheSkipLimitFailsAndARerunWithAHigherLimitContinues() throws Exception {
    JobFixture job = JobFixture.create(dir, 20, 2);
    Cli reference =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "skipLimit=1",
            "output=" + dir.resolve("ref/export.jsonl"));
    assertThat(reference.exitCode()).as(reference.err()).isZero();

    Cli failed = Cli.run("run", job.jobFile.toString(), "chunkSize=2", "skipLimit=0");

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err())
        .contains(
            "ledger-explode: 1 unreadable record in the requests CSV, more than skipLimit=0; the last at line ");
    Cli rerun = Cli.run("run", job.jobFile.toString(), "chunkSize=2", "skipLimit=1");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("continues after row");
    assertThat(Files.readAllBytes(job.output()))
        .isEqualTo(Files.readAllBytes(dir.resolve("ref/export.jsonl")));
    assertThat(Files.readAllBytes(job.rejects()))
        .isEqualTo(Files.readAllBytes(dir.resolve("ref/export.rejects.jsonl")));
  }

  @Test
  void restartRunsAFailedExecutionAgainWithItsOwnSettings() throws Exception {
    JobFixture job = JobFixture.create(dir, 12, 2);
    Path reference = dir.resolve("ref/export.jsonl");
    assertThat(Cli.run("run", job.jobFile.toString(), "output=" + reference).exitCode()).isZero();
    String requests = Files.readString(job.input);
    Files.writeString(job.input, requests.replaceFirst("eventIds", "eventIdz"));
    Cli failed = Cli.run("run", job.jobFile.toString());
    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
    java.util.regex.Matcher execution =
        java.util.regex.Pattern.compile("execution (\\d+)").matcher(failed.err());
    assertThat(execution.find()).as(failed.err()).isTrue();
    Files.writeString(job.input, requests);

    Cli restart = Cli.run("restart", execution.group(1), job.jobFile.toString());

    assertThat(restart.exitCode()).as(restart.err()).isZero();
    assertThat(Files.readAllBytes(job.output())).isEqualTo(Files.readAllBytes(reference));
    Cli again = Cli.run("restart", execution.group(1), job.jobFile.toString());
    assertThat(again.exitCode()).as(again.err()).isEqualTo(4);
  }

  @Test
  void restartOfAnExecutionNotInTheRepositoryIsOneLineAndExit2() {
    JobFixture job = JobFixture.create(dir, 2, 1);
    assertThat(Cli.run("run", job.jobFile.toString()).exitCode()).isZero();

    Cli restart = Cli.run("restart", "999", job.jobFile.toString());

    assertThat(restart.exitCode()).isEqualTo(2);
    assertThat(restart.err()).startsWith("ledger-explode: no execution 999 in the job repository");
    assertThat(restart.err().lines()).hasSize(1);
  }

  @Test
  void statusSaysWhyAnExecutionFailedInTheWordsTheRunUsed() throws Exception {
    JobFixture job = JobFixture.create(dir, 2, 1);
    Files.writeString(job.input, "identifierName,identifierValue,colour\nmobile,1,red\n");
    assertThat(Cli.run("run", job.jobFile.toString()).exitCode()).isEqualTo(1);

    Cli status = Cli.run("status", job.jobFile.toString());

    assertThat(status.exitCode()).isZero();
    assertThat(status.out())
        .contains("FAILED")
        .contains("(Unknown column 'colour' in the header of requests.csv");
  }

  @Test
  void statusShowsTheExecutions() {
    JobFixture job = JobFixture.create(dir, 3, 1);
    Cli.run("run", job.jobFile.toString());

    Cli status = Cli.run("status", "--repository", job.repositoryDb());

    assertThat(status.exitCode()).isZero();
    assertThat(status.out())
        .contains("COMPLETED")
        .contains("2025-03-04")
        .contains(job.output().toString());
  }
}

package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ledgerexplode.store.Databases;
import com.ledgerexplode.testing.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Restart to the byte: the job runs in a child JVM that is killed with SIGKILL at several points;
 * the same command run again recovers the dead execution itself and completes with an export
 * byte-identical to an uninterrupted run's.
 */
class KillAndRerunTests {
  @TempDir static Path dir;
  static JobFixture job;
  static byte[] reference;
  static byte[] referenceRejects;

  @BeforeAll
  static void uninterruptedRun() throws Exception {
    job = JobFixture.create(dir, 200, 3);
    Path output = dir.resolve("reference/export.jsonl");
    Cli run = Cli.run("run", job.jobFile.toString(), "output=" + output);
    assertThat(run.exitCode()).as(run.err()).isZero();
    job.set("ledger.import", ""); // imported once; the runs below read it
    reference = Files.readAllBytes(output);
    referenceRejects = Files.readAllBytes(output.resolveSibling("export.rejects.jsonl"));
  }

  @Test
  void killedWhenTheExportIsOpenedBeforeAnyChunk() throws Exception {
    killAndRerun("at-open", size -> size >= 0);
  }

  @Test
  void killedAfterTheFirstChunks() throws Exception {
    killAndRerun("first-chunk", size -> size > 0);
  }

  @Test
  void killedHalfWay() throws Exception {
    killAndRerun("half-way", size -> size > reference.length / 2);
  }

  @Test
  void killedHalfWayIntoTheReportingDatabaseTheRerunLeavesNoRowMissingOrTwice() throws Exception {
    String referenceUrl = TestDatabases.POSTGRESQL.jdbcUrl(TestDatabases.POSTGRESQL.createEmpty());
    Cli uninterrupted = Cli.run("run", job.jobFile.toString(), "output=" + referenceUrl);
    assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isZero();
    DataSource killedDb = TestDatabases.POSTGRESQL.createEmpty();
    String killedUrl = TestDatabases.POSTGRESQL.jdbcUrl(killedDb);
    JdbcTemplate killed = new JdbcTemplate(killedDb);

    Process child = start(killedUrl, "reporting");
    long events = new String(reference, java.nio.charset.StandardCharsets.UTF_8).lines().count();
    waitUntil(() -> ReportingTables.eventRows(killed) > events / 2, child, "reporting");
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long rowsAtKill = ReportingTables.eventRows(killed);
    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + killedUrl, "chunkSize=7");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("(pid " + child.pid() + ") had died; marked FAILED");
    JdbcTemplate expected = new JdbcTemplate(Databases.open(referenceUrl, "REPORTING_DB"));
    assertThat(rowsAtKill).as("killed half-way").isPositive().isLessThan(events);
    assertThat(ReportingTables.eventRows(expected)).isEqualTo(events);
    ReportingTables.assertSameRows(killed, expected);
  }

  @Test
  void recoverMarksAKilledRunFailedAndTheRerunContinuesIt() throws Exception {
    Path output = dir.resolve("recovered/export.jsonl");
    Process child = start(output, "recovered");
    waitFor(output, size -> size > 0, child);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String execution = executionOf("recovered");

    Cli recover = Cli.run("recover", execution, job.jobFile.toString());

    assertThat(recover.exitCode()).as(recover.err()).isZero();
    assertThat(recover.out()).contains("execution " + execution + " marked FAILED");
    Cli again = Cli.run("recover", execution, job.jobFile.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + output);
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).doesNotContain("had died");
    assertThat(Files.readAllBytes(output)).isEqualTo(reference);
  }

  @Test
  void stopEndsALiveRunAfterItsChunkAndTheRerunContinuesIt() throws Exception {
    Path output = dir.resolve("stopped/export.jsonl");
    Process child = start(output, "stopped");
    waitFor(output, size -> size > 0, child);
    String execution = executionOf("stopped");

    Cli stop = Cli.run("stop", execution, job.jobFile.toString());

    assertThat(stop.exitCode()).as(stop.err()).isZero();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child stopped").isTrue();
    assertThat(child.exitValue()).as("exit code 6: stopped").isEqualTo(6);
    assertThat(Files.readAllBytes(output)).isNotEqualTo(reference);
    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + output);
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(Files.readAllBytes(output)).isEqualTo(reference);
  }

  @Test
  void sigtermStopsTheRunAtAChunkBoundaryAndTheRerunContinuesIt() throws Exception {
    signalStopsAndRerunContinues("sigterm", child -> child.destroy());
  }

  @Test
  void sigintStopsTheRunAtAChunkBoundaryAndTheRerunContinuesIt() throws Exception {
    assumeFalse(
        sigintIgnored(),
        "this build's process ignores SIGINT (started in the background by a shell), and so does"
            + " every child it starts: the JVM leaves an ignored SIGINT ignored");
    signalStopsAndRerunContinues(
        "sigint",
        child -> {
          try {
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  /**
   * Whether this process ignores SIGINT (Linux: bit 2 of {@code SigIgn} in /proc/self/status), as a
   * process started in the background by a non-interactive shell does ({@code nohup mvn verify &}):
   * its children inherit that, and the JVM installs no handler for a signal ignored when it starts.
   */
  private static boolean sigintIgnored() throws java.io.IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
        return (ignored & (1L << (2 - 1))) != 0;
      }
    }
    return false;
  }

  private void signalStopsAndRerunContinues(
      String name, java.util.function.Consumer<Process> signal) throws Exception {
    Path output = dir.resolve(name + "/export.jsonl");
    Process child = start(output, name);
    waitFor(output, size -> size > 0, child);
    String execution = executionOf(name);

    signal.accept(child);

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child stopped").isTrue();
    String log = Files.readString(dir.resolve(name + ".log"));
    assertThat(child.exitValue()).as(log).isEqualTo(6);
    assertThat(log)
        .contains(": stopping after the current chunk")
        .contains("ledger-explode: stopped (execution " + execution + ")");
    assertThat(output.resolveSibling("export.manifest.json")).doesNotExist();
    Cli status = Cli.run("status", job.jobFile.toString(), "--json");
    assertThat(status.out()).contains("\"executionId\":" + execution + ",");
    assertThat(status.out()).contains("\"status\":\"STOPPED\"");
    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + output);
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).doesNotContain("had died");
    assertThat(Files.readAllBytes(output)).isEqualTo(reference);
    assertThat(Files.readAllBytes(output.resolveSibling("export.rejects.jsonl")))
        .isEqualTo(referenceRejects);
  }

  @Test
  void anotherRunOnALiveRunsOutputExits3AndItsRerunLeavesTheFinishedExportAlone() throws Exception {
    Path output = dir.resolve("shared/export.jsonl");
    Process child = start(output, "shared");
    waitFor(output, size -> size > 0, child);

    Cli other =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "output=" + output,
            "runDate=2025-03-09",
            "overwrite=true"); // past the first check, to the export's lock

    assertThat(other.exitCode()).as(other.err()).isEqualTo(3);
    assertThat(other.err()).contains("is being written by another run; nothing was changed");
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the first run ends").isTrue();
    assertThat(child.exitValue()).isZero();
    byte[] finished = Files.readAllBytes(output);
    assertThat(finished).isEqualTo(reference);
    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + output, "runDate=2025-03-09");
    assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(2);
    assertThat(rerun.err()).contains("is already there and this run did not write it");
    assertThat(Files.readAllBytes(output)).isEqualTo(finished);
    assertThat(output.resolveSibling("export.manifest.json")).exists();
  }

  @Test
  void killedInItsManifestStepTheRerunWritesTheManifestOverTheSameFiles() throws Exception {
    endedInTheManifestStepThenRerun("in-manifest", Process::destroyForcibly);
  }

  @Test
  void aSecondSignalEndsTheRunAtOnceAndTheRerunContinuesIt() throws Exception {
    // blocked inside its manifest step, the run never reaches the boundary the first signal waits
    // for: only the second ends it
    Process child =
        endedInTheManifestStepThenRerun(
            "two-signals",
            running -> {
              running.destroy();
              try {
                Thread.sleep(500);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              assertThat(running.isAlive()).as("the first signal waits for a boundary").isTrue();
              running.destroy();
            });
    assertThat(child.exitValue()).as("ended by its second SIGTERM").isEqualTo(128 + 15);
    assertThat(Files.readString(dir.resolve("two-signals.log")))
        .contains("stopping after the current chunk (a second signal ends the run at once)");
  }

  /**
   * Runs the job in a child JVM until it is inside its manifest step (held there by a named pipe
   * where the manifest is first written), ends it with {@code end}, then checks that the same
   * command, run again, writes the manifest over the same files.
   */
  private Process endedInTheManifestStepThenRerun(String name, Consumer<Process> end)
      throws Exception {
    Path output = dir.resolve(name + "/export.jsonl");
    Files.createDirectories(output.getParent());
    Path temporary = output.resolveSibling("export.manifest.json.tmp");
    Process mkfifo = new ProcessBuilder("mkfifo", temporary.toString()).inheritIO().start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo makes a named pipe");
    Process child = start(output, name);
    try (HikariDataSource repository = Databases.open(job.repositoryDb(), "REPOSITORY_DB")) {
      JdbcTemplate steps = new JdbcTemplate(repository);
      waitUntil(() -> manifestStepStarted(steps, output), child, name);
      end.accept(child);
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output.resolveSibling("export.manifest.json")).doesNotExist();
    Files.delete(temporary);

    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + output);

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("(pid " + child.pid() + ") had died; marked FAILED");
    assertThat(Files.readAllBytes(output)).isEqualTo(reference);
    assertThat(Files.readAllBytes(output.resolveSibling("export.rejects.jsonl")))
        .isEqualTo(referenceRejects);
    JsonNode manifest = manifestOf(output);
    JsonNode expected = manifestOf(dir.resolve("reference/export.jsonl"));
    assertThat(manifest.get("counts")).isEqualTo(expected.get("counts"));
    assertThat(manifest.get("files")).isEqualTo(expected.get("files"));
    return child;
  }

  private static boolean manifestStepStarted(JdbcTemplate repository, Path output) {
    return repository.queryForObject(
            "select count(*) from BATCH_STEP_EXECUTION s"
                + " join BATCH_JOB_EXECUTION_PARAMS p on p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID"
                + " where s.STEP_NAME = 'manifestStep' and s.STATUS = 'STARTED'"
                + " and p.PARAMETER_NAME = 'output' and p.PARAMETER_VALUE = ?",
            Long.class,
            output.toString())
        > 0;
  }

  private static JsonNode manifestOf(Path output) throws Exception {
    return JsonMapper.builder()
        .build()
        .readTree(Files.readString(output.resolveSibling("export.manifest.json")));
  }

  @Test
  void aKilledRunWhoseOutputAnotherRunThenWroteIsRefusedAndTheOtherRunsFilesStay()
      throws Exception {
    Path output = dir.resolve("taken/export.jsonl");
    Process child = start(output, "taken");
    waitFor(output, size -> size > reference.length / 3, child);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // another night's requests (its first row left out), told to overwrite what is there; an
    // export of the same bytes as the killed run's would be that run's own up to its checkpoint
    List<String> rows = Files.readAllLines(job.input);
    rows.remove(1);
    Path otherInput = dir.resolve("taken/requests-2025-03-10.csv");
    Files.write(otherInput, rows);
    Cli other =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "input=" + otherInput,
            "output=" + output,
            "runDate=2025-03-10",
            "overwrite=true");
    assertThat(other.exitCode()).as(other.err()).isZero();
    byte[] othersExport = Files.readAllBytes(output);
    byte[] othersManifest = Files.readAllBytes(output.resolveSibling("export.manifest.json"));

    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + output);

    assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(2);
    assertThat(rerun.err())
        .contains("(pid " + child.pid() + ") had died; marked FAILED")
        .contains(
            "ledger-explode: "
                + output
                + " is not what this run had written by its last checkpoint");
    assertThat(Files.readAllBytes(output)).isEqualTo(othersExport);
    assertThat(Files.readAllBytes(output.resolveSibling("export.manifest.json")))
        .isEqualTo(othersManifest);
  }

  /** The execution a child said it started, from its log. */
  private static String executionOf(String name) throws Exception {
    return ChildRuns.executionOf(dir.resolve(name + ".log"));
  }

  @Test
  void aSecondRunBesideALiveOneExitsWith3AndStatusShowsIt() throws Exception {
    Path output = dir.resolve("beside/export.jsonl");
    Process child = start(output, "beside");
    try {
      waitFor(output, size -> size > 0, child);
      Cli second = Cli.run("run", job.jobFile.toString(), "output=" + output);
      assertThat(second.exitCode()).as(second.err()).isEqualTo(3);
      assertThat(second.err())
          .matches(
              "ledger-explode: already running \\(execution \\d+, pid " + child.pid() + "\\)\\R");
      Cli status = Cli.run("status", job.jobFile.toString());
      assertThat(status.out()).contains("STARTED").contains("(pid " + child.pid() + " on ");
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  private void killAndRerun(String name, LongPredicate killWhen) throws Exception {
    Path output = dir.resolve(name + "/export.jsonl");
    Process child = start(output, name);
    waitFor(output, killWhen, child);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output.resolveSibling("export.manifest.json"))
        .as("killed before it completed")
        .doesNotExist();

    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + output, "chunkSize=7");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err())
        .as(rerun.err())
        .contains("(pid " + child.pid() + ") had died; marked FAILED");
    assertThat(Files.readString(dir.resolve("db/ledger-explode.log")))
        .as("the run's log says so too")
        .containsPattern(
            "WARN  .* - execution \\d+ \\(pid " + child.pid() + "\\) had died; marked FAILED");
    assertThat(Files.readAllBytes(output)).isEqualTo(reference);
    assertThat(Files.readAllBytes(output.resolveSibling("export.rejects.jsonl")))
        .isEqualTo(referenceRejects);
    assertThat(output.resolveSibling("export.manifest.json")).exists();
  }

  /** The job in a child JVM, a chunk per row so that it runs long enough to be killed. */
  private static Process start(Path output, String name) throws Exception {
    return start(output.toString(), name);
  }

  private static Process start(String output, String name) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("run");
    command.add(job.jobFile.toString());
    command.add("output=" + output);
    command.add("chunkSize=1");
    File log = dir.resolve(name + ".log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  private static void waitFor(Path output, LongPredicate condition, Process child)
      throws Exception {
    waitUntil(
        () -> {
          try {
            return Files.exists(output) && condition.test(Files.size(output));
          } catch (java.io.IOException racedWithCreation) {
            return false;
          }
        },
        child,
        output.getParent().getFileName().toString());
  }

  private static void waitUntil(BooleanSupplier condition, Process child, String name)
      throws Exception {
    ChildRuns.waitUntil(condition, child, dir.resolve(name + ".log"), Duration.ofSeconds(60));
  }
}

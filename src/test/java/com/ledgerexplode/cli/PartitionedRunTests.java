package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.runs.ExportJobNames;
import com.ledgerexplode.export.runs.JobRepositories;
import com.ledgerexplode.store.Databases;
import com.ledgerexplode.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The export step partitioned ({@code partitions}): whatever the partitions, chunks and pages, the
 * export is byte for byte that of one thread; a rerun runs again only the partitions that did not
 * complete; a partitioned run killed, stopped or failed continues to the same bytes.
 */
class PartitionedRunTests {
  @TempDir static Path dir;
  static JobFixture job;
  static byte[] reference;
  static byte[] referenceRejects;

  @BeforeAll
  static void oneThreadsRun() throws Exception {
    job = JobFixture.create(dir, 200, 3);
    Path output = dir.resolve("reference/export.jsonl");
    Cli run = Cli.run("run", job.jobFile.toString(), "output=" + output);
    assertThat(run.exitCode()).as(run.err()).isZero();
    job.set("ledger.import", ""); // imported once; the runs below read it
    reference = Files.readAllBytes(output);
    referenceRejects = Files.readAllBytes(output.resolveSibling("export.rejects.jsonl"));
  }

  @ParameterizedTest(name = "{0} partitions, chunks of {1}, pages of {2}")
  @CsvSource({"2, 100, 100", "3, 7, 1", "5, 1, 2", "16, 10, 100"})
  void aPartitionedRunWritesTheBytesOfOneThread(int partitions, int chunkSize, int pageSize)
      throws Exception {
    Path output = dir.resolve("bytes-" + partitions + "-" + chunkSize + "/export.jsonl");

    Cli run =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "output=" + output,
            "partitions=" + partitions,
            "chunkSize=" + chunkSize,
            "pageSize=" + pageSize);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertOneThreadsFiles(output);
    assertThat(run.err())
        .contains("completed (execution ")
        .contains(job.rows() + " rows read")
        .as("the counts are the partitions' sum");
    assertThat(output.resolveSibling("export.parts")).as("the parts are removed").doesNotExist();
    assertThat(output.resolveSibling("export.manifest.json")).exists();
  }

  @Test
  void theManifestOfAPartitionedRunIsWrittenAgainFromItsJoinedFilesCheckpoint() throws Exception {
    Path output = dir.resolve("manifest/export.jsonl");
    Cli run = Cli.run("run", job.jobFile.toString(), "output=" + output, "partitions=3");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path manifest = output.resolveSibling("export.manifest.json");
    String written = Files.readString(manifest);
    Matcher id = Pattern.compile("\"executionId\":(\\d+)").matcher(written);
    assertThat(id.find()).isTrue();
    Files.delete(manifest);

    Cli again = Cli.run("manifest", id.group(1), job.jobFile.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    String files = "\"files\":";
    String rewritten = Files.readString(manifest);
    assertThat(rewritten.substring(rewritten.indexOf(files)))
        .isEqualTo(written.substring(written.indexOf(files)));
  }

  @Test
  void aPartitionedRunWithItsLedgerOnPostgresqlWritesTheBytesOfOneThread() throws Exception {
    DataSource ledger = TestDatabases.POSTGRESQL.createEmpty();
    Path output = dir.resolve("postgres/export.jsonl");

    Cli run =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "output=" + output,
            "ledger.db=" + TestDatabases.POSTGRESQL.jdbcUrl(ledger),
            "ledger.import=" + job.snapshot,
            "repository.db=" + JobFixture.h2(dir.resolve("postgres/repository")),
            "partitions=3");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(output)).isEqualTo(reference);
  }

  @Test
  void aPartitionedRunIntoTheReportingDatabaseLeavesTheRowsOfOneThread() throws Exception {
    DataSource single = TestDatabases.POSTGRESQL.createEmpty();
    DataSource partitioned = TestDatabases.POSTGRESQL.createEmpty();
    Cli one =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "output=" + TestDatabases.POSTGRESQL.jdbcUrl(single),
            "repository.db=" + JobFixture.h2(dir.resolve("reporting/one")));
    assertThat(one.exitCode()).as(one.err()).isZero();

    Cli three =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "output=" + TestDatabases.POSTGRESQL.jdbcUrl(partitioned),
            "repository.db=" + JobFixture.h2(dir.resolve("reporting/three")),
            "partitions=3",
            "chunkSize=7");

    assertThat(three.exitCode()).as(three.err()).isZero();
    ReportingTables.assertSameRows(new JdbcTemplate(partitioned), new JdbcTemplate(single));
  }

  @Test
  void aRerunRunsAgainOnlyThePartitionsThatDidNotComplete() throws Exception {
    Path output = dir.resolve("failed/export.jsonl");
    String repository = JobFixture.h2(dir.resolve("failed/repository"));
    Cli failed = failOnePartition(output, repository, 4);
    assertThat(failed.err()).contains("unreadable record");
    assertThat(output).as("held empty, as a one-thread run holds its export").isEmptyFile();
    Map<String, Long> firstRun = partitionExecutions(repository);
    assertThat(firstRun)
        .hasSize(4)
        .allSatisfy((name, executions) -> assertThat(executions).isOne());

    Cli status = Cli.run("status", "--json", "--repository=" + repository);
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out())
        .as("the failed run's counts are its completed partitions' and its checkpoints'")
        .contains("\"status\":\"FAILED\"")
        .containsPattern("\"rowsRead\":[1-9]");

    // the rerun says 1 partition at once: the run keeps its 4
    Cli rerun =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "output=" + output,
            "repository.db=" + repository,
            "partitions=1",
            "skipLimit=1");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertOneThreadsFiles(output);
    Map<String, Long> bothRuns = partitionExecutions(repository);
    assertThat(bothRuns).hasSize(4);
    assertThat(bothRuns.values().stream().filter(n -> n == 2))
        .as("only the failed partition ran again")
        .hasSize(1);
    assertThat(bothRuns.values().stream().filter(n -> n == 1)).hasSize(3);
    assertThat(rerun.err()).contains(job.rows() + " rows read");
  }

  @Test
  void aPartitionCutOffBeforeItsContextWasKeptContinuesFromItsLastCheckpoint() throws Exception {
    Path output = dir.resolve("cut/export.jsonl");
    String repository = JobFixture.h2(dir.resolve("cut/repository"));
    // chunks of 7: the failing partition commits chunks before its unreadable record, twice
    failOnePartition(output, repository, 3, "chunkSize=7");
    failOnePartition(output, repository, 3, "chunkSize=7");
    // as if the second run had died between Spring Batch's making the partition's execution and
    // its saving the context that execution continues from
    try (var pool = Databases.open(repository, "REPOSITORY_DB", Map.of())) {
      JobRepository runs = JobRepositories.open(pool).repository();
      JobInstance instance = runs.getLastJobInstance(ExportJobNames.JOB);
      StepExecution unfinished = null;
      for (int i = 0; i < 3; i++) {
        StepExecution partition =
            runs.getLastStepExecution(instance, ExportJobNames.partitionExecutionName(i));
        if (partition.getStatus() != BatchStatus.COMPLETED) {
          unfinished = partition;
        }
      }
      assertThat(unfinished).as("the failed partition").isNotNull();
      assertThat(unfinished.getExecutionContext().getLong("requestsReader.offset"))
          .as("it had committed chunks")
          .isGreaterThan(unfinished.getExecutionContext().getLong("requestsReader.start"));
      unfinished.setExecutionContext(new ExecutionContext());
      runs.updateExecutionContext(unfinished);
    }

    Cli rerun =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "output=" + output,
            "repository.db=" + repository,
            "skipLimit=1");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertOneThreadsFiles(output);
    assertThat(rerun.err()).contains(job.rows() + " rows read (");
  }

  @Test
  void aPartitionedRunKilledHalfWayThenRunAgainWritesTheSameBytes() throws Exception {
    Path output = dir.resolve("killed/export.jsonl");
    Path parts = output.resolveSibling("export.parts");
    Process child =
        killed(output, "killed", () -> bytesIn(parts) > reference.length / 2, "partitions=3");
    assertThat(output.resolveSibling("export.manifest.json")).doesNotExist();

    Cli rerun =
        Cli.run("run", job.jobFile.toString(), "output=" + output, "chunkSize=7", "partitions=2");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("(pid " + child.pid() + ") had died; marked FAILED");
    assertOneThreadsFiles(output);
    assertThat(parts).doesNotExist();
  }

  @Test
  void aPartitionedRunKilledBeforeAnyChunkThenRunAgainWritesTheSameBytes() throws Exception {
    Path output = dir.resolve("killed-at-open/export.jsonl");
    Path parts = output.resolveSibling("export.parts");
    Process child =
        killed(output, "killed-at-open", () -> Files.isDirectory(parts), "partitions=3");

    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + output, "partitions=2");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("(pid " + child.pid() + ") had died; marked FAILED");
    assertOneThreadsFiles(output);
  }

  @Test
  void aPartitionedRunKilledHalfWayIntoTheReportingDatabaseLeavesNoRowMissingOrTwice()
      throws Exception {
    DataSource single = TestDatabases.POSTGRESQL.createEmpty();
    Cli one =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "output=" + TestDatabases.POSTGRESQL.jdbcUrl(single),
            "repository.db=" + JobFixture.h2(dir.resolve("reporting-killed/one")));
    assertThat(one.exitCode()).as(one.err()).isZero();
    DataSource killedDb = TestDatabases.POSTGRESQL.createEmpty();
    String killedUrl = TestDatabases.POSTGRESQL.jdbcUrl(killedDb);
    JdbcTemplate killed = new JdbcTemplate(killedDb);
    long events = ReportingTables.eventRows(new JdbcTemplate(single));

    Process child =
        killed(
            killedUrl,
            "reporting-killed",
            () -> ReportingTables.eventRows(killed) > events / 2,
            "partitions=3");
    long rowsAtKill = ReportingTables.eventRows(killed);
    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + killedUrl, "chunkSize=7");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("(pid " + child.pid() + ") had died; marked FAILED");
    assertThat(rowsAtKill).as("killed half-way").isPositive().isLessThan(events);
    assertThat(ReportingTables.eventRows(killed)).isEqualTo(events);
    ReportingTables.assertSameRows(killed, new JdbcTemplate(single));
  }

  @Test
  void stopEndsALivePartitionedRunAtItsPartitionsChunkBoundariesAndTheRerunContinuesIt()
      throws Exception {
    Path output = dir.resolve("stopped/export.jsonl");
    Process child = start(output, "stopped", "partitions=3");
    Path parts = output.resolveSibling("export.parts");
    waitUntil(() -> bytesIn(parts) > 0, child, "stopped");
    String execution = executionOf("stopped");

    Cli stop = Cli.run("stop", execution, job.jobFile.toString());

    assertThat(stop.exitCode()).as(stop.err()).isZero();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child stopped").isTrue();
    assertThat(child.exitValue()).as(Files.readString(dir.resolve("stopped.log"))).isEqualTo(6);
    assertThat(output.resolveSibling("export.manifest.json")).doesNotExist();
    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + output);
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertOneThreadsFiles(output);
  }

  @Test
  void recoverMarksAKilledPartitionedRunFailedAndTheRerunContinuesIt() throws Exception {
    Path output = dir.resolve("recovered/export.jsonl");
    Path parts = output.resolveSibling("export.parts");
    killed(output, "recovered", () -> bytesIn(parts) > 0, "partitions=3");
    String execution = executionOf("recovered");

    Cli recover = Cli.run("recover", execution, job.jobFile.toString());

    assertThat(recover.exitCode()).as(recover.err()).isZero();
    assertThat(recover.out()).contains("execution " + execution + " marked FAILED");
    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + output);
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).doesNotContain("had died");
    assertThat(Files.readAllBytes(output)).isEqualTo(reference);
  }

  @Test
  void sigtermStopsEveryPartitionAtAChunkBoundaryAndTheRerunContinuesIt() throws Exception {
    Path output = dir.resolve("sigterm/export.jsonl");
    Process child = start(output, "sigterm", "partitions=3");
    Path parts = output.resolveSibling("export.parts");
    waitUntil(() -> bytesIn(parts) > 0, child, "sigterm");
    String execution = executionOf("sigterm");

    child.destroy();

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child stopped").isTrue();
    String log = Files.readString(dir.resolve("sigterm.log"));
    assertThat(child.exitValue()).as(log).isEqualTo(6);
    assertThat(log).contains("ledger-explode: stopped (execution " + execution + ")");
    Cli status = Cli.run("status", job.jobFile.toString(), "--json");
    assertThat(status.out()).contains("\"status\":\"STOPPED\"");
    Cli rerun = Cli.run("run", job.jobFile.toString(), "output=" + output);
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertOneThreadsFiles(output);
  }

  @Test
  void anotherRunOnALivePartitionedRunsOutputIsRefusedPartitionedOrNotAndTheOldManifestIsGone()
      throws Exception {
    Path output = dir.resolve("shared/export.jsonl");
    Cli earlier = Cli.run("run", job.jobFile.toString(), "output=" + output, "runDate=2025-01-01");
    assertThat(earlier.exitCode()).as(earlier.err()).isZero();
    Process child = start(output, "shared", "partitions=3", "runDate=2025-01-02", "overwrite=true");
    try {
      Path parts = output.resolveSibling("export.parts");
      waitUntil(() -> bytesIn(parts) > 0, child, "shared");
      assertThat(output.resolveSibling("export.manifest.json"))
          .as("the earlier night's manifest, over files being replaced, is gone")
          .doesNotExist();

      for (String partitions : new String[] {"partitions=1", "partitions=2"}) {
        Cli second =
            Cli.run(
                "run",
                job.jobFile.toString(),
                "output=" + output,
                "runDate=2025-01-03",
                "overwrite=true",
                partitions);
        assertThat(second.exitCode()).as(partitions + ": " + second.err()).isEqualTo(3);
        assertThat(second.err()).contains("is being written by another run");
      }
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
      assertThat(Files.readAllBytes(output)).isEqualTo(reference);
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void aJoinCutOffWithTheExportHalfWrittenJoinsAgainToTheSameBytes() throws Exception {
    Path output = dir.resolve("join/export.jsonl");
    String repository = JobFixture.h2(dir.resolve("join/repository"));
    // the join writes the joined rejects beside the parts first: a directory in their way fails
    // it once every partition has completed
    Path inTheWay = output.resolveSibling("export.parts").resolve("joined.rejects.jsonl");
    Files.createDirectories(inTheWay);
    Cli failed =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "output=" + output,
            "repository.db=" + repository,
            "partitions=3");
    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
    assertThat(partitionExecutions(repository))
        .hasSize(3)
        .allSatisfy((name, executions) -> assertThat(executions).isOne());
    Files.delete(inTheWay);
    // as a join killed while copying the parts leaves the export
    Files.write(output, java.util.Arrays.copyOf(reference, reference.length / 2));

    Cli rerun =
        Cli.run("run", job.jobFile.toString(), "output=" + output, "repository.db=" + repository);

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertOneThreadsFiles(output);
    assertThat(partitionExecutions(repository))
        .as("no partition ran again")
        .allSatisfy((name, executions) -> assertThat(executions).isOne());
    assertThat(output.resolveSibling("export.parts")).doesNotExist();
  }

  @Test
  void aPartThatWasEditedIsRefusedWhenTheRunContinues() throws Exception {
    Path output = dir.resolve("edited/export.jsonl");
    String repository = JobFixture.h2(dir.resolve("edited/repository"));
    failOnePartition(output, repository, 2);
    Path completedPart = completedPartOf(output.resolveSibling("export.parts"));
    byte[] bytes = Files.readAllBytes(completedPart);
    bytes[bytes.length / 2] ^= 1; // within what its checkpoint committed
    Files.write(completedPart, bytes);

    Cli rerun =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "output=" + output,
            "repository.db=" + repository,
            "skipLimit=1");

    assertThat(rerun.exitCode()).as(rerun.err()).isNotZero();
    assertThat(rerun.err()).contains(completedPart.toString());
    assertThat(output).as("held empty, as a one-thread run holds its export").isEmptyFile();
  }

  /**
   * A run whose one unreadable record fails its partition (no skip allowed): the others complete.
   */
  private static Cli failOnePartition(
      Path output, String repository, int partitions, String... settings) {
    List<String> args =
        Stream.concat(
                Stream.of(
                    "run",
                    job.jobFile.toString(),
                    "output=" + output,
                    "repository.db=" + repository,
                    "partitions=" + partitions,
                    "skipLimit=0"),
                Stream.of(settings))
            .toList();
    Cli failed = Cli.run(args.toArray(String[]::new));
    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
    return failed;
  }

  /** The part that a partition completed: the one whose rejects hold no unreadable record. */
  private static Path completedPartOf(Path parts) throws IOException {
    try (Stream<Path> files = Files.list(parts)) {
      for (Path part : files.filter(f -> !f.toString().endsWith(".rejects.jsonl")).toList()) {
        String name = part.getFileName().toString();
        Path rejects = part.resolveSibling(name.replace(".jsonl", ".rejects.jsonl"));
        if (Files.size(part) > 0
            && (!Files.exists(rejects) || !Files.readString(rejects).contains("unreadable"))) {
          return part;
        }
      }
    }
    throw new AssertionError("no completed part in " + parts);
  }

  /** How many executions each partition had, by name, from the job repository. */
  private static Map<String, Long> partitionExecutions(String repositoryUrl) throws Exception {
    try (var pool = Databases.open(repositoryUrl, "REPOSITORY_DB", Map.of())) {
      List<Map<String, Object>> rows =
          new JdbcTemplate(pool)
              .queryForList(
                  "select step_name, count(*) as n from batch_step_execution where step_name like"
                      + " ? group by step_name",
                  ExportJobNames.PARTITION_STEP + ":%");
      return rows.stream()
          .collect(
              java.util.stream.Collectors.toMap(
                  row -> (String) row.get("STEP_NAME"),
                  row -> ((Number) row.get("N")).longValue()));
    }
  }

  private static long bytesIn(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      long bytes = 0;
      for (Path file : files.toList()) {
        bytes += Files.size(file);
      }
      return bytes;
    } catch (IOException notYetThere) {
      return 0;
    }
  }

  /** The job partitioned in a child JVM (as {@link #start}), killed once {@code when} holds. */
  private static Process killed(
      String output, String name, java.util.function.BooleanSupplier when, String... settings)
      throws Exception {
    Process child = start(output, name, settings);
    waitUntil(when, child, name);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return child;
  }

  private static Process killed(
      Path output, String name, java.util.function.BooleanSupplier when, String... settings)
      throws Exception {
    return killed(output.toString(), name, when, settings);
  }

  /** The export and its rejects file are those of one thread, byte for byte. */
  private static void assertOneThreadsFiles(Path output) throws IOException {
    assertThat(Files.readAllBytes(output)).isEqualTo(reference);
    assertThat(Files.readAllBytes(output.resolveSibling("export.rejects.jsonl")))
        .isEqualTo(referenceRejects);
  }

  /** The job in a child JVM, a chunk per row so that it runs long enough to be killed. */
  private static Process start(Path output, String name, String... settings) throws Exception {
    return start(output.toString(), name, settings);
  }

  private static Process start(String output, String name, String... settings) throws Exception {
    List<String> args =
        Stream.concat(
                Stream.of("run", job.jobFile.toString(), "output=" + output, "chunkSize=1"),
                Stream.of(settings))
            .toList();
    return Cli.child(args)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  private static String executionOf(String name) throws Exception {
    return ChildRuns.executionOf(dir.resolve(name + ".log"));
  }

  private static void waitUntil(
      java.util.function.BooleanSupplier condition, Process child, String name) throws Exception {
    ChildRuns.waitUntil(condition, child, dir.resolve(name + ".log"), Duration.ofSeconds(90));
  }
}

package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.store.Databases;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Nothing stuck: an execution left UNKNOWN (its job repository lost while it committed a chunk) is
 * recovered by the same run command, or by recover, and the run continues to the same bytes.
 */
class UnknownExecutionFunctionalTests {
  @TempDir Path dir;

  /**
   * A run failed half-way whose execution and steps the repository then holds as UNKNOWN, its
   * process gone.
   */
  private JobFixture unknownHalfWay() {
    JobFixture job = JobFixture.create(dir, 30, 2);
    job.set("skipLimit", "0").set("chunkSize", "2");
    assertThat(Cli.run("run", job.jobFile.toString()).exitCode()).isEqualTo(1);
    try (HikariDataSource repository = Databases.open(job.repositoryDb(), "REPOSITORY_DB")) {
      JdbcTemplate jdbc = new JdbcTemplate(repository);
      jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'UNKNOWN', EXIT_CODE = 'UNKNOWN'");
      jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'UNKNOWN', EXIT_CODE = 'UNKNOWN'");
      // the run ran in this JVM, which lives on; the process of a real one ended with its error
      jdbc.update(
          "UPDATE BATCH_JOB_EXECUTION_PARAMS SET PARAMETER_VALUE = '2147483646'"
              + " WHERE PARAMETER_NAME = 'run.pid'");
    }
    return job;
  }

  @Test
  void theSameRunCommandContinuesAnUnknownExecutionOfThisHost() throws Exception {
    JobFixture job = unknownHalfWay();
    Path reference = dir.resolve("reference/export.jsonl");
    assertThat(
            Cli.run("run", job.jobFile.toString(), "skipLimit=1", "output=" + reference).exitCode())
        .isZero();

    Cli rerun = Cli.run("run", job.jobFile.toString(), "skipLimit=1");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("had died; marked FAILED");
    assertThat(Files.readAllBytes(job.output())).isEqualTo(Files.readAllBytes(reference));
  }

  @Test
  void recoverMarksAnUnknownExecutionFailedAndTheRunContinues() throws Exception {
    JobFixture job = unknownHalfWay();
    String execution =
        Cli.run("status", job.jobFile.toString(), "--json")
            .out()
            .replaceAll("(?s).*\"executionId\":(\\d+).*", "$1");

    Cli recover = Cli.run("recover", execution, job.jobFile.toString());

    assertThat(recover.exitCode()).as(recover.err()).isZero();
    assertThat(Cli.run("status", job.jobFile.toString()).out()).contains("FAILED");
    Cli rerun = Cli.run("run", job.jobFile.toString(), "skipLimit=1");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
  }
}

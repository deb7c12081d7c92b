package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The whole job with its ledger and its job repository on PostgreSQL (embedded). */
class ExportJobOnPostgresFunctionalTests {
  @TempDir Path dir;

  @Test
  void theExportOnPostgresIsByteForByteTheOneOnH2AndARerunIsRefusedAsCompleted() throws Exception {
    JobFixture job = JobFixture.create(dir, 40, 3);
    Path onH2 = dir.resolve("h2/export.jsonl");
    assertThat(Cli.run("run", job.jobFile.toString(), "output=" + onH2).exitCode()).isZero();
    DataSource ledger = TestDatabases.POSTGRESQL.createEmpty();
    DataSource repository = TestDatabases.POSTGRESQL.createEmpty();
    job.set("ledger.db", TestDatabases.POSTGRESQL.jdbcUrl(ledger))
        .set("repository.db", TestDatabases.POSTGRESQL.jdbcUrl(repository));

    Cli run = Cli.run("run", job.jobFile.toString(), "chunkSize=7", "pageSize=2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(job.output())).isEqualTo(Files.readAllBytes(onH2));
    assertThat(Files.readAllBytes(job.rejects()))
        .isEqualTo(Files.readAllBytes(onH2.resolveSibling("export.rejects.jsonl")));
    Cli again = Cli.run("run", job.jobFile.toString());
    assertThat(again.exitCode()).isEqualTo(4);
    assertThat(Cli.run("status", job.jobFile.toString()).out()).contains("COMPLETED");
  }

  @Test
  void aReportingDatabaseRunThatFailedAndWasRerunHasEveryRowOnce() throws Exception {
    JobFixture job = JobFixture.create(dir, 30, 3);
    Path reference = dir.resolve("ref/export.jsonl");
    assertThat(Cli.run("run", job.jobFile.toString(), "output=" + reference).exitCode()).isZero();
    DataSource reporting = TestDatabases.POSTGRESQL.createEmpty();
    DataSource repository = TestDatabases.POSTGRESQL.createEmpty();
    job.set("output", TestDatabases.POSTGRESQL.jdbcUrl(reporting))
        .set("repository.db", TestDatabases.POSTGRESQL.jdbcUrl(repository));

    Cli failed = Cli.run("run", job.jobFile.toString(), "chunkSize=4", "skipLimit=0");
    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
    Cli rerun = Cli.run("run", job.jobFile.toString(), "chunkSize=3");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();

    JdbcTemplate jdbc = new JdbcTemplate(reporting);
    assertThat(jdbc.queryForObject("select count(*) from report_event", Long.class))
        .isEqualTo(Files.readAllLines(reference).size());
    assertThat(jdbc.queryForObject("select count(*) from report_reject", Long.class))
        .isEqualTo(Files.readAllLines(reference.resolveSibling("export.rejects.jsonl")).size());
    assertThat(jdbc.queryForObject("select count(*) from report_run", Long.class)).isEqualTo(1);
  }
}

package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.store.Databases;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reporting database keys a run's rows by a key unique across job repositories and hosts, so
 * that no night ever writes under another's key.
 */
class ReportingRunKeysFunctionalTests {
  @TempDir Path dir;

  @Test
  void twoNightsWithTheJobRepositoryResetBetweenThemKeepTheirOwnRows() throws Exception {
    JobFixture job = JobFixture.create(dir, 8, 2);
    String reporting = JobFixture.h2(dir.resolve("reporting/db"));
    job.set("output", reporting);

    Cli first = Cli.run("run", job.jobFile.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    deleteRecursively(dir.resolve("db")); // the job repository (and the ledger) start afresh
    Cli second = Cli.run("run", job.jobFile.toString());
    assertThat(second.exitCode()).as(second.err()).isZero();

    try (HikariDataSource db = Databases.open(reporting, "REPORTING_DB")) {
      JdbcTemplate jdbc = new JdbcTemplate(db);
      assertThat(jdbc.queryForList("SELECT DISTINCT run_key FROM report_run", String.class))
          .hasSize(2);
      assertThat(
              jdbc.queryForObject("SELECT COUNT(DISTINCT run_key) FROM report_event", Long.class))
          .isEqualTo(2);
      assertThat(
              jdbc.queryForObject("SELECT COUNT(DISTINCT run_key) FROM report_reject", Long.class))
          .isEqualTo(2);
      long events = jdbc.queryForObject("SELECT COUNT(*) FROM report_event", Long.class);
      long perRun = jdbc.queryForObject("SELECT MAX(events_written) FROM report_run", Long.class);
      assertThat(events).isEqualTo(2 * perRun).isPositive();
    }
  }

  private static void deleteRecursively(Path path) throws Exception {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}

package com.ledgerexplode.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.job.ExportJobRunner;
import com.ledgerexplode.export.job.RunObserver;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.export.sink.ReportingDatabaseSink;
import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.store.SnapshotImporter;
import com.ledgerexplode.testing.ReportingTableNames;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reporting floor is honest: on a generated ledger, with every flag on by default, it writes
 * the rows the product's reporting sink writes, table by table, but the run key (random) and the
 * run's row's execution, times and settings (the floor keeps only its counts), on PostgreSQL.
 */
class ReportingFloorTest {
  private static final List<String> TABLES = ReportingTableNames.ROWS;
  private static final String RUN_COUNTS =
      "SELECT rows_read, rows_exploded, rows_rejected, rows_unreadable, events_written, warnings"
          + " FROM report_run";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(ReportingFloor.Mode.class)
  void theFloorWritesTheRowsTheProductsSinkWrites(ReportingFloor.Mode mode) throws Exception {
    TestDatabase db = TestDatabases.POSTGRESQL;
    new LedgerGenerator(GeneratorOptions.of(300, 10, 1)).generate(dir);
    DataSource ledger = db.createEmpty();
    new SnapshotImporter(ledger).importSnapshot(dir.resolve(LedgerGenerator.LEDGER_FILE), false);
    Path requests = dir.resolve(LedgerGenerator.REQUESTS_FILE);

    DataSource product = db.createEmpty();
    Map<String, String> job = JobFloor.everyFlagOn();
    job.put("input", requests.toString());
    job.put("ledger.db", db.jdbcUrl(ledger));
    job.put("repository.db", "jdbc:h2:" + dir.resolve("repository"));
    job.put("output", db.jdbcUrl(product));
    ExportJobRunner.run(JobSettings.of(job, LocalDate.of(2025, 1, 1)), RunObserver.NONE);

    DataSource floor = db.createEmpty();
    ReportingDatabaseSink.migrate(floor);
    try (Connection l = ledger.getConnection();
        Connection r = floor.getConnection()) {
      ReportingFloor.write(l, requests, r, GeneratorOptions.DEFAULT_MAIN_ORG, mode, "floor");
    }

    for (String table : TABLES) {
      List<String> expected = contents(product, "SELECT * FROM " + table);
      System.out.printf("[%s] %s: %d rows%n", mode, table, expected.size());
      assertThat(contents(floor, "SELECT * FROM " + table)).as(table).isEqualTo(expected);
    }
    assertThat(contents(product, "SELECT * FROM report_event")).hasSizeGreaterThan(400);
    assertThat(contents(product, "SELECT * FROM report_points")).hasSizeGreaterThan(500);
    assertThat(contents(floor, RUN_COUNTS)).isEqualTo(contents(product, RUN_COUNTS));
  }

  /** The rows of a query as text, the run key left out, sorted. */
  private static List<String> contents(DataSource dataSource, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          if (!meta.getColumnName(i).equals("run_key")) {
            row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
          }
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    return rows;
  }
}

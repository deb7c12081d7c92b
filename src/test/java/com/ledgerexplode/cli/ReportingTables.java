package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The reporting database's tables, compared row for row between two runs. */
final class ReportingTables {
  /** The reporting tables and their keys; run_key differs from run to run and is left out. */
  private static final Map<String, String> KEYS =
      Map.of(
          "report_event", "org_id, event_log_id, request_line",
          "report_points", "org_id, event_log_id, request_line, bucket, position",
          "report_reject", "request_line, kind, code, event_id, event_reference_id",
          "report_redemption", "org_id, event_log_id, request_line, position",
          "report_transfer", "org_id, event_log_id, request_line, side, position",
          "report_deduction", "org_id, event_log_id, request_line, position");

  private ReportingTables() {}

  /** The events written so far; 0 before the tables exist. */
  static long eventRows(JdbcTemplate reporting) {
    try {
      return reporting.queryForObject("select count(*) from report_event", Long.class);
    } catch (DataAccessException notYetCreated) {
      return 0;
    }
  }

  /**
   * Asserts that every table holds the rows of the expected run's, each once, and one run's row:
   * nothing lost, nothing twice.
   */
  static void assertSameRows(JdbcTemplate actual, JdbcTemplate expected) {
    for (Map.Entry<String, String> table : KEYS.entrySet()) {
      String query = "select * from " + table.getKey() + " order by " + table.getValue();
      assertThat(rowsOf(actual, query)).as(table.getKey()).isEqualTo(rowsOf(expected, query));
    }
    assertThat(actual.queryForObject("select count(*) from report_run", Long.class)).isOne();
  }

  /**
   * Every table's rows, in key order, without run_key; the run's row without its times, which
   * differ from run to run.
   */
  static Map<String, List<Map<String, Object>>> allRows(JdbcTemplate db) {
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    KEYS.forEach(
        (table, key) ->
            tables.put(table, rowsOf(db, "select * from " + table + " order by " + key)));
    List<Map<String, Object>> runs = rowsOf(db, "select * from report_run");
    runs.forEach(
        row -> {
          row.remove("start_time");
          row.remove("end_time");
        });
    tables.put("report_run", runs);
    return tables;
  }

  private static List<Map<String, Object>> rowsOf(JdbcTemplate db, String query) {
    List<Map<String, Object>> rows = db.queryForList(query);
    rows.forEach(row -> row.remove("run_key"));
    return rows;
  }
}

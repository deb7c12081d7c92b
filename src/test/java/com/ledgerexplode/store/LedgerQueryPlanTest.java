package com.ledgerexplode.store;

import com.ledgerexplode.testing.TestDatabase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement a chunk asks the ledger seeks the index led by the ids it is given, on both
 * databases. The ids of a chunk are one array and its orgs another ({@code org_id = ANY(?) AND
 * event_log_id = ANY(?)}), and the keys lead with the id (V1): H2 seeks an index by the array of
 * its first column only and checks the conditions on the rows it finds, so that it seeks the ids
 * and checks the rows found, rather than reading a whole org and checking each of its rows. On
 * tables of 30,000 rows (an event, a customer, a group each, and a row of every kind for each
 * event), asking for 100 ids spread over them, statistics taken: the plan each database chooses
 * itself, nothing switched off (on a ledger of a few thousand rows PostgreSQL rightly reads the
 * table instead).
 */
class LedgerQueryPlanTest {
  private static final long ORG = 50406;
  private static final int ROWS = 30_000;

  /** A statement of the store, the table it filters, by which column, and the index to seek. */
  private record Asked(String sql, String table, String column, String index) {}

  private static final List<Asked> STATEMENTS =
      List.of(
          events(JdbcLedgerStore.FIND_EVENTS_BY_ID, "ledger_event"),
          events(JdbcLedgerStore.LOAD_POINTS, "ledger_points"),
          events(JdbcLedgerStore.LOAD_BILLS, "ledger_bill"),
          events(JdbcLedgerStore.LOAD_LINE_ITEMS, "ledger_line_item"),
          new Asked(
              JdbcLedgerStore.LOAD_FIELDS,
              "ledger_event_field",
              "event_log_id",
              "pk_ledger_event_field"),
          events(JdbcLedgerStore.LOAD_PAYMENT_MODES, "ledger_payment_mode"),
          events(JdbcLedgerStore.LOAD_CURRENCIES, "ledger_alternate_currency"),
          new Asked(
              JdbcLedgerStore.FIND_CUSTOMERS,
              "ledger_customer",
              "customer_id",
              "pk_ledger_customer"),
          new Asked(
              JdbcLedgerStore.FIND_IDENTIFIERS,
              "ledger_identifier",
              "value_key",
              "ix_ledger_identifier_value_key"),
          new Asked(
              JdbcLedgerStore.FIND_MEMBERSHIPS,
              "ledger_group_member",
              "customer_id",
              "ix_ledger_group_member_customer"));

  private static Asked events(String sql, String table) {
    return new Asked(sql, table, "event_log_id", "pk_" + table);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void eachStatementOfAChunkSeeksTheIndexLedByItsIds(TestDatabase db) throws Exception {
    DataSource ledger = db.createEmpty();
    LedgerSchema.migrate(ledger);
    SoftAssertions softly = new SoftAssertions();
    try (Connection c = ledger.getConnection()) {
      Dialect dialect = Dialect.of(c);
      fill(c, dialect);
      List<Long> ids = LongStream.rangeClosed(1, 100).map(i -> i * (ROWS / 100)).boxed().toList();
      Array orgs = Sql.longs(c, List.of(ORG));
      Array longs = Sql.longs(c, ids);
      Array keys = Sql.texts(c, ids.stream().map(id -> "k" + id).toList());
      Array kinds = Sql.texts(c, List.of(JdbcLedgerStore.CUSTOM, JdbcLedgerStore.EXTENDED));
      for (Asked asked : STATEMENTS) {
        Array values = asked.column().equals("value_key") ? keys : longs;
        // its parameters in order: the orgs, the ids, and the kinds of fields (LOAD_FIELDS)
        List<Array> binds =
            List.of(orgs, values, kinds)
                .subList(0, (int) asked.sql().chars().filter(ch -> ch == '?').count());
        String plan = plan(c, asked.sql(), binds).toLowerCase(Locale.ROOT);
        String column = asked.column();
        if (dialect == Dialect.H2) {
          // the index's comment gives the array it seeks by
          softly
              .assertThat(plan)
              .as("%s%n%s", asked.sql(), plan)
              .containsPattern("/\\* public\\.\\w+: (\\w+\\.)?" + column + " in\\(")
              .doesNotContain(asked.table() + ".tablescan");
        } else {
          softly
              .assertThat(plan)
              .as("%s%n%s", asked.sql(), plan)
              .containsPattern("index (only )?scan (using|on) " + asked.index() + "\\b")
              .doesNotContain("seq scan on " + asked.table() + " ");
        }
      }
    }
    softly.assertAll();
  }

  /** {@link #ROWS} rows in every table a chunk reads, the ids 1 to ROWS, one org. */
  private static void fill(Connection c, Dialect dialect) throws SQLException {
    String series =
        dialect == Dialect.H2
            ? " FROM SYSTEM_RANGE(1, " + ROWS + ") AS s(x)"
            : " FROM generate_series(1, " + ROWS + ") AS s(x)";
    String org = ORG + ", x";
    try (Statement s = c.createStatement()) {
      for (String insert :
          List.of(
              "ledger_customer (org_id, customer_id) SELECT " + org,
              "ledger_identifier (org_id, customer_id, position, name, \"value\", value_key,"
                  + " source) SELECT "
                  + org
                  + ", 0, 'mobile', 'k' || x, 'k' || x, 'INSTORE'",
              "ledger_group (org_id, group_id) SELECT " + org,
              "ledger_group_member (org_id, group_id, position, customer_id) SELECT "
                  + org
                  + ", 0, x",
              "ledger_event (org_id, event_log_id, customer_id) SELECT " + org + ", x",
              "ledger_points (org_id, event_log_id, position, bucket) SELECT "
                  + org
                  + ", 0, 'REGULAR'",
              "ledger_bill (org_id, event_log_id) SELECT " + org,
              "ledger_line_item (org_id, event_log_id, position) SELECT " + org + ", 0",
              "ledger_event_field (org_id, event_log_id, kind, position, name) SELECT "
                  + org
                  + ", 'custom', 0, 'f'",
              "ledger_payment_mode (org_id, event_log_id, position, mode) SELECT "
                  + org
                  + ", 0, 'CASH'",
              "ledger_alternate_currency (org_id, event_log_id, position, name) SELECT "
                  + org
                  + ", 0, 'coins'")) {
        s.execute("INSERT INTO " + insert + series);
      }
      s.execute("ANALYZE");
    }
  }

  private static String plan(Connection c, String sql, List<Array> binds) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
      for (int i = 0; i < binds.size(); i++) {
        ps.setArray(i + 1, binds.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
    }
    return plan.toString();
  }
}

package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lookup of events by reference for the customers asking seeks by V6's indexes on both
 * databases, on a table shaped as a generated ledger is (ten events a customer, one in fourteen
 * with the shared reference {@code -1}, one customer in ten in a group) and large enough that a
 * scan, or the reference's many rows, would cost more: the plan each database chooses itself, its
 * statistics taken, nothing switched off.
 */
class ReferenceLookupPlanTest {
  private static final long ORG = 50406;
  private static final int CUSTOMERS = 2000;
  private static final int EVENTS_PER_CUSTOMER = 10;

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void eachBranchSeeksByTheCustomerOrTheGroupNotByTheSharedReference(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.createEmpty();
    LedgerSchema.migrate(dataSource);
    try (Connection c = dataSource.getConnection()) {
      fill(c);
      String plan = plan(c);
      assertThat(plan.toLowerCase(Locale.ROOT))
          .as(plan)
          .contains("ix_ledger_event_customer_reference")
          .contains("ix_ledger_event_group_reference")
          .doesNotContain("ix_ledger_event_reference_id")
          .doesNotContain("seq scan")
          .doesNotContain("tablescan");
    }
  }

  private static void fill(Connection c) throws Exception {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ledger_event (org_id, event_log_id, customer_id, group_id,"
                + " event_reference_id) VALUES (?, ?, ?, ?, ?)")) {
      long eventLogId = 0;
      for (long customer = 1; customer <= CUSTOMERS; customer++) {
        for (int e = 0; e < EVENTS_PER_CUSTOMER; e++) {
          eventLogId++;
          ps.setLong(1, ORG);
          ps.setLong(2, eventLogId);
          ps.setLong(3, customer);
          if (customer % 10 == 0) {
            ps.setLong(4, 7000 + customer / 10);
          } else {
            ps.setNull(4, Types.BIGINT);
          }
          ps.setString(
              5, eventLogId % 14 == 0 ? "-1" : String.valueOf(2_000_000_000L + eventLogId));
          ps.addBatch();
        }
        if (customer % 200 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    c.commit();
    c.setAutoCommit(autoCommit);
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    }
  }

  /** The plan of the store's statement for 100 customers and their groups, asking for -1. */
  private static String plan(Connection c) throws Exception {
    List<Long> customers = LongStream.rangeClosed(1, 100).boxed().toList();
    List<Long> groups = LongStream.rangeClosed(7001, 7010).boxed().toList();
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement ps =
        c.prepareStatement("EXPLAIN " + JdbcLedgerStore.FIND_EVENTS_BY_REFERENCE_OF)) {
      ps.setArray(1, Sql.longs(c, List.of(ORG)));
      ps.setArray(2, Sql.texts(c, List.of("-1")));
      ps.setArray(3, Sql.longs(c, customers));
      ps.setArray(4, Sql.longs(c, List.of(ORG)));
      ps.setArray(5, Sql.texts(c, List.of("-1")));
      ps.setArray(6, Sql.longs(c, groups));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
    }
    return plan.toString();
  }
}

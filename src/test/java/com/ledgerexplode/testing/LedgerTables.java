package com.ledgerexplode.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The ledger store's tables, read whole: what tests compare between two imports. */
public final class LedgerTables {
  public static final List<String> TABLES =
      List.of(
          "ledger_org",
          "ledger_org_connection",
          "ledger_customer",
          "ledger_identifier",
          "ledger_group",
          "ledger_group_member",
          "ledger_event",
          "ledger_points",
          "ledger_bill",
          "ledger_line_item",
          "ledger_event_field",
          "ledger_payment_mode",
          "ledger_alternate_currency");

  private LedgerTables() {}

  /** Every row of every ledger table, as text ({@code table|column|...}), sorted. */
  public static List<String> contents(DataSource dataSource) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder(table);
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              row.append('|').append(rs.getString(i));
            }
            rows.add(row.toString());
          }
        }
      }
    }
    rows.sort(null);
    return rows;
  }
}

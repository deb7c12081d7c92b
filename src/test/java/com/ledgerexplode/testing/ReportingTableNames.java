package com.ledgerexplode.testing;

import java.util.List;

/**
 * The reporting database's tables of rows (all but {@code report_run}), for tests that read them.
 */
public final class ReportingTableNames {
  public static final List<String> ROWS =
      List.of(
          "report_event",
          "report_points",
          "report_reject",
          "report_redemption",
          "report_transfer",
          "report_deduction");

  private ReportingTableNames() {}
}

package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.Checkpoints.ExecutionSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

  @Test
  void statusShowsAnOutputAndAFailureWithoutTheirSecrets() {
    ExecutionSummary failed =
        new ExecutionSummary(
            3,
            1,
            "FAILED",
            false,
            null,
            null,
            ExportCounts.ZERO,
            "jdbc:postgresql://etl:pw1@db/report",
            "2025-03-04",
            null,
            "Cannot connect to jdbc:postgresql://db/report?sslpassword=pw2: refused");
    StringWriter out = new StringWriter();

    StatusCommand.print(List.of(failed), new PrintWriter(out));

    assertThat(out.toString())
        .contains("jdbc:postgresql://etl:***@db/report")
        .contains("(Cannot connect to jdbc:postgresql://db/report?sslpassword=***: refused)")
        .doesNotContain("pw1")
        .doesNotContain("pw2");
  }
}

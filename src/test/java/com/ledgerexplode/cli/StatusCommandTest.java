package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.Checkpoints.ExecutionSummary;
import com.ledgerexplode.export.runs.RunningProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

  @Test
  void aStartedExecutionWhoseProcessIsGoneIsMarkedWithWhatToDo() {
    RunningProcess here = RunningProcess.current();
    RunningProcess dead = new RunningProcess(here.host(), Long.MAX_VALUE - 1, 1);
    ExecutionSummary started =
        new ExecutionSummary(
            7,
            2,
            "STARTED",
            true,
            null,
            null,
            ExportCounts.ZERO,
            "out/x.jsonl",
            "2025-03-04",
            dead,
            "");
    StringWriter out = new StringWriter();

    StatusCommand.print(List.of(started), new PrintWriter(out));

    assertThat(out.toString())
        .contains(
            "(pid "
                + dead.pid()
                + " on "
                + here.host()
                + ": that process is gone; run the same job again to continue, or recover 7)");
  }

  @Test
  void timesAreShownInUtcWithTheirZoneAndJsonGivesTheSameFacts() throws Exception {
    LocalDateTime start = LocalDateTime.of(2025, 3, 4, 2, 15, 4);
    Instant startUtc = start.atZone(ZoneId.systemDefault()).toInstant();
    ExecutionSummary done =
        new ExecutionSummary(
            3,
            1,
            "COMPLETED",
            false,
            start,
            null,
            new ExportCounts(5, 1, 0, 9, 2),
            "out/x.jsonl",
            "2025-03-04",
            null,
            "");
    StringWriter text = new StringWriter();
    StringWriter json = new StringWriter();

    StatusCommand.print(List.of(done), new PrintWriter(text));
    StatusCommand.printJson(List.of(done), new PrintWriter(json));

    assertThat(text.toString())
        .contains(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(startUtc));
    JsonNode execution = JsonMapper.builder().build().readTree(json.toString()).get(0);
    assertThat(execution.get("executionId").asLong()).isEqualTo(3);
    assertThat(execution.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(execution.get("startTime").asString()).isEqualTo(startUtc.toString());
    assertThat(execution.has("endTime")).isFalse();
    assertThat(execution.get("counts").get("rowsRead").asLong()).isEqualTo(6);
    assertThat(execution.get("counts").get("eventsWritten").asLong()).isEqualTo(9);
    assertThat(execution.get("output").asString()).isEqualTo("out/x.jsonl");
  }

  @Test
  void aLimitBelowOneIsBadUsageInOneLine() {
    Cli status = Cli.run("status", "--repository", "jdbc:h2:mem:status-limit", "--limit=-5");

    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(status.err().lines())
        .containsExactly("ledger-explode: --limit must be at least 1, not -5");
  }
}

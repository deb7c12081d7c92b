package com.ledgerexplode.cli;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.Checkpoints;
import com.ledgerexplode.export.runs.Checkpoints.ExecutionSummary;
import com.ledgerexplode.export.runs.RunningProcess;
import com.ledgerexplode.json.JsonValues;
import com.ledgerexplode.store.Secrets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JsonGenerator;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the recent executions of the export job, newest first: status, rows and events"
          + " written, start and end (UTC), output, and the process of a running one (marked"
          + " when that process is gone). --json gives the same as a JSON array.",
      "",
      "Example: status jobs/nightly.properties"
    },
    footer = {"", "Exit codes: 0 shown, 1 the job repository cannot be read, 2 bad usage."})
final class StatusCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "JOB_FILE",
      description = "A job file, to find its job repository.")
  @Nullable Path jobFile;

  @Mixin RepositoryOption repository;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "How many executions, at least 1 (default 20).")
  int limit;

  @Option(names = "--json", description = "Print the executions as a JSON array.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (limit < 1) {
      throw new UsageException("--limit must be at least 1, not " + limit);
    }
    try (Checkpoints checkpoints = repository.open(jobFile)) {
      List<ExecutionSummary> executions = checkpoints.recent(limit);
      if (json) {
        printJson(executions, spec.commandLine().getOut());
      } else {
        print(executions, spec.commandLine().getOut());
      }
    }
    return ExitCode.OK.code();
  }

  static void print(List<ExecutionSummary> executions, PrintWriter out) {
    if (executions.isEmpty()) {
      out.println("no executions");
    }
    out.printf(
        Locale.ROOT,
        "%-9s %-9s %-10s %10s %10s %-20s %-20s %s%n",
        "EXECUTION",
        "STATUS",
        "RUN DATE",
        "ROWS",
        "EVENTS",
        "START",
        "END",
        "OUTPUT");
    for (ExecutionSummary e : executions) {
      ExportCounts c = e.counts();
      out.printf(
          Locale.ROOT,
          "%-9d %-9s %-10s %10d %10d %-20s %-20s %s%s%n",
          e.executionId(),
          e.status(),
          e.runDate(),
          c.rowsRead(),
          c.eventsWritten(),
          time(e.startTime()),
          time(e.endTime()),
          Secrets.mask(e.output()),
          detail(e));
    }
    out.flush();
  }

  private static String detail(ExecutionSummary e) {
    RunningProcess process = e.process();
    if (e.running() && process != null) {
      String where = "  (pid " + process.pid() + " on " + process.host();
      if (isGone(process)) {
        return where
            + ": that process is gone; run the same job again to continue, or recover "
            + e.executionId()
            + ")";
      }
      return where + ")";
    }
    if (!e.exitDescription().isEmpty() && !e.status().equals("COMPLETED")) {
      return "  (" + Secrets.mask(e.exitDescription()) + ")";
    }
    return "";
  }

  /** A running execution whose process this host can tell is dead: a SIGKILL leaves it so. */
  private static boolean isGone(RunningProcess process) {
    return process.isOnThisHost() && !process.isAlive();
  }

  private static String time(@Nullable LocalDateTime time) {
    Instant instant = instant(time);
    return instant == null ? "-" : TIME.format(instant);
  }

  /** Spring Batch keeps times in the JVM's zone, without it; shown in UTC, with it. */
  private static @Nullable Instant instant(@Nullable LocalDateTime time) {
    return time == null ? null : Checkpoints.instant(time);
  }

  static void printJson(List<ExecutionSummary> executions, PrintWriter out) {
    try (JsonGenerator g = JsonValues.generator(out, false)) {
      g.writeStartArray();
      for (ExecutionSummary e : executions) {
        g.writeStartObject();
        g.writeNumberProperty("executionId", e.executionId());
        g.writeNumberProperty("instanceId", e.instanceId());
        g.writeStringProperty("status", e.status());
        RunningProcess process = e.process();
        if (e.running() && process != null) {
          g.writeBooleanProperty("processGone", isGone(process));
          g.writeNumberProperty("pid", process.pid());
          g.writeStringProperty("host", process.host());
        }
        g.writeStringProperty("runDate", e.runDate());
        g.writeName("counts");
        g.writeStartObject();
        e.counts().asMap().forEach((name, value) -> g.writeNumberProperty(name, (long) value));
        g.writeEndObject();
        Instant start = instant(e.startTime());
        if (start != null) {
          g.writeStringProperty("startTime", start.toString());
        }
        Instant end = instant(e.endTime());
        if (end != null) {
          g.writeStringProperty("endTime", end.toString());
        }
        g.writeStringProperty("output", Secrets.mask(e.output()));
        if (!e.exitDescription().isEmpty()) {
          g.writeStringProperty("why", Secrets.mask(e.exitDescription()));
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    out.println();
    out.flush();
  }
}

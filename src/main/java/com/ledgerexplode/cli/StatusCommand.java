package com.ledgerexplode.cli;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.Checkpoints;
import com.ledgerexplode.export.runs.Checkpoints.ExecutionSummary;
import com.ledgerexplode.store.Secrets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
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

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the recent executions of the export job, newest first: status, rows and events"
          + " written, start and end, output, and the process of a running one.",
      "",
      "Example: status jobs/nightly.properties"
    },
    footer = {"", "Exit codes: 0 shown, 1 the job repository cannot be read, 2 bad usage."})
final class StatusCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "JOB_FILE",
      description = "A job file, to find its job repository.")
  @Nullable Path jobFile;

  @Mixin RepositoryOption repository;

  @Option(names = "--limit", defaultValue = "20", description = "How many executions (default 20).")
  int limit;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Checkpoints checkpoints = repository.open(jobFile)) {
      print(checkpoints.recent(limit), spec.commandLine().getOut());
    }
    return ExitCode.OK.code();
  }

  static void print(List<ExecutionSummary> executions, PrintWriter out) {
    if (executions.isEmpty()) {
      out.println("no executions");
    }
    out.printf(
        Locale.ROOT,
        "%-9s %-9s %-10s %10s %10s %-19s %-19s %s%n",
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
          "%-9d %-9s %-10s %10d %10d %-19s %-19s %s%s%n",
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
    if (e.running() && e.process() != null) {
      return "  (pid " + e.process().pid() + " on " + e.process().host() + ")";
    }
    if (!e.exitDescription().isEmpty() && !e.status().equals("COMPLETED")) {
      return "  (" + Secrets.mask(e.exitDescription()) + ")";
    }
    return "";
  }

  private static String time(@Nullable LocalDateTime time) {
    return time == null ? "-" : TIME.format(time);
  }
}

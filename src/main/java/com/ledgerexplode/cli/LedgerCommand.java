package com.ledgerexplode.cli;

import com.ledgerexplode.generate.GenerationSummary;
import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.store.ImportReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = "Tools around the ledger store: import a snapshot, generate a synthetic one.",
    subcommands = {LedgerCommand.Import.class, LedgerCommand.Generate.class})
final class LedgerCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: import or generate");
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Creates or migrates the ledger schema and loads a ledger snapshot (JSON Lines).",
        "A record already there is replaced by the snapshot's version: loading the same snapshot"
            + " twice changes nothing. A file with a bad line is not imported at all (the lines are"
            + " listed), unless --skip-bad-lines: a line that is no valid record, a negative or zero"
            + " id, a second record of one key, a reference to an org, customer or group that"
            + " neither the file (in any order) nor the ledger has."
      },
      footer = {
        "",
        "Exit codes: 0 imported, 1 bad lines or a database failure, 2 bad usage or an empty"
            + " snapshot."
      })
  static final class Import implements Callable<Integer> {
    @Mixin LedgerDatabaseOption ledgerDb;

    @Option(
        names = "--skip-bad-lines",
        description = "Import the valid lines and list those skipped, instead of importing none.")
    boolean skipBadLines;

    @Parameters(paramLabel = "SNAPSHOT.jsonl", description = "The ledger snapshot to load.")
    Path snapshot;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      try (var database = ledgerDb.open()) {
        ImportReport report = database.importer().importSnapshot(snapshot, skipBadLines);
        double seconds = Math.max(report.elapsed().toNanos() / 1e9, 1e-9);
        err.printf(
            Locale.ROOT,
            "imported %s: %d lines, %d orgs, %d customers, %d groups, %d events in %.1f s"
                + " (%.0f lines/s)%n",
            snapshot,
            report.linesRead(),
            report.orgs(),
            report.customers(),
            report.groups(),
            report.events(),
            seconds,
            report.linesRead() / seconds);
        if (report.skippedLines() > 0) {
          err.printf("skipped %d bad lines:%n", report.skippedLines());
          report.skipped().forEach(line -> err.println("  " + line));
        }
        err.flush();
        return ExitCode.OK.code();
      }
    }
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Writes a synthetic, realistic ledger snapshot (ledger.jsonl) and a matching requests CSV"
            + " (requests.csv) into a directory, the same bytes for the same seed and sizes."
      })
  static final class Generate implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write.")
    Path out;

    @Option(
        names = "--customers",
        defaultValue = "1000",
        description = "How many customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(
        names = "--events-per-customer",
        defaultValue = "10",
        description = "Events per customer (default ${DEFAULT-VALUE}).")
    int eventsPerCustomer;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--unreadable-every",
        defaultValue = "0",
        paramLabel = "ROWS",
        description =
            "Add a record that cannot be read as a row (more cells than the header) after every"
                + " ROWS request rows; 0 (default) keeps the CSV well-formed.")
    int unreadableEvery;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (customers < 1 || eventsPerCustomer < 0 || unreadableEvery < 0) {
        throw new UsageException(
            "--customers must be at least 1, --events-per-customer and --unreadable-every at"
                + " least 0");
      }
      long start = System.nanoTime();
      GenerationSummary summary =
          new LedgerGenerator(
                  GeneratorOptions.of(customers, eventsPerCustomer, seed)
                      .withUnreadableEvery(unreadableEvery))
              .generate(out);
      double seconds = (System.nanoTime() - start) / 1e9;
      spec.commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "generated %s: %d customers, %d events (%d bytes); %s: %d request rows, %d"
                  + " unreadable records; in %.1f s%n",
              out.resolve(LedgerGenerator.LEDGER_FILE),
              summary.customers(),
              summary.events(),
              summary.ledgerBytes(),
              out.resolve(LedgerGenerator.REQUESTS_FILE),
              summary.requestRows(),
              summary.unreadableRecords(),
              seconds);
      return ExitCode.OK.code();
    }
  }
}

package com.ledgerexplode.cli;

import com.ledgerexplode.export.job.ExportJobRunner;
import com.ledgerexplode.export.job.RunControl;
import com.ledgerexplode.export.job.RunReport;
import com.ledgerexplode.export.runs.AlreadyCompletedException;
import com.ledgerexplode.export.settings.ExportFiles;
import com.ledgerexplode.export.settings.JobSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the export job of a job file: the requests CSV exploded to JSON Lines files or to a"
          + " reporting database. Run again with the same settings after a failure, a stop or a"
          + " crash, and it continues from the last checkpoint.",
      "",
      "Example: run jobs/nightly.properties runDate=2025-03-04 chunkSize=500"
    },
    footer = {
      "",
      "Secrets come from the environment only:",
      "  LEDGER_DB_, REPOSITORY_DB_, REPORTING_DB_ + USER and PASSWORD: database logins",
      "  LEDGER_API_TOKEN (Bearer), else LEDGER_API_USER and LEDGER_API_PASSWORD",
      "  (Basic): the credential of ledger.api",
      "",
      "Exit codes:",
      "  0 completed",
      "  1 failed (run again to continue)",
      "  2 bad settings (nothing ran)",
      "  3 already running",
      "  4 already completed (change runDate or output to run again)",
      "  6 stopped at a chunk boundary by stop, SIGTERM or SIGINT (run again)"
    })
final class RunCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "JOB_FILE",
      description = "A job file, e.g. jobs/sample.properties.")
  Path jobFile;

  @Parameters(
      index = "1..*",
      paramLabel = "key=value",
      description = "Settings that override the job file's (any of its keys).")
  List<String> overrides = new ArrayList<>();

  @Mixin ProgressOption progress;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    JobSettings settings = JobSettings.load(jobFile, overrides);
    return runAndReport(settings, spec, progress.seconds);
  }

  /**
   * Runs these settings with progress and a summary on standard error, and the run's log in its log
   * file.
   */
  static int runAndReport(
      JobSettings settings, picocli.CommandLine.Model.CommandSpec spec, int progressSeconds)
      throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    boolean debug = Main.debugAsked(spec.root().commandLine().getParseResult());
    try (RunLog log = RunLog.open(settings.logFile(), debug)) {
      Log.LOG.info(
          "{} starts ({}): {}",
          spec.name(),
          new Main.Version().getVersion()[0],
          RunLog.describe(settings));
      RunControl control = new RunControl();
      StopOnSignal signals = StopOnSignal.install(control, err);
      try (HeapWatch heap = HeapWatch.start()) {
        ProgressPrinter progress = new ProgressPrinter(err, progressSeconds);
        RunReport report = ExportJobRunner.run(settings, log.announcedTo(err, progress), control);
        progress.summary(report, heap);
        return ExitCode.OK.code();
      } catch (AlreadyCompletedException e) {
        AlreadyCompletedException said = withManifestHint(e, settings);
        logFailure(said);
        throw said;
      } catch (Exception e) {
        logFailure(e);
        throw e;
      } finally {
        signals.close();
      }
    }
  }

  /** A completed JSON Lines run whose manifest is gone is told how to write it again. */
  private static AlreadyCompletedException withManifestHint(
      AlreadyCompletedException completed, JobSettings settings) {
    if (settings.outputIsDatabase()) {
      return completed;
    }
    Path manifest = ExportFiles.manifest(settings.outputPath());
    return Files.exists(manifest) ? completed : completed.withoutManifest(manifest);
  }

  /** The logger, got at a run's first line rather than when picocli builds this command. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
  }

  /** What standard error says of a run that did not complete, with the cause's stack trace. */
  private static void logFailure(Exception failure) {
    int exitCode = Failures.exitCode(failure);
    if (exitCode == ExitCode.FAILED.code()) {
      Log.LOG.error("the run failed: {}", failure.getMessage(), failure);
    } else if (exitCode == ExitCode.STOPPED.code()) {
      Log.LOG.warn("the run {}", failure.getMessage());
    } else {
      Log.LOG.warn("the run did not start: {}", failure.toString());
    }
  }
}

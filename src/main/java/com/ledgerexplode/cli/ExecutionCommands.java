package com.ledgerexplode.cli;

import com.ledgerexplode.export.runs.Checkpoints;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.export.sink.Manifest;
import com.ledgerexplode.export.sink.ManifestWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands that operate one execution: restart, recover, stop, manifest. */
final class ExecutionCommands {
  private ExecutionCommands() {}

  /** The execution and where to find it, common to the three commands. */
  static final class Target {
    @Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "As status shows it.")
    long executionId;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "JOB_FILE",
        description = "The job file, to find its job repository.")
    @Nullable Path jobFile;

    @Mixin RepositoryOption repository;

    Checkpoints open() throws Exception {
      return repository.open(jobFile);
    }
  }

  @Command(
      name = "restart",
      mixinStandardHelpOptions = true,
      description = {
        "Runs a failed or stopped execution's settings again, from its last checkpoint (as run"
            + " with the same settings would).",
        "",
        "Example: restart 12 jobs/nightly.properties"
      },
      footer = {
        "",
        "Exit codes: 0 completed, 1 failed, 2 bad usage or no such execution, 3 already running,",
        "4 already completed."
      })
  static final class Restart implements Callable<Integer> {
    @Mixin Target target;

    @Mixin ProgressOption progress;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      JobSettings settings;
      try (Checkpoints checkpoints = target.open()) {
        settings = checkpoints.settingsOf(target.executionId);
      }
      return RunCommand.runAndReport(settings, spec, progress.seconds);
    }
  }

  @Command(
      name = "recover",
      mixinStandardHelpOptions = true,
      description = {
        "Marks an execution whose process died (it stays STARTED after a kill) FAILED, with its"
            + " running steps, so that run or restart continues it from its last checkpoint. A rerun"
            + " on the same host does this itself; this is for a run that died on another host.",
        "",
        "Example: recover 12 jobs/nightly.properties"
      },
      footer = {
        "",
        "Exit codes: 0 recovered, 2 not running or no such execution,",
        "3 its process is alive on this host (use stop)."
      })
  static final class Recover implements Callable<Integer> {
    @Mixin Target target;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (Checkpoints checkpoints = target.open()) {
        checkpoints.recover(target.executionId);
      }
      spec.commandLine()
          .getOut()
          .printf(
              "execution %d marked FAILED; run the same job file again to continue%n",
              target.executionId);
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = {
        "Asks a running execution to stop after its current chunk; it ends STOPPED and a later run"
            + " with the same settings continues it.",
        "",
        "Example: stop 12 jobs/nightly.properties"
      },
      footer = {"", "Exit codes: 0 asked, 2 not running or no such execution."})
  static final class Stop implements Callable<Integer> {
    @Mixin Target target;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (Checkpoints checkpoints = target.open()) {
        checkpoints.stop(target.executionId);
      }
      spec.commandLine()
          .getOut()
          .printf("execution %d asked to stop after its current chunk%n", target.executionId);
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "manifest",
      mixinStandardHelpOptions = true,
      description = {
        "Writes again the manifest of a completed run whose manifest is gone (deleted, or lost"
            + " with a disk): first verifies its export and rejects files against the run's last"
            + " checkpoint (sizes, and SHA-256 of their whole content), then writes the manifest"
            + " from that checkpoint's counts. A file that is missing or not what the run wrote is"
            + " refused, and nothing is written.",
        "",
        "Example: manifest 12 jobs/nightly.properties"
      },
      footer = {
        "",
        "Exit codes: 0 written, 2 no such execution, not completed, not a JSON Lines export,",
        "or its files are not what the run wrote."
      })
  static final class WriteManifest implements Callable<Integer> {
    @Mixin Target target;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Checkpoints.CompletedRun run;
      try (Checkpoints checkpoints = target.open()) {
        run = checkpoints.completedRun(target.executionId);
      }
      Path written =
          ManifestWriter.rewrite(
              run.settings().outputPath(),
              new Manifest(
                  run.executionId(),
                  "COMPLETED",
                  run.startTime(),
                  run.endTime(),
                  run.settings().toMap(),
                  run.counts()),
              run.exportCheckpoint());
      spec.commandLine()
          .getOut()
          .printf(
              "%s written: the files of execution %d are those its checkpoint committed%n",
              written, run.executionId());
      return ExitCode.OK.code();
    }
  }
}

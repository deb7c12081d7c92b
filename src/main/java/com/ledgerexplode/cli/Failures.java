package com.ledgerexplode.cli;

import com.ledgerexplode.explode.ScopeRefusedException;
import com.ledgerexplode.export.runs.AlreadyCompletedException;
import com.ledgerexplode.export.runs.AlreadyRunningException;
import com.ledgerexplode.export.runs.NotRecoverableException;
import com.ledgerexplode.export.settings.InvalidSettingsException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** The one place where a failure becomes a line on standard error and an exit code. */
final class Failures {
  private Failures() {}

  static int report(Exception failure, PrintWriter err, boolean debug) {
    Throwable cause = unwrap(failure);
    err.println("ledger-explode: " + message(cause));
    if (debug) {
      cause.printStackTrace(err);
    } else if (exitCode(cause) == ExitCode.FAILED.code() && !expected(cause)) {
      err.println("(run again with --debug for the stack trace)");
    }
    err.flush();
    return exitCode(cause);
  }

  static int exitCode(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof CommandFailedException failed) {
      return failed.exitCode().code();
    }
    if (cause instanceof AlreadyRunningException) {
      return ExitCode.ALREADY_RUNNING.code();
    }
    if (cause instanceof AlreadyCompletedException) {
      return ExitCode.ALREADY_COMPLETED.code();
    }
    if (cause instanceof UsageException
        || cause instanceof InvalidSettingsException
        || cause instanceof NotRecoverableException
        || cause instanceof ScopeRefusedException
        || cause instanceof NoSuchFileException
        || cause instanceof picocli.CommandLine.ParameterException) {
      return ExitCode.USAGE.code();
    }
    return ExitCode.FAILED.code();
  }

  private static boolean expected(Throwable cause) {
    return cause instanceof CommandFailedException
        || cause.getClass().getPackageName().startsWith("com.ledgerexplode");
  }

  private static String message(Throwable cause) {
    if (cause instanceof NoSuchFileException missing) {
      return "file not found: " + missing.getFile();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof UncheckedIOException
            || cause instanceof java.util.concurrent.CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}

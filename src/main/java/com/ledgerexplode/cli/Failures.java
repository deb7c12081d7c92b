package com.ledgerexplode.cli;

import com.ledgerexplode.explode.ScopeRefusedException;
import com.ledgerexplode.export.requests.RequestsChangedException;
import com.ledgerexplode.export.runs.AlreadyCompletedException;
import com.ledgerexplode.export.runs.AlreadyRunningException;
import com.ledgerexplode.export.runs.Causes;
import com.ledgerexplode.export.runs.NotRecoverableException;
import com.ledgerexplode.export.runs.RunStoppedException;
import com.ledgerexplode.export.settings.InvalidSettingsException;
import com.ledgerexplode.export.sink.ExportLockedException;
import com.ledgerexplode.export.sink.ExportNotOursException;
import com.ledgerexplode.serve.InvalidCredentialsException;
import com.ledgerexplode.store.EmptySnapshotException;
import com.ledgerexplode.store.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;

/**
 * The one place where a failure becomes an exit code, and the line on standard error that {@link
 * Causes} words for it.
 */
final class Failures {
  private Failures() {}

  static int report(Exception failure, PrintWriter err, boolean debug) {
    Throwable cause = Causes.shown(failure);
    err.println("ledger-explode: " + Causes.message(cause));
    if (debug) {
      // a trace repeats the messages of every cause, any of which may name a URL with its secret
      StringWriter trace = new StringWriter();
      cause.printStackTrace(new PrintWriter(trace));
      err.print(Secrets.mask(trace.toString()));
    } else if (exitCode(cause) == ExitCode.FAILED.code() && !expected(cause)) {
      err.println("(run again with --debug for the stack trace)");
    }
    err.flush();
    return exitCode(cause);
  }

  static int exitCode(Throwable failure) {
    Throwable cause = Causes.shown(failure);
    if (cause instanceof CommandFailedException failed) {
      return failed.exitCode().code();
    }
    if (cause instanceof AlreadyRunningException || cause instanceof ExportLockedException) {
      return ExitCode.ALREADY_RUNNING.code();
    }
    if (cause instanceof AlreadyCompletedException) {
      return ExitCode.ALREADY_COMPLETED.code();
    }
    if (cause instanceof RunStoppedException) {
      return ExitCode.STOPPED.code();
    }
    if (cause instanceof UsageException
        || cause instanceof InvalidSettingsException
        || cause instanceof NotRecoverableException
        || cause instanceof RequestsChangedException
        || cause instanceof ExportNotOursException
        || cause instanceof ScopeRefusedException
        || cause instanceof InvalidCredentialsException
        || cause instanceof NoSuchFileException
        || cause instanceof EmptySnapshotException
        || cause instanceof picocli.CommandLine.ParameterException) {
      return ExitCode.USAGE.code();
    }
    return ExitCode.FAILED.code();
  }

  private static boolean expected(Throwable cause) {
    return cause instanceof CommandFailedException
        || cause.getClass().getPackageName().startsWith("com.ledgerexplode");
  }
}

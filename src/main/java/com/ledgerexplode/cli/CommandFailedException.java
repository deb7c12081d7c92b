package com.ledgerexplode.cli;

/** A command ends with an exit code other than success, for a reason said in one line. */
public final class CommandFailedException extends RuntimeException {
  private final ExitCode exitCode;

  public CommandFailedException(ExitCode exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}

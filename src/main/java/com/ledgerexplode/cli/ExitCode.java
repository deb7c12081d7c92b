package com.ledgerexplode.cli;

/** The process's exit codes, documented in README; one place maps outcomes to them. */
public enum ExitCode {
  /** The command did what it was asked: a run completed, a request was answered. */
  OK(0),
  /** It failed: a run failed, a database was lost, a file was bad. */
  FAILED(1),
  /** Bad usage or settings: nothing was done. */
  USAGE(2),
  /** The job with these settings is already running. */
  ALREADY_RUNNING(3),
  /** The job with these settings has already completed. */
  ALREADY_COMPLETED(4),
  /** {@code explode}: the API answered the request with an error. */
  REJECTED(5),
  /**
   * The run stopped at a chunk boundary (by {@code stop}, SIGTERM or SIGINT); the same command
   * continues it.
   */
  STOPPED(6);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}

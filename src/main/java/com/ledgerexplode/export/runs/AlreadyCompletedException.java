package com.ledgerexplode.export.runs;

/** The run with these settings has completed: nothing was started. */
public final class AlreadyCompletedException extends RuntimeException {
  public AlreadyCompletedException(long executionId) {
    super(
        "already completed (execution " + executionId + "); change runDate or output to run again",
        null,
        false,
        false);
  }
}

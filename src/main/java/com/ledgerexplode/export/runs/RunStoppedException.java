package com.ledgerexplode.export.runs;

/**
 * An execution ended STOPPED at a chunk boundary (by {@code stop}, SIGTERM or SIGINT); the same
 * command continues it from that checkpoint.
 */
public final class RunStoppedException extends RuntimeException {
  private final long executionId;

  public RunStoppedException(long executionId) {
    super(
        "stopped (execution "
            + executionId
            + "); run the same command again to continue from the last checkpoint",
        null,
        false,
        false);
    this.executionId = executionId;
  }

  public long executionId() {
    return executionId;
  }
}

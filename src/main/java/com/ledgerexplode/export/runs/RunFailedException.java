package com.ledgerexplode.export.runs;

import org.jspecify.annotations.Nullable;

/** An execution ended FAILED (or could not start); the message says why and how to continue. */
public final class RunFailedException extends RuntimeException {
  private final long executionId;

  public RunFailedException(long executionId, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.executionId = executionId;
  }

  public long executionId() {
    return executionId;
  }
}

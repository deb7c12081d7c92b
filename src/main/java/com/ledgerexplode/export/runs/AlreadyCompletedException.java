package com.ledgerexplode.export.runs;

import java.nio.file.Path;

/** The run with these settings has completed: nothing was started. */
public final class AlreadyCompletedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long executionId;

  public AlreadyCompletedException(long executionId) {
    this(
        executionId,
        "already completed (execution " + executionId + "); change runDate or output to run again");
  }

  private AlreadyCompletedException(long executionId, String message) {
    super(message, null, false, false);
    this.executionId = executionId;
  }

  /** The completed run's, whose manifest is not there: says how to write it again. */
  public AlreadyCompletedException withoutManifest(Path manifest) {
    return new AlreadyCompletedException(
        executionId,
        "already completed (execution "
            + executionId
            + "), but its manifest "
            + manifest
            + " is missing: 'manifest "
            + executionId
            + "' with the same job file verifies the files and writes it again");
  }
}

package com.ledgerexplode.export.runs;

/**
 * The run with these settings has an execution that is, or may be, still running: nothing was
 * started.
 */
public final class AlreadyRunningException extends RuntimeException {
  public AlreadyRunningException(String message) {
    super(message, null, false, false);
  }
}

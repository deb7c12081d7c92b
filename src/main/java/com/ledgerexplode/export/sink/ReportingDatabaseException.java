package com.ledgerexplode.export.sink;

/**
 * A statement of the reporting database that failed (its schema's migration, a chunk's rows, the
 * run's row), so that a failure says which of the run's databases it came from.
 */
public final class ReportingDatabaseException extends RuntimeException {
  public ReportingDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}

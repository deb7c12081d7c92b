package com.ledgerexplode.export.requests;

/**
 * The header of the requests CSV names a column that is not an API parameter, or names one twice:
 * the job fails before any row is read.
 */
public final class UnknownColumnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownColumnException(String message) {
    super(message);
  }
}

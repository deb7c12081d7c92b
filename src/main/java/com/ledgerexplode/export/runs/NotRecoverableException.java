package com.ledgerexplode.export.runs;

/** An execution that is not running was asked to be recovered or stopped. */
public final class NotRecoverableException extends RuntimeException {
  public NotRecoverableException(String message) {
    super(message, null, false, false);
  }
}

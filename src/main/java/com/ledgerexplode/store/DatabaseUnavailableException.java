package com.ledgerexplode.store;

/** A database that cannot be reached; the message names it (never with a password) and why. */
public final class DatabaseUnavailableException extends RuntimeException {
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

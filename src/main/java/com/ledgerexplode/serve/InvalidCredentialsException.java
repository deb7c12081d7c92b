package com.ledgerexplode.serve;

/** The credentials file (or the environment's credential) cannot be read: one line says why. */
public final class InvalidCredentialsException extends RuntimeException {
  public InvalidCredentialsException(String message) {
    super(message);
  }
}

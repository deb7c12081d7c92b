package com.ledgerexplode.cli;

/** Bad usage or settings, said in one line; nothing was done. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message, null, false, false);
  }
}

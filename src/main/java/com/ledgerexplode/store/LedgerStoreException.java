package com.ledgerexplode.store;

/** A statement of the ledger store that failed; the message says which work and why. */
public final class LedgerStoreException extends RuntimeException {
  public LedgerStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

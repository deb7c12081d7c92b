package com.ledgerexplode.vendor;

/** A row the API did not answer, so that its chunk fails; the message names the row's line. */
public abstract class VendorApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long line;

  VendorApiException(long line, String message) {
    super((line < 1 ? "before the first row" : "line " + line) + ": " + message);
    this.line = line;
  }

  /** The row's line in the requests file; 0 for the request asked before any row's. */
  public long line() {
    return line;
  }
}

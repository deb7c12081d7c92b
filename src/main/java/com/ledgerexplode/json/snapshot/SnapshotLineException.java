package com.ledgerexplode.json.snapshot;

/** A line of a ledger snapshot that is not a valid record: where, and exactly what is wrong. */
public final class SnapshotLineException extends Exception {
  private final long line;
  private final String reason;

  public SnapshotLineException(long line, String reason) {
    super("line " + line + ": " + reason);
    this.line = line;
    this.reason = reason;
  }

  /** The line's number in the file, the first line being 1. */
  public long line() {
    return line;
  }

  /** What is wrong with it, without the line number. */
  public String reason() {
    return reason;
  }
}

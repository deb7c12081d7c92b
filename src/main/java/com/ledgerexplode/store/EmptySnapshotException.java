package com.ledgerexplode.store;

/** A snapshot without a record (no line, or blank ones only): nothing to import, nothing was. */
public final class EmptySnapshotException extends RuntimeException {
  public EmptySnapshotException(String snapshot, long lines) {
    super(
        snapshot
            + (lines == 0 ? " is empty" : " has only blank lines")
            + ": no record to import; nothing was imported");
  }
}

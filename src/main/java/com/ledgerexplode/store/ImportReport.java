package com.ledgerexplode.store;

import java.time.Duration;
import java.util.List;

/**
 * What an import did: the lines of the file, the records imported of each kind (a record that
 * replaced one already there counts as imported), the bad lines skipped and how long it took.
 *
 * @param linesRead every line of the file, blank ones included
 * @param skippedLines how many bad lines were skipped
 * @param skipped the first {@link SnapshotImporter#MAX_REPORTED_LINES} of them, by line number
 */
public record ImportReport(
    long linesRead,
    long orgs,
    long customers,
    long groups,
    long events,
    long skippedLines,
    List<BadLine> skipped,
    Duration elapsed) {

  public ImportReport {
    skipped = List.copyOf(skipped);
  }

  public long recordsImported() {
    return orgs + customers + groups + events;
  }

  /** A line that was not a valid record, and why. */
  public record BadLine(long line, String reason) {
    @Override
    public String toString() {
      return "line " + line + ": " + reason;
    }
  }
}

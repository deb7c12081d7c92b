package com.ledgerexplode.store;

import java.util.List;

/**
 * A snapshot with bad lines, not imported at all: the message lists the first {@value #LISTED} bad
 * lines ({@code line 7: ...}) and counts the rest.
 */
public final class SnapshotRejectedException extends RuntimeException {
  public static final int LISTED = 20;

  private final long badLineCount;
  private final List<ImportReport.BadLine> badLines;

  public SnapshotRejectedException(
      String snapshot, long badLineCount, List<ImportReport.BadLine> badLines) {
    super(message(snapshot, badLineCount, badLines));
    this.badLineCount = badLineCount;
    this.badLines = List.copyOf(badLines);
  }

  /** How many bad lines the file has. */
  public long badLineCount() {
    return badLineCount;
  }

  /** The first of them (as many as the importer keeps). */
  public List<ImportReport.BadLine> badLines() {
    return badLines;
  }

  private static String message(
      String snapshot, long badLineCount, List<ImportReport.BadLine> badLines) {
    StringBuilder message =
        new StringBuilder(snapshot)
            .append(": ")
            .append(badLineCount)
            .append(badLineCount == 1 ? " bad line" : " bad lines")
            .append("; nothing was imported");
    badLines.stream()
        .limit(LISTED)
        .forEach(bad -> message.append(System.lineSeparator()).append(bad));
    long more = badLineCount - Math.min(LISTED, badLines.size());
    if (more > 0) {
      message.append(System.lineSeparator()).append("... and ").append(more).append(" more");
    }
    return message.toString();
  }
}

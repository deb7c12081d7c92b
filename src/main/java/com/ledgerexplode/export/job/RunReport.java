package com.ledgerexplode.export.job;

import com.ledgerexplode.export.outcome.ExportCounts;
import java.time.Duration;
import java.util.List;

/**
 * A completed run: its execution, its counts in all (across restarts), those this process added,
 * and how long this process took, and where the output went (the three files, or the database).
 */
public record RunReport(
    long executionId,
    ExportCounts counts,
    ExportCounts before,
    Duration elapsed,
    List<String> outputs) {

  public RunReport {
    outputs = List.copyOf(outputs);
  }

  /** Rows written by this process. */
  public long rowsThisRun() {
    return counts.rowsRead() - before.rowsRead();
  }

  /** Events written by this process. */
  public long eventsThisRun() {
    return counts.eventsWritten() - before.eventsWritten();
  }
}

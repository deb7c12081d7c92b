package com.ledgerexplode.export.job;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.RunningProcess;

/**
 * Hears how a run goes, for the operator's progress output; called on the step's thread. Every
 * method does nothing by default.
 */
public interface RunObserver {
  RunObserver NONE = new RunObserver() {};

  /**
   * The run starts (or continues) as this execution; {@code inputBytes} is the requests file's
   * size, -1 when unknown (the file is never read ahead to count its rows).
   */
  default void started(long executionId, long inputBytes, ExportCounts before) {}

  /**
   * The requests file is read up to this byte offset: once after {@link #started} (where a
   * continued run resumes; 0 for a new one), then after each chunk, following its {@link
   * #chunkWritten}.
   */
  default void inputRead(long offset) {}

  /** A chunk was written; the counts are the run's so far, across restarts. */
  default void chunkWritten(ExportCounts counts) {}

  /** A run whose process died was marked FAILED so that this run continues it. */
  default void recovered(long executionId, RunningProcess dead) {}

  /**
   * A database was lost: the run waits and tries again from its last checkpoint. The message says,
   * in one line, which database, why, how long the wait is and until when the run retries.
   */
  default void retrying(String message) {}
}

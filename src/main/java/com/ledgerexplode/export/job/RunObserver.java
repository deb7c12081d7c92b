package com.ledgerexplode.export.job;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.RunningProcess;

/**
 * Hears how a run goes, for the operator's progress output; called on the step's thread. Every
 * method does nothing by default.
 */
public interface RunObserver {
  RunObserver NONE = new RunObserver() {};

  /** The run starts (or continues) as this execution; {@code rowsTotal} is -1 when unknown. */
  default void started(long executionId, long rowsTotal, ExportCounts before) {}

  /** A chunk was written; the counts are the run's so far, across restarts. */
  default void chunkWritten(ExportCounts counts) {}

  /** A run whose process died was marked FAILED so that this run continues it. */
  default void recovered(long executionId, RunningProcess dead) {}
}

package com.ledgerexplode.cli;

import com.ledgerexplode.export.job.RunObserver;
import com.ledgerexplode.export.job.RunReport;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.RunningProcess;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Progress of a run on standard error: rows done of total, rows/s, ETA; a summary at the end. */
final class ProgressPrinter implements RunObserver {
  private static final long MB = 1024 * 1024;
  private final PrintWriter err;
  private final long intervalNanos;
  private long total = -1;
  private long startNanos = System.nanoTime();
  private long lastPrint = startNanos;
  private ExportCounts before = ExportCounts.ZERO;

  ProgressPrinter(PrintWriter err, int intervalSeconds) {
    this.err = err;
    this.intervalNanos = intervalSeconds <= 0 ? Long.MAX_VALUE : intervalSeconds * 1_000_000_000L;
  }

  @Override
  public void recovered(long executionId, RunningProcess dead) {
    err.printf(
        "execution %d (pid %d) had died; marked FAILED, continuing from its last checkpoint%n",
        executionId, dead.pid());
    err.flush();
  }

  @Override
  public void started(long executionId, long rowsTotal, ExportCounts counts) {
    total = rowsTotal;
    before = counts;
    startNanos = System.nanoTime();
    lastPrint = startNanos;
    if (counts.rowsRead() > 0) {
      err.printf(
          Locale.ROOT,
          "execution %d continues after row %,d of %s%n",
          executionId,
          counts.rowsRead(),
          total < 0 ? "?" : String.format(Locale.ROOT, "%,d", total));
    } else {
      err.printf(Locale.ROOT, "execution %d started%n", executionId);
    }
    err.flush();
  }

  @Override
  public void chunkWritten(ExportCounts counts) {
    long now = System.nanoTime();
    if (intervalNanos == Long.MAX_VALUE || now - lastPrint < intervalNanos) {
      return;
    }
    lastPrint = now;
    double seconds = (now - startNanos) / 1e9;
    double rate = (counts.rowsRead() - before.rowsRead()) / Math.max(seconds, 1e-9);
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "%,d", counts.rowsRead()));
    if (total >= 0) {
      line.append(
          String.format(Locale.ROOT, " of %,d rows (%.1f%%)", total, percent(counts.rowsRead())));
    } else {
      line.append(" rows");
    }
    line.append(
        String.format(Locale.ROOT, ", %,.0f rows/s, %,d events", rate, counts.eventsWritten()));
    if (total >= 0 && rate > 0) {
      line.append(", ETA ")
          .append(clock(Duration.ofSeconds((long) ((total - counts.rowsRead()) / rate))));
    }
    err.println(line);
    err.flush();
  }

  void summary(RunReport report, HeapWatch heap) {
    ExportCounts c = report.counts();
    double seconds = Math.max(report.elapsed().toNanos() / 1e9, 1e-9);
    err.printf(
        Locale.ROOT,
        "completed (execution %d): %,d rows read (%,d exploded, %,d rejected, %,d unreadable),"
            + " %,d events, %,d warnings%n",
        report.executionId(),
        c.rowsRead(),
        c.rowsExploded(),
        c.rowsRejected(),
        c.rowsUnreadable(),
        c.eventsWritten(),
        c.warnings());
    err.printf(
        Locale.ROOT,
        "this run: %,d rows, %,d events in %s: %,.0f rows/s, %,.0f events/s, peak heap %d MB"
            + " (at most %d MB after a GC)%n",
        report.rowsThisRun(),
        report.eventsThisRun(),
        clock(report.elapsed()),
        report.rowsThisRun() / seconds,
        report.eventsThisRun() / seconds,
        heap.peakBytes() / MB,
        heap.afterGcBytes() / MB);
    err.println("output: " + String.join(", ", report.outputs()));
    err.flush();
  }

  private double percent(long done) {
    return total <= 0 ? 100.0 : 100.0 * done / total;
  }

  private static String clock(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return String.format(
        Locale.ROOT,
        "%d:%02d:%02d",
        duration.toHours(),
        duration.toMinutesPart(),
        duration.toSecondsPart());
  }
}

package com.ledgerexplode.cli;

import com.ledgerexplode.export.job.RunObserver;
import com.ledgerexplode.export.job.RunReport;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.RunningProcess;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a run on standard error: rows done, how far through the requests file (by bytes, so
 * that no row count is needed beforehand), rows/s, ETA; a summary at the end.
 */
final class ProgressPrinter implements RunObserver {
  private static final long MB = 1024 * 1024;
  private final PrintWriter err;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private long inputBytes = -1;
  private long startNanos;
  private long lastPrint;
  private ExportCounts before = ExportCounts.ZERO;
  private ExportCounts latest = ExportCounts.ZERO;

  /** Where this execution started in the requests file; -1 until known. */
  private long offsetAtStart = -1;

  ProgressPrinter(PrintWriter err, int intervalSeconds) {
    this(err, intervalSeconds, System::nanoTime);
  }

  ProgressPrinter(PrintWriter err, int intervalSeconds, LongSupplier nanoTime) {
    this.err = err;
    this.intervalNanos = intervalSeconds <= 0 ? Long.MAX_VALUE : intervalSeconds * 1_000_000_000L;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.lastPrint = startNanos;
  }

  @Override
  public void recovered(long executionId, RunningProcess dead) {
    err.printf(
        "execution %d (pid %d) had died; marked FAILED, continuing from its last checkpoint%n",
        executionId, dead.pid());
    err.flush();
  }

  @Override
  public void retrying(String message) {
    err.println(message);
    err.flush();
  }

  @Override
  public void started(long executionId, long inputBytes, ExportCounts counts) {
    this.inputBytes = inputBytes;
    before = counts;
    latest = counts;
    offsetAtStart = -1;
    startNanos = nanoTime.getAsLong();
    lastPrint = startNanos;
    if (counts.rowsRead() > 0) {
      err.printf(
          Locale.ROOT, "execution %d continues after row %,d%n", executionId, counts.rowsRead());
    } else {
      err.printf(Locale.ROOT, "execution %d started%n", executionId);
    }
    err.flush();
  }

  @Override
  public void chunkWritten(ExportCounts counts) {
    latest = counts;
  }

  @Override
  public void inputRead(long offset) {
    if (offsetAtStart < 0) {
      offsetAtStart = offset;
      return;
    }
    long now = nanoTime.getAsLong();
    if (intervalNanos == Long.MAX_VALUE || now - lastPrint < intervalNanos) {
      return;
    }
    lastPrint = now;
    double seconds = Math.max((now - startNanos) / 1e9, 1e-9);
    double rate = (latest.rowsRead() - before.rowsRead()) / seconds;
    double bytesPerSecond = (offset - offsetAtStart) / seconds;
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "%,d rows", latest.rowsRead()));
    if (inputBytes > 0) {
      line.append(
          String.format(
              Locale.ROOT,
              " (%.1f%% of %s)",
              Math.min(100.0, 100.0 * offset / inputBytes),
              size(inputBytes)));
    }
    line.append(
        String.format(Locale.ROOT, ", %,.0f rows/s, %,d events", rate, latest.eventsWritten()));
    if (inputBytes > 0 && bytesPerSecond > 0) {
      long remaining = Math.max(0, inputBytes - offset);
      line.append(", ETA ").append(clock(Duration.ofSeconds((long) (remaining / bytesPerSecond))));
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

  private static String size(long bytes) {
    return bytes < MB
        ? String.format(Locale.ROOT, "%,d bytes", bytes)
        : String.format(Locale.ROOT, "%,.1f MB", (double) bytes / MB);
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

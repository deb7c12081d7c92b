package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.outcome.ExportCounts;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private static final long MB = 1024 * 1024;
  private static final long SECOND = 1_000_000_000L;

  private final StringWriter out = new StringWriter();
  private long now;
  private final ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out), 5, () -> now);

  private static ExportCounts rows(long read, long events) {
    return new ExportCounts(read, 0, 0, events, 0);
  }

  @Test
  void progressIsTheShareOfTheRequestsFileReadByBytesWithRowsPerSecondAndAnEta() {
    printer.started(7, 4 * MB, ExportCounts.ZERO);
    printer.inputRead(0);
    now = 10 * SECOND;
    printer.chunkWritten(rows(1_000, 2_500));
    printer.inputRead(MB);

    assertThat(out.toString().lines())
        .containsExactly(
            "execution 7 started",
            "1,000 rows (25.0% of 4.0 MB), 100 rows/s, 2,500 events, ETA 30.0 s");
  }

  @Test
  void aContinuedRunCountsItsRateAndEtaFromWhereItResumed() {
    printer.started(8, 4 * MB, rows(1_000, 2_500));
    printer.inputRead(2 * MB);
    now = 10 * SECOND;
    printer.chunkWritten(rows(1_500, 3_000));
    printer.inputRead(3 * MB);

    assertThat(out.toString().lines())
        .containsExactly(
            "execution 8 continues after row 1,000",
            "1,500 rows (75.0% of 4.0 MB), 50 rows/s, 3,000 events, ETA 10.0 s");
  }

  @Test
  void withoutTheFilesSizeProgressIsRowsAlone() {
    printer.started(9, -1, ExportCounts.ZERO);
    printer.inputRead(0);
    now = 10 * SECOND;
    printer.chunkWritten(rows(1_000, 2_500));
    printer.inputRead(MB);

    assertThat(out.toString().lines())
        .containsExactly("execution 9 started", "1,000 rows, 100 rows/s, 2,500 events");
  }

  @Test
  void aLineIsPrintedAtMostOncePerInterval() {
    printer.started(10, 4 * MB, ExportCounts.ZERO);
    printer.inputRead(0);
    now = 4 * SECOND;
    printer.chunkWritten(rows(1_000, 2_500));
    printer.inputRead(MB);
    now = 5 * SECOND;
    printer.chunkWritten(rows(2_000, 5_000));
    printer.inputRead(2 * MB);
    now = 9 * SECOND;
    printer.chunkWritten(rows(3_000, 7_500));
    printer.inputRead(3 * MB);

    assertThat(out.toString().lines())
        .containsExactly(
            "execution 10 started",
            "2,000 rows (50.0% of 4.0 MB), 400 rows/s, 5,000 events, ETA 5.0 s");
  }
}

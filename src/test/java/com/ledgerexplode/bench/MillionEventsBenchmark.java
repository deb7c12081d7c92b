package com.ledgerexplode.bench;

import static com.ledgerexplode.bench.BenchmarkSupport.IMPORTED;
import static com.ledgerexplode.bench.BenchmarkSupport.THIS_RUN;
import static com.ledgerexplode.bench.BenchmarkSupport.child;
import static com.ledgerexplode.bench.BenchmarkSupport.clockSeconds;
import static com.ledgerexplode.bench.BenchmarkSupport.exportJob;
import static com.ledgerexplode.bench.BenchmarkSupport.generate;
import static com.ledgerexplode.bench.BenchmarkSupport.h2;
import static com.ledgerexplode.bench.BenchmarkSupport.jobFile;
import static com.ledgerexplode.bench.BenchmarkSupport.log;
import static com.ledgerexplode.bench.BenchmarkSupport.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.bench.BenchmarkSupport.Child;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The product's figures on a generated ledger of {@code benchmark.customers} customers with 10
 * events each (100,000: 1,000,000 events), beside a reference of {@code
 * benchmark.referenceCustomers} (1,000: 10,000 events) measured in the same run: {@code ledger
 * import} into an H2 file and into PostgreSQL, and the export job over the generated requests CSV
 * (JSON Lines with the ledger on H2, on PostgreSQL, and the reporting database on PostgreSQL), each
 * command in a child JVM ({@code -Xmx256m} for the job) so that its heap is its own. It prints a
 * table and asserts nothing about speed: it fails only when a command fails or when the exports on
 * H2 and on PostgreSQL differ.
 *
 * <p>Skipped unless {@code -Dbenchmark=true}; see bench/README.md.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class MillionEventsBenchmark {
  private static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 100_000);
  private static final int REFERENCE_CUSTOMERS =
      Integer.getInteger("benchmark.referenceCustomers", 1_000);
  private static final int EVENTS_PER_CUSTOMER = 10;
  private static final long SEED = Long.getLong("benchmark.seed", 1);
  private static final String JOB_HEAP = System.getProperty("benchmark.jobHeap", "256m");
  private static final String SMALL_JOB_HEAP = System.getProperty("benchmark.smallJobHeap", "128m");
  private static final String IMPORT_HEAP = System.getProperty("benchmark.importHeap", "1g");
  private static final Path DIR = Path.of(System.getProperty("benchmark.dir", "target/benchmark"));

  private final TestDatabase postgres = TestDatabases.POSTGRESQL;
  private final List<Figure> figures = new ArrayList<>();

  @Test
  void printsImportAndExportFiguresBesideTheReference() throws Exception {
    log(
        "benchmark: %,d and %,d customers x %d events, seed %d, %d cores, job -Xmx%s",
        REFERENCE_CUSTOMERS,
        CUSTOMERS,
        EVENTS_PER_CUSTOMER,
        SEED,
        Runtime.getRuntime().availableProcessors(),
        JOB_HEAP);
    measure(REFERENCE_CUSTOMERS, false);
    measure(CUSTOMERS, true);
    printTable();
  }

  private void measure(int customers, boolean main) throws Exception {
    String size = String.format(Locale.ROOT, "%,d", customers * EVENTS_PER_CUSTOMER);
    Path dir = DIR.resolve(Integer.toString(customers)).toAbsolutePath();
    generate(dir, customers, EVENTS_PER_CUSTOMER, SEED, size + ": ");
    Path ledger = dir.resolve(LedgerGenerator.LEDGER_FILE);
    Path requests = dir.resolve(LedgerGenerator.REQUESTS_FILE);

    String h2Ledger = h2(dir.resolve("db/ledger"));
    String pgLedger = newPostgres();
    importInto(size + " import, H2", h2Ledger, ledger, dir);
    importInto(size + " import, PostgreSQL", pgLedger, ledger, dir);

    Map<String, String> job = exportJob(requests);

    Path onH2 = dir.resolve("out-h2/export.jsonl");
    run(
        size + " job JSONL, ledger H2",
        JOB_HEAP,
        dir,
        with(job, h2Ledger, h2(dir.resolve("db/repository")), onH2));
    Path onPg = dir.resolve("out-pg/export.jsonl");
    run(size + " job JSONL, ledger PG", JOB_HEAP, dir, with(job, pgLedger, newPostgres(), onPg));
    assertThat(Files.mismatch(onH2, onPg))
        .as("the exports on H2 and PostgreSQL differ")
        .isEqualTo(-1);
    run(
        size + " job reporting PG",
        JOB_HEAP,
        dir,
        with(job, pgLedger, newPostgres(), newPostgres()));
    if (main) {
      Path small = dir.resolve("out-small/export.jsonl");
      run(
          size + " job JSONL, ledger PG, -Xmx" + SMALL_JOB_HEAP,
          SMALL_JOB_HEAP,
          dir,
          with(job, pgLedger, newPostgres(), small));
      assertThat(Files.mismatch(onPg, small)).as("the export in less heap differs").isEqualTo(-1);
    }
  }

  private void importInto(String workload, String url, Path ledger, Path dir) throws Exception {
    Child child = child(dir, IMPORT_HEAP, "ledger", "import", "--db", url, ledger.toString());
    Matcher m = IMPORTED.matcher(child.err());
    assertThat(m.find()).as(child.err()).isTrue();
    long lines = Long.parseLong(m.group(1));
    long events = Long.parseLong(m.group(2));
    double seconds = Double.parseDouble(m.group(3));
    add(new Figure(workload, lines, events, seconds, child.seconds(), -1, -1));
  }

  private void run(String workload, String heap, Path dir, Map<String, String> settings)
      throws Exception {
    Path jobFile = jobFile(dir, settings);
    Child child = child(dir, heap, "run", jobFile.toString(), "--progress-seconds=60");
    Matcher m = THIS_RUN.matcher(child.err());
    assertThat(m.find()).as(child.err()).isTrue();
    add(
        new Figure(
            workload,
            Long.parseLong(m.group(1).replace(",", "")),
            Long.parseLong(m.group(2).replace(",", "")),
            clockSeconds(m.group(3)),
            child.seconds(),
            Long.parseLong(m.group(4)),
            Long.parseLong(m.group(5))));
  }

  private void add(Figure figure) {
    figures.add(figure);
    log("%s", figure.row());
  }

  private static Map<String, String> with(
      Map<String, String> job, String ledgerDb, String repositoryDb, Object output)
      throws IOException {
    Map<String, String> settings = new LinkedHashMap<>(job);
    settings.put("ledger.db", ledgerDb);
    settings.put("repository.db", repositoryDb);
    settings.put("output", output.toString());
    return settings;
  }

  private String newPostgres() {
    return postgres.jdbcUrl(postgres.createEmpty());
  }

  private void printTable() {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%n%-44s %12s %12s %9s %9s %10s %11s %10s %10s%n",
            "workload",
            "rows",
            "events",
            "seconds",
            "wall s",
            "rows/s",
            "events/s",
            "peak heap",
            "after GC"));
    figures.forEach(f -> table.append(f.row()).append('\n'));
    String reference = String.format(Locale.ROOT, "%,d", REFERENCE_CUSTOMERS * EVENTS_PER_CUSTOMER);
    String large = String.format(Locale.ROOT, "%,d", CUSTOMERS * EVENTS_PER_CUSTOMER);
    table.append(String.format(Locale.ROOT, "%nratios %s / %s:%n", large, reference));
    for (Figure big : figures) {
      if (!big.workload.startsWith(large + " ")) {
        continue;
      }
      String kind = big.workload.substring(large.length());
      figures.stream()
          .filter(f -> f.workload.equals(reference + kind))
          .findFirst()
          .ifPresent(small -> table.append(ratios(kind.strip(), big, small)));
    }
    System.out.println(table);
    System.out.flush();
  }

  private static String ratios(String kind, Figure big, Figure small) {
    String heap =
        big.peakHeapMb < 0
            ? ""
            : String.format(
                Locale.ROOT,
                ", peak heap x%.2f (%d MB / %d MB), after GC x%.2f (%d MB / %d MB)",
                (double) big.peakHeapMb / small.peakHeapMb,
                big.peakHeapMb,
                small.peakHeapMb,
                (double) big.afterGcMb / Math.max(small.afterGcMb, 1),
                big.afterGcMb,
                small.afterGcMb);
    return String.format(
        Locale.ROOT,
        "  %-38s events/s x%.2f%s%n",
        kind,
        big.eventsPerSecond() / small.eventsPerSecond(),
        heap);
  }

  /**
   * One measured command: its own figures (rows read and events written, the seconds it reports),
   * the child JVM's wall time (start-up included), its peak heap and the most heap in use after a
   * GC (-1 when not reported).
   */
  private record Figure(
      String workload,
      long rows,
      long events,
      double seconds,
      double wallSeconds,
      long peakHeapMb,
      long afterGcMb) {

    double eventsPerSecond() {
      return events / Math.max(seconds, 1e-9);
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "%-44s %,12d %,12d %9.1f %9.1f %,10.0f %,11.0f %10s %10s",
          workload,
          rows,
          events,
          seconds,
          wallSeconds,
          rows / Math.max(seconds, 1e-9),
          eventsPerSecond(),
          megabytes(peakHeapMb),
          megabytes(afterGcMb));
    }

    private static String megabytes(long mb) {
      return mb < 0 ? "-" : mb + " MB";
    }
  }
}

package com.ledgerexplode.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.store.Databases;
import com.ledgerexplode.store.ImportReport;
import com.ledgerexplode.store.LedgerSchema;
import com.ledgerexplode.store.SnapshotImporter;
import com.ledgerexplode.testing.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The product's {@code ledger import} against the hand-written floor ({@link ImportFloor}), on a
 * generated ledger of {@code benchmark.customers} customers with 10 events each (20,000: 200,000
 * events), into an empty store each time: H2 (a file) and PostgreSQL (the tests' embedded server),
 * interleaved and repeated {@code benchmark.repeats} times, in this JVM. The schema is created
 * before the clock starts for both. Prints seconds, lines/s and the product's speed as a share of
 * the floor's (floor seconds / product seconds, by the medians); asserts nothing about speed.
 *
 * <p>Skipped unless {@code -Dbenchmark=true}: {@code mvn -o test -Dbenchmark=true
 * -Dtest=ImportFloorBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ImportFloorBenchmark {
  private static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 20_000);
  private static final int REPEATS = Integer.getInteger("benchmark.repeats", 3);
  private static final Path DIR =
      Path.of(System.getProperty("benchmark.dir", "target/benchmark-import")).toAbsolutePath();

  private enum Workload {
    H2_PRODUCT("H2, ledger import"),
    H2_FLOOR_BATCH("H2, floor (batched inserts)"),
    PG_PRODUCT("PostgreSQL, ledger import"),
    PG_FLOOR_COPY("PostgreSQL, floor (COPY)"),
    PG_FLOOR_BATCH("PostgreSQL, floor (batched inserts)");

    final String label;

    Workload(String label) {
      this.label = label;
    }

    boolean h2() {
      return name().startsWith("H2");
    }
  }

  @Test
  void printsTheImportBesideItsFloor() throws Exception {
    delete(DIR);
    Files.createDirectories(DIR);
    new LedgerGenerator(GeneratorOptions.of(CUSTOMERS, 10, 1)).generate(DIR);
    Path ledger = DIR.resolve(LedgerGenerator.LEDGER_FILE);
    long lines;
    try (Stream<String> all = Files.lines(ledger)) {
      lines = all.count();
    }
    log(
        "import benchmark: %,d customers x 10 events, %,d lines (%,d MiB), %d repeats, %d cores",
        CUSTOMERS,
        lines,
        Files.size(ledger) >> 20,
        REPEATS,
        Runtime.getRuntime().availableProcessors());
    Map<Workload, List<Double>> seconds = new LinkedHashMap<>();
    int run = 0;
    for (int repeat = 1; repeat <= REPEATS; repeat++) {
      for (Workload workload : Workload.values()) {
        double s = measure(workload, ledger, run++);
        seconds.computeIfAbsent(workload, w -> new ArrayList<>()).add(s);
        log("run %d, %-36s %6.1f s  %,9.0f lines/s", repeat, workload.label, s, lines / s);
      }
    }
    log("medians:");
    Map<Workload, Double> median = new LinkedHashMap<>();
    for (Map.Entry<Workload, List<Double>> e : seconds.entrySet()) {
      List<Double> sorted = new ArrayList<>(e.getValue());
      sorted.sort(Comparator.naturalOrder());
      median.put(e.getKey(), sorted.get(sorted.size() / 2));
      log(
          "  %-36s %6.1f s  %,9.0f lines/s  (runs: %s)",
          e.getKey().label, median.get(e.getKey()), lines / median.get(e.getKey()), e.getValue());
    }
    log(
        "H2: ledger import at %.0f%% of the floor (batched inserts)",
        100 * median.get(Workload.H2_FLOOR_BATCH) / median.get(Workload.H2_PRODUCT));
    log(
        "PostgreSQL: ledger import at %.0f%% of the COPY floor, %.0f%% of the batched floor",
        100 * median.get(Workload.PG_FLOOR_COPY) / median.get(Workload.PG_PRODUCT),
        100 * median.get(Workload.PG_FLOOR_BATCH) / median.get(Workload.PG_PRODUCT));
  }

  /** One import into an empty store whose schema is there; the seconds it took. */
  private static double measure(Workload workload, Path ledger, int run) throws Exception {
    String url =
        workload.h2()
            ? "jdbc:h2:file:" + DIR.resolve("h2-" + run + "/ledger")
            : TestDatabases.POSTGRESQL.jdbcUrl(TestDatabases.POSTGRESQL.createEmpty());
    try (HikariDataSource dataSource = Databases.open(url, "LEDGER_DB", Map.of())) {
      LedgerSchema.migrate(dataSource);
      System.gc();
      long start = System.nanoTime();
      if (workload == Workload.H2_PRODUCT || workload == Workload.PG_PRODUCT) {
        ImportReport report = new SnapshotImporter(dataSource).importSnapshot(ledger, false);
        assertThat(report.skippedLines()).isZero();
      } else {
        try (Connection c = dataSource.getConnection()) {
          ImportFloor.load(
              c,
              ledger,
              workload == Workload.PG_FLOOR_COPY ? ImportFloor.Mode.COPY : ImportFloor.Mode.BATCH);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!workload.h2()) {
        try (Connection c = dataSource.getConnection();
            Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA public CASCADE"); // frees the disk for the next runs
          s.execute("CREATE SCHEMA public");
        }
      }
      return seconds;
    } finally {
      if (workload.h2()) {
        delete(DIR.resolve("h2-" + run));
      }
    }
  }

  private static void log(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}

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
 * interleaved and repeated {@code benchmark.repeats} times (the product first, then last), in this
 * JVM. The schema is created, and the writes of the run before are let reach the disk (a
 * checkpoint, a sync), before the clock starts. Beside the wall clock it prints the CPU seconds
 * used (this JVM's and PostgreSQL's server's): on a shared machine the wall clock is mostly
 * waiting. Prints seconds, lines/s and the product's speed as a share of the floor's (floor seconds
 * / product seconds, by the medians); asserts nothing about speed.
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
    Map<Workload, List<Double>> cpuSeconds = new LinkedHashMap<>();
    int run = 0;
    for (int repeat = 1; repeat <= REPEATS; repeat++) {
      for (Workload workload : order(repeat)) {
        double[] s = measure(workload, ledger, run++);
        seconds.computeIfAbsent(workload, w -> new ArrayList<>()).add(s[0]);
        cpuSeconds.computeIfAbsent(workload, w -> new ArrayList<>()).add(s[1] + s[2]);
        log(
            "run %d, %-36s %6.1f s  %,9.0f lines/s  CPU %6.1f s (JVM %.1f, PostgreSQL %.1f)",
            repeat, workload.label, s[0], lines / s[0], s[1] + s[2], s[1], s[2]);
      }
    }
    ratios("wall clock", medians("medians, wall clock:", seconds, lines));
    ratios(
        "CPU", medians("medians, CPU (the JVM's and PostgreSQL's server's):", cpuSeconds, lines));
  }

  /**
   * The workloads of a repeat: the product before its floors on odd repeats, after them on even
   * ones, so that neither side always follows the other.
   */
  private static List<Workload> order(int repeat) {
    if (repeat % 2 == 1) {
      return List.of(Workload.values());
    }
    return List.of(
        Workload.H2_FLOOR_BATCH,
        Workload.H2_PRODUCT,
        Workload.PG_FLOOR_COPY,
        Workload.PG_FLOOR_BATCH,
        Workload.PG_PRODUCT);
  }

  /**
   * Lets the writes of the run before reach the disk before the clock starts (PostgreSQL's
   * checkpoint, the files' write-back), so that a run does not pay for the one before it.
   */
  private static void settle(HikariDataSource dataSource, boolean postgres) throws Exception {
    if (postgres) {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("CHECKPOINT");
      }
    }
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }

  private static void ratios(String by, Map<Workload, Double> m) {
    log(
        "by %s: H2: ledger import at %.0f%% of the floor (batched inserts); PostgreSQL: at %.0f%%"
            + " of the COPY floor, %.0f%% of the batched floor",
        by,
        100 * m.get(Workload.H2_FLOOR_BATCH) / m.get(Workload.H2_PRODUCT),
        100 * m.get(Workload.PG_FLOOR_COPY) / m.get(Workload.PG_PRODUCT),
        100 * m.get(Workload.PG_FLOOR_BATCH) / m.get(Workload.PG_PRODUCT));
  }

  private static Map<Workload, Double> medians(
      String title, Map<Workload, List<Double>> seconds, long lines) {
    log(title);
    Map<Workload, Double> median = new LinkedHashMap<>();
    for (Map.Entry<Workload, List<Double>> e : seconds.entrySet()) {
      List<Double> sorted = new ArrayList<>(e.getValue());
      sorted.sort(Comparator.naturalOrder());
      median.put(e.getKey(), sorted.get(sorted.size() / 2));
      log(
          "  %-36s %6.1f s  %,9.0f lines/s  (runs: %s)",
          e.getKey().label, median.get(e.getKey()), lines / median.get(e.getKey()), e.getValue());
    }
    return median;
  }

  /**
   * CPU seconds this JVM has used (every thread: the import's, H2's, the collector's; the JIT's
   * too, alike for both sides once warm).
   */
  private static double jvmCpu() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /**
   * CPU seconds the PostgreSQL server of this connection has used: its postmaster (with the
   * children it reaped) and its live children (backends, writers), from /proc; 0 off Linux.
   */
  private static double serverCpu(Connection c) throws Exception {
    long backend;
    try (Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      backend = rs.getLong(1);
    }
    Path status = Path.of("/proc/" + backend + "/status");
    if (!Files.exists(status)) {
      return 0;
    }
    long postmaster = 0;
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("PPid:")) {
        postmaster = Long.parseLong(line.substring(5).trim());
      }
    }
    long ticks = ticks(postmaster, true);
    try (Stream<Path> all = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) all::iterator) {
        String name = proc.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit)) {
          try {
            if (field(Files.readString(proc.resolve("stat")), 1) == postmaster) {
              ticks += ticks(Long.parseLong(name), false);
            }
          } catch (IOException | RuntimeException gone) {
            // a process that ended meanwhile
          }
        }
      }
    }
    return ticks / 100.0; // USER_HZ
  }

  /** utime + stime (and with {@code reaped}, cutime + cstime) of a process, in clock ticks. */
  private static long ticks(long pid, boolean reaped) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    long ticks = field(stat, 11) + field(stat, 12);
    return reaped ? ticks + field(stat, 13) + field(stat, 14) : ticks;
  }

  /** A numeric field of /proc/PID/stat, counted from the state (0) after the command's name. */
  private static long field(String stat, int index) {
    String rest = stat.substring(stat.lastIndexOf(')') + 2);
    int start = 0;
    for (int i = 0; i < index; i++) {
      start = rest.indexOf(' ', start) + 1;
    }
    int end = rest.indexOf(' ', start);
    return Long.parseLong(rest.substring(start, end < 0 ? rest.length() : end).trim());
  }

  /**
   * One import into an empty store whose schema is there: the seconds it took, the JVM's CPU
   * seconds and PostgreSQL's.
   */
  private static double[] measure(Workload workload, Path ledger, int run) throws Exception {
    String url =
        workload.h2()
            ? "jdbc:h2:file:" + DIR.resolve("h2-" + run + "/ledger")
            : TestDatabases.POSTGRESQL.jdbcUrl(TestDatabases.POSTGRESQL.createEmpty());
    try (HikariDataSource dataSource = Databases.open(url, "LEDGER_DB", Map.of())) {
      LedgerSchema.migrate(dataSource);
      settle(dataSource, !workload.h2());
      System.gc();
      double serverBefore = 0;
      if (!workload.h2()) {
        try (Connection c = dataSource.getConnection()) {
          serverBefore = serverCpu(c);
        }
      }
      double cpuBefore = jvmCpu();
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
      double cpu = jvmCpu() - cpuBefore;
      double server = 0;
      if (!workload.h2()) {
        try (Connection c = dataSource.getConnection()) {
          server = serverCpu(c) - serverBefore;
        }
        try (Connection c = dataSource.getConnection();
            Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA public CASCADE"); // frees the disk for the next runs
          s.execute("CREATE SCHEMA public");
        }
      }
      return new double[] {seconds, cpu, server};
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

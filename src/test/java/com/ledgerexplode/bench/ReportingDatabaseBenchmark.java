package com.ledgerexplode.bench;

import static com.ledgerexplode.bench.BenchmarkSupport.clockSeconds;
import static com.ledgerexplode.bench.BenchmarkSupport.log;
import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The export job into the PostgreSQL reporting database, the ledger on (the same embedded)
 * PostgreSQL: a generated ledger ({@code benchmark.report.customers} customers x 10 events: 50,000
 * by default), {@link BenchmarkSupport#exportJob} (bill and points breakup, chunks of 500), the job
 * repository on H2; each run a child JVM ({@code -Xmx256m}). Each of {@code
 * benchmark.report.repeats} rounds runs the job into a new empty reporting database, then (given
 * {@code benchmark.report.baseline}, a directory of the product's classes as built before) the same
 * with those classes, then into a JSON Lines file (the same job but for its sink); it prints the
 * run's own clock (its summary) and the wall time of each, and their medians.
 *
 * <p>Skipped unless {@code -Dbenchmark=true}: {@code mvn test -Dbenchmark=true
 * -Dtest=ReportingDatabaseBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ReportingDatabaseBenchmark {
  private static final int CUSTOMERS = Integer.getInteger("benchmark.report.customers", 5_000);
  private static final int REPEATS = Integer.getInteger("benchmark.report.repeats", 3);
  private static final long SEED = Long.getLong("benchmark.seed", 1);
  private static final String HEAP = System.getProperty("benchmark.jobHeap", "256m");

  /** A directory of the product's classes to run beside these ({@code target/classes}), or null. */
  private static final @Nullable String BASELINE = System.getProperty("benchmark.report.baseline");

  /** More options of the job's JVMs (a profiler's, say), blank-separated. */
  private static final String JVM_OPTIONS = System.getProperty("benchmark.report.jvmOptions", "");

  private static final Path DIR =
      Path.of(System.getProperty("benchmark.report.dir", "target/benchmark-report"));

  @Test
  void printsTheJobIntoThePostgresqlReportingDatabase() throws Exception {
    Path dir = DIR.toAbsolutePath();
    BenchmarkSupport.generate(dir, CUSTOMERS, 10, SEED, "");
    TestDatabase postgres = TestDatabases.POSTGRESQL;
    String ledger = postgres.jdbcUrl(postgres.createEmpty());
    BenchmarkSupport.child(
        dir,
        HEAP,
        "ledger",
        "import",
        "--db",
        ledger,
        dir.resolve(LedgerGenerator.LEDGER_FILE).toString());
    String classPath = BenchmarkSupport.classPath();
    Map<String, List<Double>> clocks = new LinkedHashMap<>();
    Map<String, List<Double>> walls = new LinkedHashMap<>();
    int runs = 0;
    for (int r = 0; r < REPEATS; r++) {
      Map<String, String[]> outputs = new LinkedHashMap<>();
      outputs.put(
          "PostgreSQL reporting database",
          new String[] {postgres.jdbcUrl(postgres.createEmpty()), classPath});
      String baseline = BASELINE;
      if (baseline != null) {
        outputs.put(
            "PostgreSQL reporting database, baseline classes",
            new String[] {
              postgres.jdbcUrl(postgres.createEmpty()),
              classPath.replace(Path.of("target/classes").toAbsolutePath().toString(), baseline)
            });
      }
      outputs.put(
          "JSON Lines file",
          new String[] {dir.resolve("out-" + r + "/export.jsonl").toString(), classPath});
      for (Map.Entry<String, String[]> output : outputs.entrySet()) {
        Map<String, String> job =
            BenchmarkSupport.exportJob(dir.resolve(LedgerGenerator.REQUESTS_FILE));
        job.put("ledger.db", ledger);
        job.put("repository.db", BenchmarkSupport.h2(dir.resolve("db/repository-" + runs++)));
        job.put("output", output.getValue()[0]);
        BenchmarkSupport.Child run =
            run(dir, output.getValue()[1], BenchmarkSupport.jobFile(dir, job).toString());
        Matcher summary = BenchmarkSupport.THIS_RUN.matcher(run.err());
        assertThat(summary.find()).as(run.err()).isTrue();
        double clock = clockSeconds(summary.group(3));
        clocks.computeIfAbsent(output.getKey(), k -> new ArrayList<>()).add(clock);
        walls.computeIfAbsent(output.getKey(), k -> new ArrayList<>()).add(run.seconds());
        log(
            "round %d into the %s: %s rows, %s events, %.2f s by its clock, %.2f s wall",
            r, output.getKey(), summary.group(1), summary.group(2), clock, run.seconds());
      }
    }
    for (String output : clocks.keySet()) {
      log(
          "into the %s, the ledger on PostgreSQL, %d customers x 10, %d runs: median %.2f s by"
              + " the run's clock, %.2f s wall",
          output, CUSTOMERS, REPEATS, median(clocks.get(output)), median(walls.get(output)));
    }
  }

  /** {@code run JOB_FILE} in a child JVM of this class path; fails unless it exits 0. */
  private static BenchmarkSupport.Child run(Path dir, String classPath, String jobFile)
      throws Exception {
    ProcessBuilder builder = BenchmarkSupport.childProcess(dir, HEAP, Map.of(), "run", jobFile);
    List<String> command = new ArrayList<>(builder.command());
    command.set(command.indexOf("-cp") + 1, classPath);
    if (!JVM_OPTIONS.isBlank()) {
      command.addAll(1, List.of(JVM_OPTIONS.trim().split("\\s+")));
    }
    Path log = Files.createTempFile(dir, "child", ".log");
    long start = System.nanoTime();
    int code =
        builder
            .command(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start()
            .waitFor();
    double seconds = BenchmarkSupport.seconds(start);
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    return new BenchmarkSupport.Child(text, seconds);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}

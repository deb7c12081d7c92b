package com.ledgerexplode.bench.floor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.generate.GenerationSummary;
import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The export job beside its hand-written floor ({@link JobFloor}) on one generated ledger ({@code
 * benchmark.floor.customers} customers x 10 events: 200,000 by default), every API flag on by
 * default, the ledger on H2 and on PostgreSQL: the start (a one-row run) and the whole requests
 * file, each command in a child JVM ({@code -Xmx256m}), product and floor interleaved {@code
 * benchmark.floor.repeats} times, medians of the wall times. It prints the table and whether each
 * goal is met (start under 2x the floor's, 85% of the floor's speed end to end) or by how much it
 * is missed; it fails only if a command fails or the floor's bytes are not within 1% of the
 * product's.
 *
 * <p>Skipped unless {@code -Dbenchmark=true}: {@code mvn test -Dbenchmark=true
 * -Dtest=JobFloorBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class JobFloorBenchmark {
  private static final int CUSTOMERS = Integer.getInteger("benchmark.floor.customers", 20_000);
  private static final int REPEATS = Integer.getInteger("benchmark.floor.repeats", 3);
  private static final long SEED = Long.getLong("benchmark.seed", 1);
  private static final String HEAP = System.getProperty("benchmark.jobHeap", "256m");
  private static final Path DIR =
      Path.of(System.getProperty("benchmark.floor.dir", "target/benchmark-floor"));
  private static final Pattern EVENTS = Pattern.compile("this run: [\\d,]+ rows, ([\\d,]+) events");

  private static int runs;

  @Test
  void printsTheJobBesideItsFloor() throws Exception {
    Path dir = DIR.toAbsolutePath();
    delete(dir);
    GenerationSummary generated =
        new LedgerGenerator(GeneratorOptions.of(CUSTOMERS, 10, SEED)).generate(dir);
    Path requests = dir.resolve(LedgerGenerator.REQUESTS_FILE);
    log(
        "floor benchmark: %,d events, %,d request rows, seed %d, %d cores, -Xmx%s, %d repeats",
        generated.events(),
        generated.requestRows(),
        SEED,
        Runtime.getRuntime().availableProcessors(),
        HEAP,
        REPEATS);
    TestDatabase postgres = TestDatabases.POSTGRESQL;
    Map<String, String> ledgers = new LinkedHashMap<>();
    ledgers.put("H2", "jdbc:h2:file:" + dir.resolve("db/ledger"));
    ledgers.put("PostgreSQL", postgres.jdbcUrl(postgres.createEmpty()));
    for (String url : ledgers.values()) {
      product(
          dir,
          "ledger",
          "import",
          "--db",
          url,
          dir.resolve(LedgerGenerator.LEDGER_FILE).toString());
    }
    Path oneRow = dir.resolve("one-row.csv");
    List<String> lines = Files.readAllLines(requests, UTF_8);

    List<String> table = new ArrayList<>();
    for (Map.Entry<String, String> ledger : ledgers.entrySet()) {
      String db = ledger.getKey();
      String url = ledger.getValue();
      List<Double> productAll = new ArrayList<>();
      List<Double> floorAll = new ArrayList<>();
      List<Double> productOne = new ArrayList<>();
      List<Double> floorOne = new ArrayList<>();
      long events = 0;
      for (int r = 0; r < REPEATS; r++) {
        Path productOut = dir.resolve("out/" + db + "-product-" + r + "/export.jsonl");
        Path floorOut = dir.resolve("out/" + db + "-floor-" + r + "/export.jsonl");
        Child p = runProduct(dir, url, requests, productOut, "all-" + db + r);
        productAll.add(p.seconds);
        Child f = runFloor(dir, url, requests, floorOut);
        floorAll.add(f.seconds);
        events = events(p.out);
        checkBytes(db, productOut, floorOut);
        if (r == 0) {
          // the one row: the first that the export answers
          String first = Files.readAllLines(productOut, UTF_8).get(0);
          Matcher line = Pattern.compile("\"line\":(\\d+)").matcher(first);
          assertThat(line.find()).isTrue();
          Files.write(
              oneRow, List.of(lines.get(0), lines.get(Integer.parseInt(line.group(1)) - 1)), UTF_8);
        }
      }
      for (int r = 0; r < REPEATS; r++) {
        Path productOut = dir.resolve("out/" + db + "-product-one-" + r + "/export.jsonl");
        Path floorOut = dir.resolve("out/" + db + "-floor-one-" + r + "/export.jsonl");
        productOne.add(runProduct(dir, url, oneRow, productOut, "one-" + db + r).seconds);
        floorOne.add(runFloor(dir, url, oneRow, floorOut).seconds);
        checkBytes(db, productOut, floorOut);
      }
      double pOne = median(productOne);
      double fOne = median(floorOne);
      double pAll = median(productAll);
      double fAll = median(floorAll);
      table.add(
          String.format(
              Locale.ROOT,
              "%-11s %8.2f %8.2f %7.2fx %s   %9.2f %9.2f %9.0f %9.0f %6.0f%% %s",
              db,
              pOne,
              fOne,
              pOne / fOne,
              goal(pOne / fOne <= 2, pOne / fOne / 2),
              pAll,
              fAll,
              events / pAll,
              events / fAll,
              100 * fAll / pAll,
              goal(fAll / pAll >= 0.85, fAll / pAll / 0.85)));
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%n%-11s %8s %8s %8s %-22s %9s %9s %9s %9s %7s%n",
            "ledger",
            "1 row s",
            "floor s",
            "start",
            "(goal < 2x)",
            "all s",
            "floor s",
            "events/s",
            "floor/s",
            "of floor (goal 85%)"));
    table.forEach(row -> out.append(row).append('\n'));
    System.out.println(out);
    System.out.flush();
  }

  private static String goal(boolean met, double factor) {
    return met
        ? String.format(Locale.ROOT, "%-22s", "met")
        : String.format(
            Locale.ROOT, "%-22s", String.format(Locale.ROOT, "missed by x%.2f", factor));
  }

  /** The floor's files are within 1% of the product's, export and rejects alike. */
  private static void checkBytes(String db, Path product, Path floor) throws IOException {
    for (String suffix : new String[] {".jsonl", ".rejects.jsonl"}) {
      Path p = product.resolveSibling("export" + suffix);
      Path f = floor.resolveSibling("export" + suffix);
      long pBytes = Files.size(p);
      long fBytes = Files.size(f);
      assertThat(Math.abs(pBytes - fBytes))
          .as("%s: floor %s has %d bytes, the product's %d", db, f, fBytes, pBytes)
          .isLessThanOrEqualTo(Math.max(pBytes / 100, 0));
    }
  }

  private static long events(String out) {
    Matcher m = EVENTS.matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  private static Child runProduct(Path dir, String url, Path input, Path output, String name)
      throws Exception {
    Files.createDirectories(output.getParent());
    Map<String, String> job = JobFloorTest.everyFlagOn();
    job.put("input", input.toString());
    job.put("ledger.db", url);
    // one job repository, as nights share theirs: each run another night (runDate)
    job.put("repository.db", "jdbc:h2:file:" + dir.resolve("db/repository"));
    job.put("runDate", LocalDate.of(2025, 1, 1).plusDays(runs++).toString());
    job.put("output", output.toString());
    Path jobFile = dir.resolve("job-" + name + ".properties");
    StringBuilder text = new StringBuilder();
    job.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    Files.writeString(jobFile, text, UTF_8);
    return product(dir, "run", jobFile.toString());
  }

  private static Child product(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("com.ledgerexplode.cli.Main"));
    command.addAll(List.of(args));
    return child(dir, command);
  }

  private static Child runFloor(Path dir, String url, Path input, Path output) throws Exception {
    Files.createDirectories(output.getParent());
    return child(
        dir,
        List.of(
            JobFloor.class.getName(),
            url,
            input.toString(),
            output.toString(),
            Long.toString(GeneratorOptions.DEFAULT_MAIN_ORG),
            "100"));
  }

  private static Child child(Path dir, List<String> mainAndArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + HEAP);
    command.add("-cp");
    command.add(classPath());
    command.addAll(mainAndArgs);
    Path log = Files.createTempFile(dir, "child", ".log");
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    int code = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    String text = Files.readString(log, UTF_8);
    assertThat(code).as(String.join(" ", command) + "\n" + text).isZero();
    log("  %.2f s  %s", seconds, String.join(" ", mainAndArgs));
    return new Child(text, seconds);
  }

  private record Child(String out, double seconds) {}

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path").replace(";", File.pathSeparator);
  }

  private static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[floor] " + format + "%n", args);
    System.out.flush();
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(JobFloorBenchmark::deleteFile);
    }
  }

  private static void deleteFile(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

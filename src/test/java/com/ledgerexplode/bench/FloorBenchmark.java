package com.ledgerexplode.bench;

import static com.ledgerexplode.bench.BenchmarkSupport.IMPORTED;
import static com.ledgerexplode.bench.BenchmarkSupport.THIS_RUN;
import static com.ledgerexplode.bench.BenchmarkSupport.classPath;
import static com.ledgerexplode.bench.BenchmarkSupport.generate;
import static com.ledgerexplode.bench.BenchmarkSupport.jobFile;
import static com.ledgerexplode.bench.BenchmarkSupport.log;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.bench.floor.FloorTraining;
import com.ledgerexplode.bench.floor.ImportFloor;
import com.ledgerexplode.bench.floor.JobFloor;
import com.ledgerexplode.bench.floor.ReportingFloor;
import com.ledgerexplode.cli.Main;
import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The one benchmark: the product beside hand-written floors of its own ({@link ImportFloor}, {@link
 * JobFloor}, {@link ReportingFloor}) on the same generated data, at each size of {@code
 * benchmark.sizes} (customers, 10 events each), every API flag on: {@code ledger import} into H2
 * and PostgreSQL (floors: batched inserts, and COPY on PostgreSQL), the export job to JSON Lines
 * with the ledger on H2 and on PostgreSQL, the job into the PostgreSQL reporting database, a
 * one-row run on each ledger (the fixed cost), and the job partitioned. Each command runs in a
 * child JVM of {@code -Xmx} {@code benchmark.heap}; product and floor are interleaved {@code
 * benchmark.repeats} times (the product first on odd repeats, last on even ones) and the medians of
 * the child JVMs' wall times are compared. Prints one table per size and the goals (met, or missed
 * by how much), also written to {@code benchmark.dir}/benchmark.md. Asserts nothing about speed: it
 * fails when a command fails or when a floor's export is not within 1% of the product's bytes.
 *
 * <p>The product runs as README runs it: {@code java
 * -XX:SharedArchiveFile=target/ledger-explode.jsa -jar target/ledger-explode.jar}, from the
 * project's directory, the jar and its class-data archive as {@code mvn package} wrote them
 * (bench/run.sh packages first; the benchmark fails if the jar does not hold the compiled classes).
 * The floors run from a jar of the test and main classes with the dependencies' jars, with a
 * class-data archive of their own, written by a training run ({@link FloorTraining}: an import and
 * a job on H2, as the product's training is the sample job on H2).
 *
 * <p>Skipped unless {@code -Dbenchmark=true}; bench/run.sh runs it; see bench/README.md.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class FloorBenchmark {
  private static final List<Integer> SIZES =
      Arrays.stream(System.getProperty("benchmark.sizes", "2000,100000").split(","))
          .map(String::trim)
          .map(Integer::valueOf)
          .toList();
  private static final int EVENTS_PER_CUSTOMER = 10;
  private static final int REPEATS = Integer.getInteger("benchmark.repeats", 3);
  private static final long SEED = Long.getLong("benchmark.seed", 1);
  private static final String HEAP = System.getProperty("benchmark.heap", "256m");
  private static final String PARTITIONS = System.getProperty("benchmark.partitions", "auto");
  private static final Path DIR =
      Path.of(System.getProperty("benchmark.dir", "target/benchmark")).toAbsolutePath();
  private static final int CHUNK = 100;
  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

  /** A full collection the probe asked for: what is left after it is what the run holds. */
  private static final Pattern ASKED_FULL_GC =
      Pattern.compile("Pause Full \\(Diagnostic Command\\) \\d+M->(\\d+)M\\(\\d+M\\)");

  /**
   * The longest wait between the live-heap probe's requests for a full collection: a tenth of the
   * workload's timed run, at least {@link #PROBE_MIN_MS}, at most this ({@link #probeEvery}).
   */
  private static final long PROBE_EVERY_MS = 1000;

  /** The shortest wait between two requests of the live-heap probe. */
  private static final long PROBE_MIN_MS = 100;

  /** Not probed: the run is timed. */
  private static final long NOT_PROBED = 0;

  private static final Pattern LINE = Pattern.compile("\"line\":(\\d+)");

  /** How the statements per chunk are counted. */
  private static final String STATEMENTS_PER_CHUNK =
      "counted by H2 on the ledger (TRACE_LEVEL_FILE=3: each statement executed is a /*SQL line"
          + " of its trace file) in one more run of the job and of its floor after the timed ones,"
          + " ledger H2, the whole requests file: the statements executed on the ledger divided by"
          + " the chunks of 100 rows (the start's few included); the job sends the same SQL to"
          + " PostgreSQL";

  private static final String TRACED = "/*SQL";

  private static final Map<String, String> HEAP_LABELS =
      Map.of(
          "import H2", "ledger import, H2",
          "import PG", "ledger import, PostgreSQL",
          "job H2", "job, ledger H2",
          "job PG", "job, ledger PostgreSQL",
          "part", "partitioned job, ledger PostgreSQL");

  /** The project's directory, where the product runs, as README runs it. */
  private static final Path PROJECT = Path.of("").toAbsolutePath();

  private static final String PRODUCT_JAR = "target/ledger-explode.jar";
  private static final String PRODUCT_ARCHIVE = "target/ledger-explode.jsa";

  /** What the JVM says when it cannot use a class-data archive it was given. */
  private static final Pattern ARCHIVE_REFUSED = Pattern.compile("\\[warning\\]\\[cds");

  private final TestDatabase postgres = TestDatabases.POSTGRESQL;
  private final DataSource server = postgres.createEmpty();
  private final Map<Integer, List<Workload>> results = new LinkedHashMap<>();
  private int nights;

  /** The floors' class path (a jar of the test and main classes, the dependencies' jars). */
  private String floorClassPath = "";

  /** The floors' class-data archive, written by {@link #trainFloors}. */
  private Path floorArchive = Path.of("");

  /**
   * Whether the children start with their class-data archives: all do, but the one-row runs
   * measured again without, product and floor alike, for what the archives do to the start.
   */
  private boolean archives = true;

  @Test
  void printsTheProductBesideItsFloors() throws Exception {
    log("benchmark: %s", settings());
    checkProductJar();
    trainFloors();
    for (int customers : SIZES) {
      results.put(customers, measure(customers));
    }
    String report = report();
    System.out.println(report);
    System.out.flush();
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve("benchmark.md"), report, UTF_8);
  }

  private List<Workload> measure(int customers) throws Exception {
    Path dir = DIR.resolve(Integer.toString(customers));
    generate(dir, customers, EVENTS_PER_CUSTOMER, SEED, events(customers) + " events: ");
    Path ledger = dir.resolve(LedgerGenerator.LEDGER_FILE);
    Path requests = dir.resolve(LedgerGenerator.REQUESTS_FILE);
    String org = Long.toString(GeneratorOptions.DEFAULT_MAIN_ORG);

    Workload importH2 = new Workload("import, H2 (floor: batched inserts)", "import H2");
    Workload importPgCopy = new Workload("import, PostgreSQL (floor: COPY)", "import PG");
    Workload importPgBatch =
        new Workload("import, PostgreSQL (floor: batched inserts)", "import PG batch");
    String h2Ledger = null;
    String pgLedger = null;
    for (int r = 0; r < REPEATS; r++) {
      String h2Product = h2(dir.resolve("db/import-" + r + "/ledger"));
      String h2Floor = h2(dir.resolve("db/import-floor-" + r + "/ledger"));
      String pgProduct = newPostgres();
      String pgCopy = newPostgres();
      String pgBatch = newPostgres();
      List<Runnable> runs =
          List.of(
              () -> importH2.product(importProduct(dir, h2Product, ledger)),
              () -> importH2.floor(child(dir, floor(ImportFloor.class, h2Floor, ledger, "BATCH"))),
              () -> importPgCopy.product(importProduct(dir, pgProduct, ledger)),
              () ->
                  importPgCopy.floor(child(dir, floor(ImportFloor.class, pgCopy, ledger, "COPY"))),
              () ->
                  importPgBatch.floor(
                      child(dir, floor(ImportFloor.class, pgBatch, ledger, "BATCH"))));
      interleave(r, runs);
      importPgBatch.product.add(importPgCopy.product.get(r));
      if (r == 0) {
        h2Ledger = h2Product; // the ledgers the job reads
        pgLedger = pgProduct;
      } else {
        BenchmarkSupport.delete(dir.resolve("db/import-" + r));
        dropAll(pgProduct);
      }
      BenchmarkSupport.delete(dir.resolve("db/import-floor-" + r));
      dropAll(pgCopy);
      dropAll(pgBatch);
    }

    Workload jobH2 = new Workload("job to JSON Lines, ledger H2", "job H2");
    Workload jobPg = new Workload("job to JSON Lines, ledger PostgreSQL", "job PG");
    Workload partitioned =
        new Workload("job to JSON Lines, ledger PostgreSQL, partitions=" + PARTITIONS, "part");
    Path oneRow = dir.resolve("one-row.csv");
    // each ledger read once, untimed, before the timed runs: the first to read one after the
    // imports (the product, on the first repeat) would otherwise read it cold, the others warm
    for (String url : List.of(h2Ledger, pgLedger)) {
      Path out = dir.resolve("out/warm-" + (url.equals(h2Ledger) ? "h2" : "pg") + "/export.jsonl");
      child(dir, floor(JobFloor.class, url, requests, out, org, CHUNK), out);
    }
    for (int r = 0; r < REPEATS; r++) {
      for (Workload job : List.of(jobH2, jobPg)) {
        String url = job == jobH2 ? h2Ledger : pgLedger;
        String name = (job == jobH2 ? "h2-" : "pg-") + r;
        Path productOut = dir.resolve("out/" + name + "/export.jsonl");
        Path floorOut = dir.resolve("out/" + name + "-floor/export.jsonl");
        List<Runnable> runs = new ArrayList<>();
        runs.add(() -> job.product(runJob(dir, url, requests, productOut.toString(), Map.of())));
        runs.add(
            () ->
                job.floor(
                    child(
                        dir,
                        floor(JobFloor.class, url, requests, floorOut, org, CHUNK),
                        floorOut)));
        Path out = dir.resolve("out/" + name + "-partitioned/export.jsonl");
        boolean partitioning = job == jobPg && !PARTITIONS.isEmpty();
        if (partitioning) {
          runs.add(
              () ->
                  partitioned.product(
                      runJob(
                          dir, url, requests, out.toString(), Map.of("partitions", PARTITIONS))));
        }
        interleave(r, runs);
        checkBytes(productOut, floorOut);
        if (partitioning) {
          assertThat(Files.mismatch(out, productOut))
              .as("the partitioned export is the one-thread export's bytes")
              .isEqualTo(-1L);
        }
        if (r == 0 && job == jobPg) {
          writeOneRow(requests, productOut, oneRow);
        }
      }
    }
    partitioned.floor = jobPg.product; // the partitioned job is measured against one thread

    Workload oneH2 = new Workload("one-row run, ledger H2 (the fixed cost)", "one H2");
    Workload onePg = new Workload("one-row run, ledger PostgreSQL (the fixed cost)", "one PG");
    Workload oneH2Plain =
        new Workload("one-row run, ledger H2, neither with a class-data archive", "one H2 plain");
    Workload onePgPlain =
        new Workload(
            "one-row run, ledger PostgreSQL, neither with a class-data archive", "one PG plain");
    for (int r = 0; r < REPEATS; r++) {
      for (Workload one : List.of(oneH2, onePg, oneH2Plain, onePgPlain)) {
        String url = one == oneH2 || one == oneH2Plain ? h2Ledger : pgLedger;
        boolean plain = one.key.endsWith("plain");
        String name = one.key.replace(' ', '-') + "-" + r;
        Path productOut = dir.resolve("out/" + name + "/export.jsonl");
        Path floorOut = dir.resolve("out/" + name + "-floor/export.jsonl");
        archives = !plain;
        interleave(
            r,
            List.of(
                () -> one.product(runJob(dir, url, oneRow, productOut.toString(), Map.of())),
                () ->
                    one.floor(
                        child(
                            dir,
                            floor(JobFloor.class, url, oneRow, floorOut, org, CHUNK),
                            floorOut))));
        archives = true;
        checkBytes(productOut, floorOut);
      }
    }

    Workload reportingCopy = new Workload("job to the reporting database (floor: COPY)", "rep");
    Workload reportingBatch =
        new Workload("job to the reporting database (floor: batched upserts)", "rep batch");
    for (int r = 0; r < REPEATS; r++) {
      String product = newPostgres();
      String copy = newPostgres();
      String batch = newPostgres();
      String ledgerUrl = pgLedger;
      interleave(
          r,
          List.of(
              () -> reportingCopy.product(runJob(dir, ledgerUrl, requests, product, Map.of())),
              () ->
                  reportingCopy.floor(
                      child(
                          dir,
                          floor(ReportingFloor.class, ledgerUrl, requests, copy, org, "COPY"))),
              () ->
                  reportingBatch.floor(
                      child(
                          dir,
                          floor(ReportingFloor.class, ledgerUrl, requests, batch, org, "BATCH")))));
      reportingBatch.product.add(reportingCopy.product.get(r));
      dropAll(product);
      dropAll(copy);
      dropAll(batch);
    }

    // the statements on the ledger, counted by H2 in one more run of each, untimed
    // a trace past its maximum size (16 MB by default) is renamed and begun again: none here
    String traced = h2Ledger + ";TRACE_LEVEL_FILE=3;TRACE_MAX_FILE_SIZE=1048576";
    Path trace = dir.resolve("db/import-0/ledger.trace.db");
    Path tracedOut = dir.resolve("out/traced/export.jsonl");
    Path tracedFloorOut = dir.resolve("out/traced-floor/export.jsonl");
    Files.deleteIfExists(trace);
    long rows = runJob(dir, traced, requests, tracedOut.toString(), Map.of()).rows();
    long chunks = (rows + CHUNK - 1) / CHUNK;
    jobH2.statements[0] = statements(trace) / (double) chunks;
    Files.deleteIfExists(trace);
    child(dir, floor(JobFloor.class, traced, requests, tracedFloorOut, org, CHUNK), tracedFloorOut);
    jobH2.statements[1] = statements(trace) / (double) chunks;
    Files.deleteIfExists(trace);
    checkSameReads(jobH2.statements[0], jobH2.statements[1]);

    // the live heap, in one more run of each, untimed (see child)
    Path probedH2 = dir.resolve("db/probed");
    importH2.live =
        importProduct(
                dir, h2(probedH2.resolve("ledger")), ledger, probeEvery(importH2.productSeconds()))
            .live();
    BenchmarkSupport.delete(probedH2);
    String probedPg = newPostgres();
    importPgCopy.live =
        importProduct(dir, probedPg, ledger, probeEvery(importPgCopy.productSeconds())).live();
    importPgBatch.live = importPgCopy.live;
    dropAll(probedPg);
    jobH2.live = probedJob(dir, h2Ledger, requests, "h2", Map.of(), jobH2.productSeconds());
    jobPg.live = probedJob(dir, pgLedger, requests, "pg", Map.of(), jobPg.productSeconds());
    // the floors' too, for what a hand-written program holds on the same data (H2's page cache
    // among it: the ledger on H2 is in the JVM's heap)
    importH2.floorLive =
        child(
                dir,
                floor(ImportFloor.class, h2(probedH2.resolve("floor")), ledger, "BATCH"),
                probeEvery(importH2.floorSeconds()))
            .live();
    BenchmarkSupport.delete(probedH2);
    String probedPgFloor = newPostgres();
    importPgCopy.floorLive =
        child(
                dir,
                floor(ImportFloor.class, probedPgFloor, ledger, "COPY"),
                probeEvery(importPgCopy.floorSeconds()))
            .live();
    dropAll(probedPgFloor);
    jobH2.floorLive = probedFloorJob(dir, h2Ledger, requests, org, "h2", jobH2.floorSeconds());
    jobPg.floorLive = probedFloorJob(dir, pgLedger, requests, org, "pg", jobPg.floorSeconds());
    if (!PARTITIONS.isEmpty()) {
      partitioned.live =
          probedJob(
              dir,
              pgLedger,
              requests,
              "partitioned",
              Map.of("partitions", PARTITIONS),
              partitioned.productSeconds());
    }

    List<Workload> all = new ArrayList<>();
    all.addAll(List.of(importH2, importPgCopy, importPgBatch, jobH2, jobPg));
    if (!PARTITIONS.isEmpty()) {
      all.add(partitioned);
    }
    all.addAll(List.of(oneH2, onePg, oneH2Plain, onePgPlain, reportingCopy, reportingBatch));
    return all;
  }

  /** The live heap of a probed run of the job's floor over the whole requests file, in MB. */
  private long probedFloorJob(
      Path dir, String ledgerUrl, Path requests, String org, String name, double timedSeconds) {
    Path out = dir.resolve("out/probed-floor-" + name + "/export.jsonl");
    try {
      Files.createDirectories(out.getParent());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return child(
            dir,
            floor(JobFloor.class, ledgerUrl, requests, out, org, CHUNK),
            probeEvery(timedSeconds))
        .live();
  }

  /** The live heap of a probed run of the job over the whole requests file, in MB. */
  private long probedJob(
      Path dir,
      String ledgerUrl,
      Path requests,
      String name,
      Map<String, String> extra,
      double timedSeconds) {
    Path out = dir.resolve("out/probed-" + name + "/export.jsonl");
    return runJob(dir, ledgerUrl, requests, out.toString(), extra, probeEvery(timedSeconds)).live();
  }

  /**
   * The probe's wait for a workload whose timed runs took this long: a tenth of it, so that a short
   * run is asked as often over its length as a long one (asked each second, a run of 1.5 s was
   * asked once, during its start, while the long run was asked through its whole length, and the
   * largest of many answers was compared with a single early one), at least {@link #PROBE_MIN_MS},
   * at most {@link #PROBE_EVERY_MS}.
   */
  static long probeEvery(double timedSeconds) {
    return Math.max(PROBE_MIN_MS, Math.min(PROBE_EVERY_MS, Math.round(timedSeconds * 100)));
  }

  /** The statements H2 traced: its {@code /*SQL} lines but the one setting the trace level. */
  private static long statements(Path trace) throws IOException {
    try (var lines = Files.lines(trace, UTF_8)) {
      return lines
          .filter(line -> line.contains(TRACED) && !line.contains("SET TRACE_LEVEL_FILE"))
          .count();
    }
  }

  /** The runs of a repeat: in this order on odd repeats (1, 3, ...), reversed on even ones. */
  private static void interleave(int repeat, List<Runnable> runs) {
    List<Runnable> order = new ArrayList<>(runs);
    if (repeat % 2 == 1) {
      java.util.Collections.reverse(order);
    }
    order.forEach(Runnable::run);
  }

  private Run importProduct(Path dir, String url, Path ledger) {
    return importProduct(dir, url, ledger, NOT_PROBED);
  }

  private Run importProduct(Path dir, String url, Path ledger, long probeEveryMs) {
    Run run =
        child(
            dir,
            List.of(Main.class.getName(), "ledger", "import", "--db", url, ledger.toString()),
            probeEveryMs);
    Matcher m = IMPORTED.matcher(run.out);
    assertThat(m.find()).as(run.out).isTrue();
    return run.counted(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  /** A run of the export job: every flag on, chunks of 100, each run another night. */
  private Run runJob(
      Path dir, String ledgerUrl, Path input, String output, Map<String, String> extra) {
    return runJob(dir, ledgerUrl, input, output, extra, NOT_PROBED);
  }

  private Run runJob(
      Path dir,
      String ledgerUrl,
      Path input,
      String output,
      Map<String, String> extra,
      long probeEveryMs) {
    try {
      Map<String, String> job = JobFloor.everyFlagOn();
      job.put("input", input.toString());
      job.put("ledger.db", ledgerUrl);
      // one job repository per size, as nights share theirs: each run another night (runDate)
      job.put("repository.db", h2(dir.resolve("db/repository")));
      job.put("runDate", LocalDate.of(2025, 1, 1).plusDays(nights++).toString());
      job.put("output", output);
      job.putAll(extra);
      if (!output.startsWith("jdbc:")) {
        Files.createDirectories(Path.of(output).getParent());
      }
      Run run =
          child(
              dir,
              List.of(
                  Main.class.getName(),
                  "run",
                  jobFile(dir, job).toString(),
                  "--progress-seconds=600"),
              probeEveryMs);
      Matcher m = THIS_RUN.matcher(run.out);
      assertThat(m.find()).as(run.out).isTrue();
      return run.counted(
              Long.parseLong(m.group(1).replace(",", "")),
              Long.parseLong(m.group(2).replace(",", "")))
          .heap(Long.parseLong(m.group(4)), Long.parseLong(m.group(5)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> floor(Class<?> main, Object... args) {
    List<String> command = new ArrayList<>(List.of(main.getName()));
    for (Object arg : args) {
      command.add(arg.toString());
    }
    return command;
  }

  /** A floor's run writing {@code export} (its folder made first). */
  private Run child(Path dir, List<String> command, Path export) {
    try {
      Files.createDirectories(export.getParent());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return child(dir, command);
  }

  /**
   * A command in a child JVM of {@link #HEAP}, its GC logged ({@code -Xlog:gc}): its wall time, its
   * output, the most heap in use before a GC and after one, from the log. The writes of the run
   * before are let reach the disk first (PostgreSQL's checkpoint, a sync).
   */
  private Run child(Path dir, List<String> mainAndArgs) {
    return child(dir, mainAndArgs, NOT_PROBED);
  }

  /**
   * As {@link #child(Path, List)}; unless {@code probeEveryMs} is {@link #NOT_PROBED}, a full
   * collection is also asked of the child every so many ms ({@code jcmd PID GC.run}; {@link
   * #probeEvery}), and the most heap left after one is its live heap: what it holds, without the
   * old garbage a young collection leaves. A probed run is slowed by its collections and never
   * timed.
   */
  private Run child(Path dir, List<String> mainAndArgs, long probeEveryMs) {
    boolean probed = probeEveryMs != NOT_PROBED;
    try {
      settle();
      Path out = Files.createTempFile(dir, "child", ".log");
      Path gc = out.resolveSibling(out.getFileName() + ".gc");
      List<String> command = new ArrayList<>();
      command.add(javaCommand());
      command.add("-Xmx" + HEAP);
      // the JVM's warnings on standard error, as README runs the jar (both go to the same file);
      // -Xlog:disable first, which would otherwise turn off the GC log asked after it
      command.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr"));
      command.add("-Xlog:gc:file=" + gc);
      boolean product = mainAndArgs.get(0).equals(Main.class.getName());
      if (archives) {
        command.add("-XX:SharedArchiveFile=" + (product ? PRODUCT_ARCHIVE : floorArchive));
      }
      if (product) {
        command.addAll(List.of("-jar", PRODUCT_JAR));
        command.addAll(mainAndArgs.subList(1, mainAndArgs.size()));
      } else {
        command.addAll(List.of("-cp", floorClassPath));
        command.addAll(mainAndArgs);
      }
      long[] ticks = cpuTicks();
      long start = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .directory(product ? PROJECT.toFile() : dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (probed) {
        probe(process, probeEveryMs);
      }
      int code = process.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      double cores = coresBusy(ticks, cpuTicks());
      String text = Files.readString(out, UTF_8);
      assertThat(code).as(String.join(" ", command) + "\n" + text).isZero();
      assertThat(ARCHIVE_REFUSED.matcher(text).find())
          .as("the JVM used the class-data archive it was given: " + text)
          .isFalse();
      log("  %6.2f s  %4.2f cores  %s", seconds, cores, String.join(" ", mainAndArgs));
      long peak = -1;
      long afterGc = -1;
      long live = -1;
      for (String line : Files.readAllLines(gc, UTF_8)) {
        Matcher full = ASKED_FULL_GC.matcher(line);
        if (full.find()) {
          live = Math.max(live, Long.parseLong(full.group(1)));
          continue; // the probe's own collections count in neither of the others
        }
        Matcher m = GC.matcher(line);
        if (m.find()) {
          peak = Math.max(peak, Long.parseLong(m.group(1)));
          afterGc = Math.max(afterGc, Long.parseLong(m.group(2)));
        }
      }
      if (probed && live < 0) {
        // a run too short for a probe, or one jcmd could not attach to: its row says "-"
        log("  no full collection was logged by the probed run: its live heap is not known");
      }
      return new Run(text, seconds, -1, -1, peak, afterGc, live, cores);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Asks the process for a full collection a quarter of {@code everyMs} after its start, then
   * {@code everyMs} after each answer until it ends; jcmd's failures (a process that ends
   * meanwhile, an attach refused) are logged and the probe goes on.
   */
  private static void probe(Process process, long everyMs)
      throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    long wait = everyMs / 4;
    while (!process.waitFor(wait, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      wait = everyMs;
      Process asked =
          new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!asked.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        asked.destroyForcibly();
        log("  jcmd GC.run did not answer in 30 s");
      } else if (asked.exitValue() != 0 && process.isAlive()) {
        log("  jcmd GC.run exited %d", asked.exitValue());
      }
    }
  }

  private void settle() throws IOException, InterruptedException {
    try (Connection c = server.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }

  /** The one-row file: the header and the first row the export answers. */
  private static void writeOneRow(Path requests, Path export, Path oneRow) throws IOException {
    List<String> lines = Files.readAllLines(requests, UTF_8);
    String first;
    try (var exported = Files.lines(export, UTF_8)) {
      first = exported.findFirst().orElseThrow();
    }
    Matcher line = LINE.matcher(first);
    assertThat(line.find()).isTrue();
    Files.write(
        oneRow, List.of(lines.get(0), lines.get(Integer.parseInt(line.group(1)) - 1)), UTF_8);
  }

  /** The floor's files are within 1% of the product's, export and rejects alike. */
  private static void checkBytes(Path product, Path floor) throws IOException {
    for (String suffix : new String[] {".jsonl", ".rejects.jsonl"}) {
      Path p = product.resolveSibling("export" + suffix);
      Path f = floor.resolveSibling("export" + suffix);
      long pBytes = Files.size(p);
      long fBytes = Files.size(f);
      assertThat(Math.abs(pBytes - fBytes))
          .as("floor %s has %d bytes, the product's %d", f, fBytes, pBytes)
          .isLessThanOrEqualTo(pBytes / 100);
    }
  }

  /**
   * The floor asks the ledger as many statements per chunk as the product, within 5% (H2 counts
   * them: the same reads).
   */
  static void checkSameReads(double product, double floor) {
    assertThat(Math.abs(product - floor))
        .as("the floor's statements per chunk %.1f, the product's %.1f", floor, product)
        .isLessThanOrEqualTo(product / 20);
  }

  private String newPostgres() {
    return postgres.jdbcUrl(postgres.createEmpty());
  }

  /** Empties a PostgreSQL database of this run, to free the disk for the next runs. */
  private static void dropAll(String url) {
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String h2(Path file) {
    return "jdbc:h2:file:" + file;
  }

  private static String events(int customers) {
    return String.format(Locale.ROOT, "%,d", customers * EVENTS_PER_CUSTOMER);
  }

  private static String settings() {
    return String.format(
        Locale.ROOT,
        "sizes %s (customers x %d events), seed %d, %d repeats (medians), -Xmx%s per child JVM,"
            + " %d cores, chunks of %d rows, every API flag on, partitions %s",
        SIZES,
        EVENTS_PER_CUSTOMER,
        SEED,
        REPEATS,
        HEAP,
        Runtime.getRuntime().availableProcessors(),
        CHUNK,
        PARTITIONS.isEmpty() ? "off" : PARTITIONS);
  }

  /**
   * The product's jar holds the classes compiled in target/classes, byte for byte, and its
   * class-data archive is there: the benchmark measures what the build made, not an older jar.
   */
  private static void checkProductJar() throws IOException {
    Path jar = PROJECT.resolve(PRODUCT_JAR);
    Path classes = PROJECT.resolve("target/classes");
    String hint = " (bench/run.sh runs mvn package before the benchmark)";
    assertThat(jar).as(PRODUCT_JAR + hint).isRegularFile();
    assertThat(PROJECT.resolve(PRODUCT_ARCHIVE)).as(PRODUCT_ARCHIVE + hint).isRegularFile();
    try (JarFile packaged = new JarFile(jar.toFile());
        Stream<Path> compiled = Files.walk(classes)) {
      for (Path file : compiled.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace(File.separatorChar, '/');
        JarEntry entry = packaged.getJarEntry(name);
        assertThat(entry).as(name + " in " + PRODUCT_JAR + hint).isNotNull();
        try (InputStream in = packaged.getInputStream(entry)) {
          assertThat(in.readAllBytes())
              .as(name + " of " + PRODUCT_JAR + " is the compiled one" + hint)
              .isEqualTo(Files.readAllBytes(file));
        }
      }
    }
  }

  /**
   * The floors' jar and class-data archive: the test and main classes in one jar (the JVM archives
   * no class read from a directory), then a training run ({@link FloorTraining}) over a small
   * generated ledger that writes the archive at its end.
   */
  private void trainFloors() throws IOException {
    Path dir = DIR.resolve("floor-training");
    generate(dir, 100, EVENTS_PER_CUSTOMER, SEED, "floor training: ");
    Path jar = dir.resolve("floors.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      java.util.Set<String> written = new java.util.HashSet<>();
      for (String classes : List.of("target/test-classes", "target/classes")) {
        Path root = PROJECT.resolve(classes);
        try (Stream<Path> files = Files.walk(root)) {
          // folders too: a class path scan (Flyway's migrations) finds a folder by its entry
          for (Path f : files.filter(f -> !f.equals(root)).sorted().toList()) {
            String name = root.relativize(f).toString().replace(File.separatorChar, '/');
            boolean folder = Files.isDirectory(f);
            if (written.add(folder ? name + "/" : name)) {
              out.putNextEntry(new JarEntry(folder ? name + "/" : name));
              if (!folder) {
                Files.copy(f, out);
              }
              out.closeEntry();
            }
          }
        }
      }
    }
    List<String> path = new ArrayList<>(List.of(jar.toString()));
    for (String entry : classPath().split(File.pathSeparator, -1)) {
      if (entry.endsWith(".jar")) {
        path.add(entry);
      }
    }
    floorClassPath = String.join(File.pathSeparator, path);
    floorArchive = dir.resolve("floors.jsa");
    Files.deleteIfExists(floorArchive);
    Path out = dir.resolve("out/export.jsonl");
    Files.createDirectories(out.getParent());
    String org = Long.toString(GeneratorOptions.DEFAULT_MAIN_ORG);
    List<String> command =
        List.of(
            javaCommand(),
            "-Xmx" + HEAP,
            "-XX:ArchiveClassesAtExit=" + floorArchive,
            "-Xlog:cds=error,cds+dynamic=error",
            "-cp",
            floorClassPath,
            FloorTraining.class.getName(),
            h2(dir.resolve("db/ledger")),
            dir.resolve(LedgerGenerator.LEDGER_FILE).toString(),
            dir.resolve(LedgerGenerator.REQUESTS_FILE).toString(),
            out.toString(),
            org);
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("training.log").toFile())
              .start();
      assertThat(process.waitFor()).as(Files.readString(dir.resolve("training.log"))).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(floorArchive).isRegularFile();
    log("floors: jar and class-data archive trained in %s", dir);
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The cores busy on the machine since {@code before} ({@link #cpuTicks}): busy time over elapsed
   * time, of every process (the child, PostgreSQL's server, the benchmark itself); -1 where {@code
   * /proc/stat} is not to be read.
   */
  private static double coresBusy(long[] before, long[] after) {
    if (before.length == 0 || after.length == 0 || after[1] == before[1]) {
      return -1;
    }
    return Runtime.getRuntime().availableProcessors()
        * (double) (after[0] - before[0])
        / (after[1] - before[1]);
  }

  /** Busy and total ticks of all cores, from the first line of /proc/stat; empty if unreadable. */
  private static long[] cpuTicks() {
    try {
      String[] fields =
          Files.readAllLines(Path.of("/proc/stat"), UTF_8).get(0).trim().split("\\s+", -1);
      long total = 0;
      long idle = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        long ticks = Long.parseLong(fields[i]);
        total += ticks;
        if (i == 4 || i == 5) { // idle, iowait
          idle += ticks;
        }
      }
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[0];
    }
  }

  private String report() {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "%n## Benchmark: product beside its floor%n%nSettings: %s. Seconds: the child"
                + " JVM's wall time (start-up included). \"of floor\": floor seconds / product"
                + " seconds (100%% = as fast as the floor; for the one-row runs, product seconds /"
                + " floor seconds as \"x floor\"). Heap: the job's own summary line (peak, most"
                + " after a GC); the import's and the floors' from -Xlog:gc (most before a GC,"
                + " most after one; - when no GC ran). After GC counts the old garbage a young"
                + " collection leaves until the collector's next cycle, so it grows with a run's"
                + " length whatever the run holds; live heap is what the run holds: the most"
                + " left after a full collection, asked (jcmd GC.run) of one more run, untimed,"
                + " every tenth of the workload's timed run (at least %d ms, at most %d ms) (-"
                + " when not probed).%n%nStatements per chunk: %s.%n",
            settings(),
            PROBE_MIN_MS,
            PROBE_EVERY_MS,
            STATEMENTS_PER_CHUNK));
    results.forEach(
        (customers, workloads) -> {
          md.append(String.format(Locale.ROOT, "%n### %s events%n%n", events(customers)));
          md.append(
              "| workload | product s | floor s | of floor | rows/s | events/s | floor events/s"
                  + " | peak heap | after GC | live heap | floor live heap | floor peak heap"
                  + " | statements per chunk, product / floor | cores busy, product / floor |\n");
          md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
          workloads.forEach(w -> md.append(w.row()).append('\n'));
        });
    md.append("\n### Goals\n\n");
    goals(md);
    if (PARTITIONS.isEmpty()) {
      md.append("- partitioned: not run (-Dbenchmark.partitions= left empty)\n");
    }
    return md.toString();
  }

  private void goals(StringBuilder md) {
    results.forEach(
        (customers, w) -> {
          String size = events(customers) + " events";
          goal(
              md,
              size + ", import PostgreSQL >= 70% of the COPY floor",
              find(w, "import PG"),
              0.70);
          goal(md, size + ", import H2 >= 90% of its floor", find(w, "import H2"), 0.90);
          goal(
              md,
              size + ", job end to end, ledger H2, >= 85% of the floor",
              find(w, "job H2"),
              0.85);
          goal(
              md,
              size + ", job end to end, ledger PostgreSQL, >= 85% of the floor",
              find(w, "job PG"),
              0.85);
          for (String one : List.of("one H2", "one PG")) {
            Workload o = find(w, one);
            Workload plain = find(w, one + " plain");
            double x = o.productSeconds() / o.floorSeconds();
            md.append(
                String.format(
                    Locale.ROOT,
                    "- %s, job start (one-row run), ledger %s, under 2x the floor's: %.2fx, %s"
                        + " (neither with a class-data archive: %.2fx)%n",
                    size,
                    one.endsWith("H2") ? "H2" : "PostgreSQL",
                    x,
                    x < 2 ? "met" : String.format(Locale.ROOT, "missed by x%.2f", x / 2),
                    plain.productSeconds() / plain.floorSeconds()));
          }
          goal(md, size + ", reporting database >= 80% of its COPY floor", find(w, "rep"), 0.80);
          if (!PARTITIONS.isEmpty()) {
            Workload p = find(w, "part");
            double x = p.floorSeconds() / p.productSeconds();
            md.append(
                String.format(
                    Locale.ROOT,
                    "- %s, partitioned job (partitions=%s) >= 1.6x one thread: %.2fx, %s%s%n",
                    size,
                    PARTITIONS,
                    x,
                    x >= 1.6 ? "met" : String.format(Locale.ROOT, "missed by x%.2f", 1.6 / x),
                    p.oneThreadBound()));
          }
        });
    if (results.size() < 2) {
      md.append(
          "- heap after GC flat from the small to the large size: one size only, not judged\n");
      return;
    }
    List<Integer> sizes = new ArrayList<>(results.keySet());
    List<Workload> small = results.get(sizes.get(0));
    List<Workload> large = results.get(sizes.get(sizes.size() - 1));
    List<String> keys = new ArrayList<>(List.of("import H2", "import PG", "job H2", "job PG"));
    if (!PARTITIONS.isEmpty()) {
      keys.add("part");
    }
    for (String key : keys) {
      Workload before = find(small, key);
      Workload after = find(large, key);
      String verdict;
      if (before.live <= 0 || after.live <= 0) {
        verdict = "not judged (not probed at one size)";
      } else {
        double x = (double) after.live / before.live;
        verdict =
            String.format(
                Locale.ROOT,
                "x%.2f (%d MB -> %d MB), %s",
                x,
                before.live,
                after.live,
                x <= 1.2 ? "met" : String.format(Locale.ROOT, "missed by x%.2f", x / 1.2));
        if (before.floorLive > 0 && after.floorLive > 0) {
          verdict +=
              String.format(
                  Locale.ROOT,
                  " (the floor's: x%.2f, %d MB -> %d MB)",
                  (double) after.floorLive / before.floorLive,
                  before.floorLive,
                  after.floorLive);
        }
      }
      md.append(
          String.format(
              Locale.ROOT,
              "- heap after GC flat (within 1.2x) in -Xmx%s, %s, %s -> %s events, live heap"
                  + " (after a full collection): %s; most after a young collection: %s%n",
              HEAP,
              HEAP_LABELS.get(key),
              events(sizes.get(0)),
              events(sizes.get(sizes.size() - 1)),
              verdict,
              before.afterGc() <= 0 || after.afterGc() <= 0
                  ? "not known at one size"
                  : String.format(
                      Locale.ROOT,
                      "x%.2f (%d MB -> %d MB)",
                      (double) after.afterGc() / before.afterGc(),
                      before.afterGc(),
                      after.afterGc())));
    }
  }

  private static void goal(StringBuilder md, String what, Workload w, double share) {
    double ofFloor = w.floorSeconds() / w.productSeconds();
    md.append(
        String.format(
            Locale.ROOT,
            "- %s: %.0f%%, %s%n",
            what,
            100 * ofFloor,
            ofFloor >= share
                ? "met"
                : String.format(
                    Locale.ROOT,
                    "missed by %.0f points (x%.2f)",
                    100 * (share - ofFloor),
                    share / ofFloor)));
  }

  private static Workload find(List<Workload> workloads, String key) {
    return workloads.stream().filter(w -> w.key.equals(key)).findFirst().orElseThrow();
  }

  /** One command's figures: wall seconds, rows and events, heap in MB (-1: not known). */
  private record Run(
      String out,
      double seconds,
      long rows,
      long events,
      long peak,
      long afterGc,
      long live,
      double cores) {
    Run counted(long rows, long events) {
      return new Run(out, seconds, rows, events, peak, afterGc, live, cores);
    }

    Run heap(long peak, long afterGc) {
      return new Run(out, seconds, rows, events, peak, afterGc, live, cores);
    }
  }

  /** A workload: the product's runs and its floor's. */
  private static final class Workload {
    final String name;
    final String key;
    List<Run> product = new ArrayList<>();
    List<Run> floor = new ArrayList<>();

    /** Statements per chunk on the ledger, the product's and the floor's; -1: not counted. */
    final double[] statements = {-1, -1};

    /** The product's live heap in MB, from its probed run; -1: not probed. */
    long live = -1;

    /** The floor's live heap in MB, from its probed run; -1: not probed. */
    long floorLive = -1;

    Workload(String name, String key) {
      this.name = name;
      this.key = key;
    }

    void product(Run run) {
      product.add(run);
    }

    void floor(Run run) {
      floor.add(run);
    }

    /** The most heap the product had in use after a GC, over its runs. */
    long afterGc() {
      return product.stream().mapToLong(Run::afterGc).max().orElse(-1);
    }

    double productSeconds() {
      return median(product, Run::seconds);
    }

    double floorSeconds() {
      return median(floor, Run::seconds);
    }

    String row() {
      Run last = product.get(product.size() - 1);
      long peak = product.stream().mapToLong(Run::peak).max().orElse(-1);
      long floorPeak = floor.stream().mapToLong(Run::peak).max().orElse(-1);
      double p = productSeconds();
      double f = floorSeconds();
      String ratio;
      if (key.startsWith("one")) {
        ratio = String.format(Locale.ROOT, "%.2fx floor", p / f);
      } else if (key.equals("part")) {
        ratio = String.format(Locale.ROOT, "%.2fx one thread", f / p);
      } else {
        ratio = String.format(Locale.ROOT, "%.0f%%", 100 * f / p);
      }
      return String.format(
          Locale.ROOT,
          "| %s | %.2f | %.2f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
          name,
          p,
          f,
          ratio,
          rate(last.rows(), p),
          rate(last.events(), p),
          rate(last.events(), f),
          mb(peak),
          mb(afterGc()),
          mb(live),
          mb(floorLive),
          mb(floorPeak),
          statements[0] < 0
              ? "-"
              : String.format(Locale.ROOT, "%.1f / %.1f", statements[0], statements[1]),
          cores(product) + " / " + cores(floor));
    }

    /**
     * For the partitioned job, whose "floor" is the one-thread job's runs: the most any number of
     * threads could gain on this machine, its cores over the cores the one-thread job already kept
     * busy (the job's own threads, its JIT and GC, PostgreSQL's server); empty when not known.
     */
    String oneThreadBound() {
      double busy = median(floor, Run::cores);
      return busy <= 0
          ? ""
          : String.format(
              Locale.ROOT,
              " (the bound on this machine: %d cores over the %.2f the one-thread job kept busy,"
                  + " x%.2f)",
              Runtime.getRuntime().availableProcessors(),
              busy,
              Runtime.getRuntime().availableProcessors() / busy);
    }

    /** The median of the cores busy during the runs, "-" when not known. */
    private static String cores(List<Run> runs) {
      double cores = median(runs, Run::cores);
      return cores < 0 ? "-" : String.format(Locale.ROOT, "%.2f", cores);
    }

    /** So many a second: whole numbers, but below 10 with a decimal (a one-row run). */
    private static String rate(long count, double seconds) {
      double rate = count / seconds;
      return String.format(Locale.ROOT, rate < 10 ? "%.1f" : "%,.0f", rate);
    }

    private static String mb(long mb) {
      return mb < 0 ? "-" : mb + " MB";
    }

    private static double median(List<Run> runs, Function<Run, Double> value) {
      List<Double> sorted = runs.stream().map(value).sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
  }
}

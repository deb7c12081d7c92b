package com.ledgerexplode.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.generate.GenerationSummary;
import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the benchmarks share: child JVMs of the product's Main, job files, the log, durations. */
final class BenchmarkSupport {
  static final Pattern IMPORTED =
      Pattern.compile(
          "imported .*: (\\d+) lines, \\d+ orgs, \\d+ customers, \\d+ groups, (\\d+) events in"
              + " ([0-9.]+) s");
  static final Pattern THIS_RUN =
      Pattern.compile(
          "this run: ([\\d,]+) rows, ([\\d,]+) events in (.+?): [\\d,]+ rows/s, [\\d,]+ events/s,"
              + " peak heap (\\d+) MB \\(at most (\\d+) MB after a GC\\)");

  private BenchmarkSupport() {}

  /**
   * The export job's settings over a generated requests CSV: its main org, a fixed run date, the
   * bill and points-breakup sections, chunks of 500 rows, pages of 100 events, no skips.
   */
  static Map<String, String> exportJob(Path requests) {
    Map<String, String> job = new LinkedHashMap<>();
    job.put("input", requests.toString());
    job.put("org", Long.toString(GeneratorOptions.DEFAULT_MAIN_ORG));
    job.put("runDate", "2025-01-01");
    job.put("defaults.getBillDetails", "true");
    job.put("defaults.getPointsEarnedBreakup", "true");
    job.put("chunkSize", "500");
    job.put("pageSize", "100");
    job.put("skipLimit", "0");
    return job;
  }

  /**
   * Generates a ledger and its requests CSV into {@code dir}, emptied first ({@code
   * GeneratorOptions.of(customers, eventsPerCustomer, seed)}); logs its size and time after {@code
   * label}.
   */
  static void generate(Path dir, int customers, int eventsPerCustomer, long seed, String label)
      throws IOException {
    delete(dir);
    long start = System.nanoTime();
    GenerationSummary generated =
        new LedgerGenerator(GeneratorOptions.of(customers, eventsPerCustomer, seed)).generate(dir);
    log(
        "%sgenerated %,d events, %,d request rows in %.1f s",
        label, generated.events(), generated.requestRows(), seconds(start));
  }

  /** A new job file in {@code dir} holding {@code settings}. */
  static Path jobFile(Path dir, Map<String, String> settings) throws IOException {
    Path jobFile = Files.createTempFile(dir, "job", ".properties");
    StringBuilder text = new StringBuilder();
    settings.forEach(
        (k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    Files.writeString(jobFile, text, UTF_8);
    return jobFile;
  }

  static String h2(Path file) {
    return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE";
  }

  /** A command of the jar's Main in a child JVM of this heap; fails the benchmark unless 0. */
  static Child child(Path dir, String heap, String... args) throws Exception {
    return child(dir, heap, Map.of(), args);
  }

  /**
   * As {@link #child(Path, String, String...)}, with {@code environment} added to this JVM's (the
   * vendor API's credentials removed from it first).
   */
  static Child child(Path dir, String heap, Map<String, String> environment, String... args)
      throws Exception {
    Path err = Files.createTempFile(dir, "child", ".log");
    log("  %s (its output: %s)", String.join(" ", args), err);
    long start = System.nanoTime();
    Process process =
        childProcess(dir, heap, environment, args)
            .redirectErrorStream(true)
            .redirectOutput(err.toFile())
            .start();
    int code = process.waitFor();
    double seconds = seconds(start);
    String text = Files.readString(err, UTF_8);
    assertThat(code).as(String.join(" ", args) + "\n" + text).isZero();
    return new Child(text, seconds);
  }

  /** The child JVM of a command, not yet started, its output not yet redirected. */
  static ProcessBuilder childProcess(
      Path dir, String heap, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-cp");
    command.add(classPath());
    command.add("com.ledgerexplode.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("LEDGER_API_"));
    builder.environment().putAll(environment);
    return builder;
  }

  /** The test class path, also under surefire's manifest-only booter jar. */
  static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path").replace(";", File.pathSeparator);
  }

  /** "12.3 s" or "h:mm:ss", as the run summary writes a duration. */
  static double clockSeconds(String clock) {
    if (clock.endsWith(" s")) {
      return Double.parseDouble(clock.substring(0, clock.length() - 2));
    }
    String[] parts = clock.split(":", -1);
    return Integer.parseInt(parts[0]) * 3600.0
        + Integer.parseInt(parts[1]) * 60.0
        + Integer.parseInt(parts[2]);
  }

  static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    System.out.flush();
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(BenchmarkSupport::deleteFile);
    }
  }

  private static void deleteFile(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A child's output (standard output and error together) and its wall time. */
  record Child(String err, double seconds) {}
}

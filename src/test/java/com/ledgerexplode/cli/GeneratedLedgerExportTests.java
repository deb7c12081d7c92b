package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export job over a ledger that {@code ledger generate} made, every event type in it: the
 * export keeps the contract that check-export verifies, and a run killed half-way then run again
 * writes the same bytes as a run that was never interrupted.
 */
class GeneratedLedgerExportTests {
  private static final Path CHECK_EXPORT = Path.of("..", "shared", "tools", "check-export");

  /** The sections most rows leave to the job, so that the export shows each type's whole shape. */
  static final List<String> SECTION_DEFAULTS =
      List.of(
          "defaults.getBillDetails=true",
          "defaults.getCustomFields=true",
          "defaults.getPaymentMode=true",
          "defaults.includeAlternateCurrencies=true");

  @TempDir static Path dir;
  static Path jobFile;
  static Path reference;

  @BeforeAll
  static void generateALedgerAndExportItUninterrupted() throws Exception {
    Path generated = dir.resolve("generated");
    Cli generate = Cli.generate(generated, 60, 12, 8);
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    jobFile = dir.resolve("job.properties");
    writeJob(generated, true);
    reference = dir.resolve("reference/export.jsonl");

    Cli run = Cli.run("run", jobFile.toString(), "output=" + reference);

    assertThat(run.exitCode()).as(run.err()).isZero();
    writeJob(generated, false); // imported once; the runs below read it
  }

  private static void writeJob(Path generated, boolean importing) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("input=" + generated.resolve("requests.csv"));
    lines.add("output=" + dir.resolve("out/export.jsonl"));
    lines.add("org=50406");
    lines.add("ledger.db=" + JobFixture.h2(dir.resolve("db/ledger")));
    lines.add("repository.db=" + JobFixture.h2(dir.resolve("db/repository")));
    lines.add("ledger.import=" + (importing ? generated.resolve("ledger.jsonl") : ""));
    lines.add("runDate=2025-03-04");
    lines.addAll(SECTION_DEFAULTS);
    Files.write(
        jobFile, lines.stream().map(l -> l.replace("\\", "\\\\")).toList(), StandardCharsets.UTF_8);
  }

  @Test
  void theExportOfAGeneratedLedgerHoldsManyTypesAndKeepsTheContract() throws Exception {
    assumeTrue(Files.isExecutable(CHECK_EXPORT), "check-export is not installed here");
    Set<String> types = new TreeSet<>();
    JsonMapper json = JsonMapper.builder().build();
    for (String line : Files.readAllLines(reference)) {
      JsonNode event = json.readTree(line);
      types.add(event.get("eventName").asString());
    }

    Process check =
        new ProcessBuilder(CHECK_EXPORT.toString(), reference.toString())
            .redirectErrorStream(true)
            .start();
    String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(check.waitFor()).as(report).isZero();
    assertThat(report).contains("contract holds");
    assertThat(types)
        .contains(
            "TransactionAdd",
            "ReturnBill",
            "GenericEvent",
            "CustomerRegistration",
            "PointsTransfer",
            "TargetCompleted");
    assertThat(types).hasSizeGreaterThanOrEqualTo(12);
  }

  @Test
  void aRunKilledHalfWayThenRunAgainWritesTheSameBytes() throws Exception {
    byte[] expected = Files.readAllBytes(reference);
    Path output = dir.resolve("killed/export.jsonl");
    Process child = start(output);
    waitUntilBeyond(output, expected.length / 2, child);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output.resolveSibling("export.manifest.json"))
        .as("killed before it completed")
        .doesNotExist();

    Cli rerun = Cli.run("run", jobFile.toString(), "output=" + output, "chunkSize=7");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("(pid " + child.pid() + ") had died; marked FAILED");
    assertThat(Files.readAllBytes(output)).isEqualTo(expected);
    assertThat(Files.readAllBytes(output.resolveSibling("export.rejects.jsonl")))
        .isEqualTo(Files.readAllBytes(reference.resolveSibling("export.rejects.jsonl")));
  }

  /** The job in a child JVM, a chunk per row so that it runs long enough to be killed. */
  private static Process start(Path output) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("run");
    command.add(jobFile.toString());
    command.add("output=" + output);
    command.add("chunkSize=1");
    File log = dir.resolve("child.log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  private static void waitUntilBeyond(Path output, long bytes, Process child) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (Files.exists(output) && Files.size(output) > bytes) {
          return;
        }
      } catch (java.io.IOException racedWithCreation) {
        // the file appeared or moved between the two calls; look again
      }
      if (!child.isAlive()) {
        throw new AssertionError(
            "the child ended before the kill: " + Files.readString(dir.resolve("child.log")));
      }
      Thread.sleep(2);
    }
    throw new AssertionError("the run never reached half-way");
  }
}

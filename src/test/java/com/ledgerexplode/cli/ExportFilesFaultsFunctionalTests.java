package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults of the export's files: a full disk under the export or under its manifest fails the run
 * with one line naming the file, and the rerun completes to the same bytes; a completed run whose
 * manifest is lost gets it written again, but only over the files the run wrote.
 */
class ExportFilesFaultsFunctionalTests {
  /** Linux's device whose every write fails with ENOSPC, as on a full disk. */
  private static final Path FULL = Path.of("/dev/full");

  @TempDir Path dir;
  private JobFixture job;
  private Path reference;

  @BeforeEach
  void referenceRun() {
    job = JobFixture.create(dir, 20, 3);
    reference = dir.resolve("reference/export.jsonl");
    Cli run = Cli.run("run", job.jobFile.toString(), "output=" + reference);
    assertThat(run.exitCode()).as(run.err()).isZero();
    job.set("ledger.import", "");
  }

  @Test
  void aFullDiskUnderTheExportFailsTheRunWithOneLineNamingTheFileAndTheRerunCompletes()
      throws Exception {
    Path disk = dir.resolve("small-disk");
    Files.createDirectories(disk);
    assumeTrue(mount(disk, "size=256k"), "a tmpfs of 256 kB can be mounted (root, Linux)");
    try {
      Path output = disk.resolve("export.jsonl");
      job.set("output", output.toString());
      Path filler = disk.resolve("filler");
      Files.write(filler, new byte[256 * 1024 - 8 * 1024]); // leaves 8 kB of the 256

      Cli full = Cli.run("run", job.jobFile.toString());

      assertThat(full.exitCode()).as(full.err()).isEqualTo(1);
      assertOneLineFailure(full, "Cannot write " + output + ": No space left on device");
      Files.delete(filler); // space freed
      Cli rerun = Cli.run("run", job.jobFile.toString());
      assertThat(rerun.exitCode()).as(rerun.err()).isZero();
      assertSameFiles();
    } finally {
      run("umount", disk.toString());
    }
  }

  /** Mounts a tmpfs there; false when this system does not let the tests do it. */
  private static boolean mount(Path at, String options) throws Exception {
    return run("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString());
  }

  private static boolean run(String... command) throws Exception {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor() == 0;
    } catch (java.io.IOException noSuchCommand) {
      return false;
    }
  }

  /** The run's failure is one line, the last on standard error, with no stack trace. */
  private static void assertOneLineFailure(Cli run, String message) {
    assertThat(run.err())
        .containsPattern(
            "(?m)\\Aexecution \\d+ started\\R"
                + "log: .*\\R"
                + "ledger-explode: "
                + Pattern.quote(message)
                + " \\(execution \\d+ failed\\)\\R\\z");
  }

  @Test
  void aFullDiskUnderTheManifestFailsTheRunWithOneLineNamingTheFileAndTheRerunWritesIt()
      throws Exception {
    assumeTrue(Files.isWritable(FULL), "a Linux /dev/full");
    Path temporary = job.manifest().resolveSibling("export.manifest.json.tmp");
    Files.createDirectories(temporary.getParent());
    Files.createSymbolicLink(temporary, FULL);

    Cli full = Cli.run("run", job.jobFile.toString(), "overwrite=true");

    assertThat(full.exitCode()).as(full.err()).isEqualTo(1);
    assertOneLineFailure(full, "Cannot write " + temporary + ": No space left on device");
    assertThat(job.manifest()).doesNotExist();
    Files.delete(temporary);
    Cli rerun = Cli.run("run", job.jobFile.toString(), "overwrite=true");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertSameFiles();
  }

  @Test
  void aCompletedRunsLostManifestIsWrittenAgainAfterItsFilesAreVerified() throws Exception {
    assertThat(Cli.run("run", job.jobFile.toString()).exitCode()).isZero();
    JsonNode written = manifest(job.manifest());
    Files.delete(job.manifest());

    Cli again = Cli.run("run", job.jobFile.toString());
    assertThat(again.exitCode()).isEqualTo(4);
    Matcher said =
        Pattern.compile(
                "ledger-explode: already completed \\(execution (\\d+)\\), but its manifest "
                    + Pattern.quote(job.manifest().toString())
                    + " is missing: 'manifest (\\d+)' with the same job file verifies the files"
                    + " and writes it again\\R")
            .matcher(again.err());
    assertThat(said.matches()).as(again.err()).isTrue();
    String execution = said.group(1);
    assertThat(said.group(2)).isEqualTo(execution);

    Cli manifest = Cli.run("manifest", execution, job.jobFile.toString());

    assertThat(manifest.exitCode()).as(manifest.err()).isZero();
    assertThat(manifest.out())
        .isEqualTo(
            job.manifest()
                + " written: the files of execution "
                + execution
                + " are those its checkpoint committed\n");
    JsonNode rewritten = manifest(job.manifest());
    for (String key : new String[] {"executionId", "status", "startTime", "settings", "counts"}) {
      assertThat(rewritten.get(key)).as(key).isEqualTo(written.get(key));
    }
    assertThat(rewritten.get("files")).isEqualTo(written.get("files"));
    assertThat(Cli.run("run", job.jobFile.toString()).err())
        .as("a run with its manifest is told only that it completed")
        .doesNotContain("missing");
  }

  @Test
  void aLostManifestIsNotWrittenOverAnExportChangedAfterTheRun() throws Exception {
    assertThat(Cli.run("run", job.jobFile.toString()).exitCode()).isZero();
    String execution = executionOf(manifest(job.manifest()));
    Files.delete(job.manifest());
    byte[] bytes = Files.readAllBytes(job.output());
    bytes[10] = (byte) (bytes[10] == ' ' ? '\t' : ' ');
    Files.write(job.output(), bytes);

    Cli manifest = Cli.run("manifest", execution, job.jobFile.toString());

    assertThat(manifest.exitCode()).isEqualTo(2);
    assertThat(manifest.err())
        .startsWith(
            "ledger-explode: "
                + job.output()
                + " is not what its run wrote: its SHA-256 is not the one of its last checkpoint")
        .endsWith("run the night afresh with another runDate or output\n");
    assertThat(job.manifest()).doesNotExist();
  }

  @Test
  void anExecutionThatDidNotCompleteHasNoManifestToWriteAgain() {
    Cli failed = Cli.run("run", job.jobFile.toString(), "skipLimit=0");
    assertThat(failed.exitCode()).isEqualTo(1);
    Matcher id = Pattern.compile("\\(execution (\\d+) failed\\)").matcher(failed.err());
    assertThat(id.find()).as(failed.err()).isTrue();

    Cli manifest = Cli.run("manifest", id.group(1), job.jobFile.toString());

    assertThat(manifest.exitCode()).isEqualTo(2);
    assertThat(manifest.err())
        .isEqualTo(
            "ledger-explode: execution "
                + id.group(1)
                + " is FAILED, not completed: run the same job file again to continue it; its"
                + " manifest is written when it completes\n");
  }

  private void assertSameFiles() throws Exception {
    assertThat(Files.readAllBytes(job.output())).isEqualTo(Files.readAllBytes(reference));
    assertThat(Files.readAllBytes(job.rejects()))
        .isEqualTo(Files.readAllBytes(reference.resolveSibling("export.rejects.jsonl")));
    JsonNode expected = manifest(reference.resolveSibling("export.manifest.json"));
    JsonNode actual = manifest(job.manifest());
    assertThat(actual.get("counts")).isEqualTo(expected.get("counts"));
    assertThat(actual.get("files")).isEqualTo(expected.get("files"));
  }

  private static JsonNode manifest(Path file) throws Exception {
    return JsonMapper.builder().build().readTree(Files.readString(file));
  }

  private static String executionOf(JsonNode manifest) {
    return manifest.get("executionId").asString();
  }
}

package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A requests file changed between a failed run and its rerun is refused with one line and exit 2:
 * continuing in it would skip or shift rows.
 */
class ChangedRequestsFunctionalTests {
  @TempDir Path dir;

  @Test
  void aRerunInARequestsFileChangedSinceTheCheckpointIsRefusedAndTheOriginalContinues()
      throws Exception {
    JobFixture job = JobFixture.create(dir, 30, 2);
    job.set("skipLimit", "0").set("chunkSize", "2");
    Cli failed = Cli.run("run", job.jobFile.toString());
    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1); // the unreadable record
    List<String> original = Files.readAllLines(job.input, StandardCharsets.UTF_8);
    List<String> edited = new ArrayList<>(original);
    edited.set(1, edited.get(1).replace("mobile", "MOBILE"));
    Files.write(job.input, edited, StandardCharsets.UTF_8);

    Cli rerun = Cli.run("run", job.jobFile.toString(), "skipLimit=1");

    assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(2);
    List<String> said = rerun.err().lines().toList();
    assertThat(said).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
    assertThat(said)
        .last()
        .asString()
        .startsWith("ledger-explode: The requests file " + job.input + " changed since this run's")
        .endsWith("or run the new file as a new run (another runDate or output)");
    Files.write(job.input, original, StandardCharsets.UTF_8);
    Cli restored = Cli.run("run", job.jobFile.toString(), "skipLimit=1");
    assertThat(restored.exitCode()).as(restored.err()).isZero();
  }
}

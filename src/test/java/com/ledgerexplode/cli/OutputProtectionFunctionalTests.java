package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing destroyed: a new run never writes over export files that it did not write. */
class OutputProtectionFunctionalTests {
  @TempDir Path dir;

  @Test
  void aNewRunRefusesAnExportAlreadyThereAndLeavesItUntouched() throws Exception {
    JobFixture job = JobFixture.create(dir, 4, 1);
    Files.createDirectories(job.output().getParent());
    Files.writeString(job.output(), "last night's export\n");

    Cli run = Cli.run("run", job.jobFile.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "ledger-explode: The export "
                + job.output()
                + " is already there and this run did not write it; give the export another name"
                + " (${runDate} in output names one per night), move it away, or set"
                + " overwrite=true to replace it");
    assertThat(Files.readString(job.output())).isEqualTo("last night's export\n");
  }

  @Test
  void overwriteTrueReplacesItAndAnotherRunDateInTheNameKeepsTheFirstNightsFiles()
      throws Exception {
    JobFixture job = JobFixture.create(dir, 4, 1);
    Files.createDirectories(job.output().getParent());
    Files.writeString(job.output(), "stale\n");

    Cli replaced = Cli.run("run", job.jobFile.toString(), "overwrite=true");
    assertThat(replaced.exitCode()).as(replaced.err()).isZero();
    assertThat(Files.readString(job.output())).doesNotContain("stale");

    job.set("output", dir.resolve("out/export-${runDate}.jsonl").toString());
    assertThat(Cli.run("run", job.jobFile.toString()).exitCode()).isZero();
    Path first = dir.resolve("out/export-2025-03-04.jsonl");
    byte[] firstNight = Files.readAllBytes(first);
    Cli nextNight = Cli.run("run", job.jobFile.toString(), "runDate=2025-03-05");
    assertThat(nextNight.exitCode()).as(nextNight.err()).isZero();
    assertThat(Files.readAllBytes(first)).isEqualTo(firstNight);
    assertThat(dir.resolve("out/export-2025-03-05.manifest.json")).exists();
  }
}

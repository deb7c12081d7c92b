package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output linear in input, memory flat for any row: the job, in a JVM of 96 MB of heap (H2 caches
 * included), takes a row with the most eventIds allowed, a row whose every eventId is a warning,
 * and a row of 200,000 eventIds (rejected 11012); every warning names its row and its id only.
 */
class RowSizeFunctionalTests {
  @TempDir Path dir;

  @Test
  void rowsOfAnySizeRunInAFlatHeapAndTheirOutputIsLinear() throws Exception {
    JobFixture job = JobFixture.create(dir, 3, 1000);
    String all = ids(IntStream.range(0, 1000).mapToLong(e -> JobFixture.eventLogId(0, e)));
    String missing = ids(LongStream.rangeClosed(1, 1000));
    String huge = ids(LongStream.rangeClosed(1, 200_000));
    Files.write(
        job.input,
        List.of(
            JobFixture.HEADER,
            "mobile," + JobFixture.mobile(0) + ",INSTORE,\"" + all + "\",,,true",
            "mobile," + JobFixture.mobile(2) + ",INSTORE,\"" + missing + "\",,,",
            "mobile," + JobFixture.mobile(1) + ",INSTORE,\"" + huge + "\",,,"),
        StandardCharsets.UTF_8);
    job.set("skipLimit", "0");
    assertThat(
            Cli.run("ledger", "import", job.snapshot.toString(), "--db", job.ledgerDb()).exitCode())
        .isZero();
    job.set("ledger.import", "");

    Process child = runInHeapOf("96m", job);

    assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("the run ends").isTrue();
    String log = Files.readString(dir.resolve("child.log"));
    assertThat(child.exitValue())
        .as(log + Files.readString(dir.resolve("db/ledger-explode.log")))
        .isZero();
    assertThat(Files.readAllLines(job.output())).hasSize(1000);
    List<String> rejects = Files.readAllLines(job.rejects());
    assertThat(rejects).hasSize(1001);
    List<String> warnings = rejects.subList(0, 1000);
    assertThat(warnings)
        .allSatisfy(
            line ->
                assertThat(line)
                    .startsWith("{\"kind\":\"warning\",\"request\":{\"line\":3,")
                    .doesNotContain(",2,3,4,")
                    .hasSizeLessThan(400));
    assertThat(rejects.get(1000))
        .startsWith("{\"kind\":\"rejected\",\"request\":{\"line\":4,")
        .contains("\"code\":11012")
        .hasSizeLessThan(huge.length() + 1000);
  }

  private static String ids(LongStream ids) {
    return ids.mapToObj(Long::toString).collect(Collectors.joining(","));
  }

  private Process runInHeapOf(String heap, JobFixture job) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("run");
    command.add(job.jobFile.toString());
    command.add("chunkSize=1");
    File log = dir.resolve("child.log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }
}

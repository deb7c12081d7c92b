package com.ledgerexplode.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive {@code mvn package} writes beside the jar (a training run of the sample
 * job): run as README runs the jar, from the project's directory, the JVM maps the product's
 * classes from it rather than loading them from the jar.
 */
class ClassDataArchiveTests {
  private static final Path JAR = Path.of("target/ledger-explode.jar");
  private static final Path ARCHIVE = Path.of("target/ledger-explode.jsa");

  @TempDir Path dir;

  @Test
  void theArchiveThePackageWritesServesTheProductsClassesToTheJarRunAsReadmeRunsIt()
      throws Exception {
    assertThat(ARCHIVE).isRegularFile();
    assertThat(Files.getLastModifiedTime(ARCHIVE)).isGreaterThan(Files.getLastModifiedTime(JAR));

    String out =
        run(
            "-XX:SharedArchiveFile=" + ARCHIVE,
            "-Xlog:class+load=info",
            "-jar",
            JAR.toString(),
            "--version");

    assertThat(out)
        .contains("ledger-explode")
        .contains("com.ledgerexplode.cli.Main source: shared objects file (top)")
        .doesNotContain("Unable to use shared archive");
  }

  @Test
  void theTrainingRanTheSampleJobToTheEnd() throws Exception {
    Path log = Path.of("target/cds-training/training.log");

    assertThat(Files.readString(log, UTF_8)).contains("completed (execution 1): ");
  }

  private String run(String... args) throws Exception {
    Path out = dir.resolve("out.txt");
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = Files.readString(out, UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    return text;
  }
}

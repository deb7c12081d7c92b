package com.ledgerexplode.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.testing.TestDatabases;
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

    String out = runWithTheArchive("--version");

    assertThat(out)
        .contains("ledger-explode")
        .contains("com.ledgerexplode.cli.Main source: shared objects file (top)")
        .doesNotContain("Unable to use shared archive");
  }

  @Test
  void aRunOnAPostgreSqlLedgerFindsTheDriversClassesInTheArchiveThoughTheTrainingRanOnH2()
      throws Exception {
    String ledger = TestDatabases.POSTGRESQL.jdbcUrl(TestDatabases.POSTGRESQL.createEmpty());

    String out =
        runWithTheArchive(
            "run",
            "jobs/sample.properties",
            "ledger.db=" + ledger,
            "repository.db=jdbc:h2:" + dir.resolve("repository"),
            "output=" + dir.resolve("sample.jsonl"),
            "logFile=" + dir.resolve("ledger-explode.log"));

    assertThat(out).contains("completed (execution 1): ");
    // the driver's own classes, not the JVM's classes of lambdas, spun as the code that has them
    // runs
    assertThat(
            out.lines()
                .filter(line -> line.contains(" org.postgresql.") && !line.contains("$$Lambda$")))
        .as("the driver's classes the run loaded")
        .isNotEmpty()
        .allMatch(line -> line.endsWith("source: shared objects file (top)"));
  }

  @Test
  void theTrainingRanTheSampleJobToTheEnd() throws Exception {
    Path log = Path.of("target/cds-training/training.log");

    assertThat(Files.readString(log, UTF_8)).contains("completed (execution 1): ");
  }

  /**
   * The jar run as README runs it, with the archive, its arguments these; the classes it loaded.
   */
  private String runWithTheArchive(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "-XX:SharedArchiveFile=" + ARCHIVE,
                "-Xlog:class+load=info",
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    return run(command.toArray(String[]::new));
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

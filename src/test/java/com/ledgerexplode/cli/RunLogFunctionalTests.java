package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.store.DatabaseUnavailableException;
import com.ledgerexplode.store.Databases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log a run leaves: where it is, what it holds, and what it never holds. */
class RunLogFunctionalTests {
  private static final Pattern LOG_PATH = Pattern.compile("(?m)^log: (.+)$");
  private static final Pattern EXECUTION = Pattern.compile("execution (\\d+) started");
  private static final Pattern LOG_LINE =
      Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ");

  @TempDir Path dir;

  @Test
  void aRunLogsToTheFileItPrintsSpringBatchsFlywaysAndHikarisLinesAndOursTaggedWithTheExecution()
      throws Exception {
    JobFixture job = JobFixture.create(dir, 5, 2);

    Cli run = Cli.run("run", job.jobFile.toString(), "--progress-seconds=0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path log = logPath(run);
    assertThat(log)
        .as("beside the job repository's files")
        .isEqualTo(dir.resolve("db/ledger-explode.log"));
    String execution = executionId(run);
    String text = Files.readString(log);
    assertThat(text)
        .contains("Job: [SimpleJob: [name=ledgerExportJob]] launched with the following parameters")
        .contains(
            "INFO  [execution "
                + execution
                + "] o.s.batch.core.step.AbstractStep - Step: [exportStep] executed in ")
        .containsPattern("INFO  o\\.f\\.\\S+ - Successfully applied \\d+ migration")
        .contains("ledger-explode-ledger_db - Start completed.")
        .contains("INFO  com.ledgerexplode.cli.RunCommand - run starts (ledger-explode ")
        .contains("input=" + job.input + ", output=" + job.output())
        .containsPattern(
            "INFO  \\[execution "
                + execution
                + "\\] c\\.l\\.export\\.job\\.ExecutionLog - execution "
                + execution
                + " of run \\d+ starts\n")
        .contains(
            "INFO  [execution "
                + execution
                + "] c.l.export.job.ExecutionLog - execution "
                + execution
                + " ended COMPLETED in ")
        .doesNotContain(" DEBUG ");
    assertThat(run.err())
        .as("standard error keeps its short summary")
        .doesNotContainPattern(LOG_LINE)
        .contains("execution " + execution + " started\nlog: " + log + "\n");
  }

  @Test
  void debugRaisesOurLinesToDebugAndTheNextRunIsBackAtInfo() throws Exception {
    JobFixture job = JobFixture.create(dir, 3, 1);

    Cli debug = Cli.run("run", job.jobFile.toString(), "--debug");

    assertThat(debug.exitCode()).as(debug.err()).isZero();
    String execution = executionId(debug);
    List<String> lines = Files.readAllLines(logPath(debug));
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "DEBUG [execution "
                            + execution
                            + "] c.l.export.job.ExecutionLog - step exportStep COMPLETED: "
                            + job.rows()
                            + " read, "));
    assertThat(lines.stream().filter(line -> line.contains(" DEBUG ")))
        .as("only ours are raised")
        .allMatch(
            line ->
                line.matches(".* DEBUG (\\[execution \\d+\\] )?(c\\.l|com\\.ledgerexplode)\\..*"));

    Path next = dir.resolve("next.log");
    Cli info =
        Cli.run(
            "run",
            job.jobFile.toString(),
            "runDate=2025-03-05",
            "output=" + dir.resolve("out/next.jsonl"),
            "logFile=" + next);
    assertThat(info.exitCode()).as(info.err()).isZero();
    assertThat(logPath(info)).isEqualTo(next);
    assertThat(Files.readString(next)).contains(" INFO ").doesNotContain(" DEBUG ");
  }

  @Test
  void aFailedRunLogsItsCauseAtErrorWithTheStackTrace() throws Exception {
    JobFixture job =
        JobFixture.create(dir, 2, 1).set("logFile", dir.resolve("var/night.log").toString());
    Files.writeString(job.input, "identifierName,identifierValue,colour\nmobile,1,red\n");

    Cli run = Cli.run("run", job.jobFile.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    String execution = executionId(run);
    String text = Files.readString(dir.resolve("var/night.log"));
    assertThat(text)
        .contains(
            "ERROR [execution "
                + execution
                + "] com.ledgerexplode.cli.RunCommand - the run failed: Unknown column 'colour' in the header of"
                + " requests.csv")
        .containsPattern("\n\tat com\\.ledgerexplode\\.")
        .containsPattern(
            "ERROR \\[execution "
                + execution
                + "\\] \\S+ExecutionLog - execution "
                + execution
                + " ended FAILED in \\S+ s: Unknown column 'colour'");
  }

  @Test
  void aRefusedRunSaysSoInTheLogAndPrintsNoPath() throws Exception {
    JobFixture job = JobFixture.create(dir, 2, 1);
    assertThat(Cli.run("run", job.jobFile.toString()).exitCode()).isZero();

    Cli again = Cli.run("run", job.jobFile.toString());

    assertThat(again.exitCode()).isEqualTo(4);
    assertThat(again.err()).doesNotContain("log: ");
    assertThat(Files.readString(dir.resolve("db/ledger-explode.log")))
        .containsPattern(
            "WARN  com\\.ledgerexplode\\.cli\\.RunCommand - the run did not start: .*already completed");
  }

  @Test
  void aPasswordGivenInTheEnvironmentNeverReachesTheLogNorStandardError() throws Exception {
    JobFixture job = JobFixture.create(dir, 4, 2);
    String ledgerPassword = "ledger-s3cret-9f2c";
    String repositoryPassword = "repository-s3cret-41d7";

    Process child =
        childRun(
            job,
            Map.of(
                "LEDGER_DB_USER",
                "etl",
                "LEDGER_DB_PASSWORD",
                ledgerPassword,
                "REPOSITORY_DB_USER",
                "batch",
                "REPOSITORY_DB_PASSWORD",
                repositoryPassword),
            "--debug");

    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("child.out"), StandardCharsets.UTF_8);
    String err = Files.readString(dir.resolve("child.err"), StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(err).isZero();
    assertThatThrownBy(
            () ->
                Databases.open(
                        JobFixture.h2(dir.resolve("db/ledger")),
                        "LEDGER_DB",
                        Map.of("LEDGER_DB_USER", "etl", "LEDGER_DB_PASSWORD", "not-it"))
                    .close())
        .as("the ledger was made with the environment's password")
        .isInstanceOf(DatabaseUnavailableException.class);
    String log = Files.readString(dir.resolve("db/ledger-explode.log"));
    assertThat(log).contains("ledger-explode-ledger_db - Start completed.").contains(" DEBUG ");
    for (String text : List.of(log, out, err, Files.readString(job.manifest()))) {
      assertThat(text).doesNotContain(ledgerPassword).doesNotContain(repositoryPassword);
    }
    assertThat(err)
        .doesNotContainPattern(LOG_LINE)
        .contains("log: " + dir.resolve("db/ledger-explode.log"));
  }

  @Test
  void aUrlThatTriesToHoldASecretNeverPutsItInTheLogNorOnStandardError() throws Exception {
    JobFixture job = JobFixture.create(dir, 2, 1);
    String token = "t0ken-77ab";
    List<String> urls =
        List.of(
            "jdbc:postgresql://127.0.0.1:1/ledger?user=etl&password=" + token,
            "jdbc:postgresql://127.0.0.1:1/ledger?sslpassword=" + token + "&ssl=false",
            "jdbc:postgresql://etl:" + token + "@127.0.0.1:1/ledger",
            "jdbc:h2:mem:ledger;USER=etl;PWD=" + token);

    for (String url : urls) {
      Cli run = Cli.run("run", job.jobFile.toString(), "ledger.db=" + url, "--debug");

      assertThat(run.exitCode()).as(url).isNotZero();
      assertThat(run.err()).as(url).doesNotContain(token);
    }
    Path log = dir.resolve("db/ledger-explode.log");
    if (Files.exists(log)) {
      assertThat(Files.readString(log)).doesNotContain(token);
    }
  }

  private Process childRun(JobFixture job, Map<String, String> env, String... options)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("run");
    command.add(job.jobFile.toString());
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    return builder
        .redirectOutput(dir.resolve("child.out").toFile())
        .redirectError(dir.resolve("child.err").toFile())
        .start();
  }

  private static Path logPath(Cli run) {
    Matcher matcher = LOG_PATH.matcher(run.err());
    assertThat(matcher.find()).as(run.err()).isTrue();
    return Path.of(matcher.group(1));
  }

  private static String executionId(Cli run) {
    Matcher matcher = EXECUTION.matcher(run.err());
    if (!matcher.find()) {
      matcher = Pattern.compile("execution (\\d+)").matcher(run.err());
      assertThat(matcher.find()).as(run.err()).isTrue();
    }
    return matcher.group(1);
  }
}

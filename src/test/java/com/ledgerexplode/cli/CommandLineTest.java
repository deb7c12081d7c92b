package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** PRODUCT.md's "Command line": the commands of the ledger and explode, their output and codes. */
class CommandLineTest {
  private static final Path SAMPLE = Path.of("sample-input", "ledger.jsonl");

  record Outcome(int exitCode, String out, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err), args).execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  static List<TestDatabase> databases() {
    return TestDatabases.both().toList();
  }

  private static String imported(TestDatabase db) {
    DataSource dataSource = db.createEmpty();
    String url = db.jdbcUrl(dataSource);
    Outcome outcome = run("ledger", "import", "--db", url, SAMPLE.toString());
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(outcome.err()).contains("3 orgs", "7 customers", "1 groups", "23 events");
    return url;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void explodeAnswersOneRequestAsTheApisEnvelope(TestDatabase db) {
    String url = imported(db);
    Outcome answered =
        run(
            "explode",
            "--db",
            url,
            "--org",
            "50406",
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventIds=18608683,5",
            "getMaxConversionDetails=true");
    assertThat(answered.exitCode()).as(answered.err()).isEqualTo(ExitCode.OK.code());
    assertThat(answered.out())
        .startsWith("{\"events\":[{\"eventLogId\":18608683,\"eventName\":\"TransactionAdd\"")
        .contains("\"maxConversionDate\":\"2024-09-20 00:00:00.0\"")
        .endsWith(
            "\"warnings\":[{\"status\":false,\"code\":9021,"
                + "\"message\":\"No event found for eventId 5\"}]}\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anApiErrorIsAnsweredAsErrorsWithExitCode5(TestDatabase db) {
    String url = imported(db);
    Outcome rejected =
        run(
            "explode",
            "--db",
            url,
            "--org",
            "50406",
            "identifierName=nick",
            "identifierValue=1",
            "source=INSTORE",
            "eventIds=1");
    assertThat(rejected.exitCode()).isEqualTo(ExitCode.REJECTED.code());
    assertThat(rejected.out())
        .isEqualTo(
            "{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":8013,"
                + "\"message\":\"Identifier name missing or incorrect\"}]}\n");
    Outcome refused =
        run(
            "explode",
            "--db",
            url,
            "--org",
            "50406",
            "--data-scope",
            "other",
            "--data-scope-org",
            "60001",
            "identifierName=id",
            "identifierValue=1",
            "source=ALL",
            "eventIds=1");
    assertThat(refused.exitCode()).isEqualTo(ExitCode.REJECTED.code());
    assertThat(refused.out()).contains("\"code\":310144");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void importingTheSameSnapshotTwiceChangesNothing(TestDatabase db) {
    String url = imported(db);
    Outcome again = run("ledger", "import", "--db", url, SAMPLE.toString());
    assertThat(again.exitCode()).isZero();
    Outcome answered =
        run(
            "explode",
            "--db",
            url,
            "--org",
            "50406",
            "identifierName=id",
            "identifierValue=1001",
            "source=ALL",
            "eventIds=18608683");
    assertThat(answered.out()).containsOnlyOnce("\"eventLogId\":18608683");
  }

  @Test
  void aSnapshotWithABadLineIsNotImportedAndTheLineIsNamed(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(
        bad,
        "{\"kind\":\"org\",\"orgId\":1}\n{\"kind\":\"org\"}\n",
        java.nio.charset.StandardCharsets.UTF_8);
    String url = "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    Outcome outcome = run("ledger", "import", "--db", url, bad.toString());
    assertThat(outcome.exitCode()).isEqualTo(ExitCode.FAILED.code());
    assertThat(outcome.err()).contains("line 2: ").doesNotContain("\tat ");
  }

  private static Outcome importInMemory(Path snapshot) {
    String url = "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    return run("ledger", "import", "--db", url, snapshot.toString());
  }

  /** A snapshot of one line, imported: refused with exit 1, the line named, nothing else said. */
  private static void assertRefusedNaming(Path dir, String line, String badLine) throws Exception {
    Path snapshot = Files.writeString(dir.resolve("s.jsonl"), line);
    Outcome outcome = importInMemory(snapshot);
    assertThat(outcome.exitCode()).isEqualTo(ExitCode.FAILED.code());
    assertThat(outcome.err())
        .isEqualTo(
            "ledger-explode: "
                + snapshot
                + ": 1 bad line; nothing was imported"
                + System.lineSeparator()
                + badLine
                + "\n");
  }

  @Test
  void aSnapshotWithTwoRecordsOfOneKeyIsNotImportedAndBothLinesAreNamed(@TempDir Path dir)
      throws Exception {
    assertRefusedNaming(
        dir,
        "{\"kind\":\"org\",\"orgId\":1}\n{\"kind\":\"org\",\"orgId\":1}\n",
        "line 2: org 1 already at line 1");
  }

  @Test
  void aSnapshotReferringToARecordItDoesNotHaveIsNotImportedAndTheRecordIsNamed(@TempDir Path dir)
      throws Exception {
    assertRefusedNaming(
        dir,
        "{\"kind\":\"customer\",\"orgId\":9,\"customerId\":1}\n",
        "line 1: org 9 is not in the ledger or this file");
  }

  @Test
  void aSnapshotWithANegativeIdIsNotImportedAndTheFieldIsNamed(@TempDir Path dir) throws Exception {
    assertRefusedNaming(
        dir, "{\"kind\":\"org\",\"orgId\":-1}\n", "line 1: orgId: not a positive id: -1");
  }

  @Test
  void anEmptySnapshotIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.jsonl"));
    Outcome outcome = importInMemory(empty);
    assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(outcome.err())
        .isEqualTo(
            "ledger-explode: " + empty + " is empty: no record to import; nothing was imported\n");
  }

  @Test
  void badUsageSaysWhatIsWrongInOneLineWithExitCode2() {
    Outcome unknown = run("explode", "--org", "50406", "identifierNme=mobile");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(unknown.err()).startsWith("ledger-explode: Unknown parameter 'identifierNme'");
    Outcome missingFile =
        run(
            "ledger",
            "import",
            "--db",
            "jdbc:h2:mem:x" + System.nanoTime(),
            "no/such/snapshot.jsonl");
    assertThat(missingFile.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(missingFile.err())
        .isEqualTo("ledger-explode: file not found: no/such/snapshot.jsonl\n");
  }

  @Test
  void anUnreachableDatabaseIsOneLineAndExitCode1() {
    Outcome outcome =
        run(
            "explode",
            "--db",
            "jdbc:postgresql://127.0.0.1:1/ledger?connectTimeout=2",
            "--org",
            "1",
            "identifierName=id");
    assertThat(outcome.exitCode()).isEqualTo(ExitCode.FAILED.code());
    assertThat(outcome.err()).startsWith("ledger-explode: Cannot connect to jdbc:postgresql://");
    assertThat(outcome.err().lines()).hasSize(1);
  }

  @Test
  void aDatabaseInAFailureIsNamedWithoutItsSecrets() {
    Outcome outcome =
        run(
            "explode",
            "--db",
            "jdbc:postgresql://127.0.0.1:1/ledger?connectTimeout=2&sslpassword=s3cret",
            "--org",
            "1",
            "identifierName=id");
    assertThat(outcome.exitCode()).isEqualTo(ExitCode.FAILED.code());
    assertThat(outcome.err())
        .startsWith(
            "ledger-explode: Cannot connect to"
                + " jdbc:postgresql://127.0.0.1:1/ledger?connectTimeout=2&sslpassword=***: ")
        .doesNotContain("s3cret");
  }

  @Test
  void theLedgerCommandsAndTheJobDefaultToTheSameLedgerStore() {
    LedgerDatabaseOption option = CommandLine.populateCommand(new LedgerDatabaseOption());
    JobSettings job =
        JobSettings.of(
            Map.of("input", "in/requests.csv", "output", "out/x.jsonl", "org", "50406"),
            LocalDate.of(2025, 3, 4));

    assertThat(option.url).isEqualTo(job.ledgerDb());
  }

  @Test
  void generateWritesTheSameFilesForTheSameSeed(@TempDir Path dir) throws Exception {
    Outcome first =
        run("ledger", "generate", "--out", dir.resolve("a").toString(), "--customers", "50");
    Outcome second =
        run("ledger", "generate", "--out", dir.resolve("b").toString(), "--customers", "50");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).isZero();
    assertThat(Files.mismatch(dir.resolve("a/ledger.jsonl"), dir.resolve("b/ledger.jsonl")))
        .isEqualTo(-1L);
    assertThat(Files.mismatch(dir.resolve("a/requests.csv"), dir.resolve("b/requests.csv")))
        .isEqualTo(-1L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ledger", "ledger import", "ledger generate", "explode"})
  void everyCommandAnswersHelp(String command) {
    List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
    args.removeIf(String::isEmpty);
    args.add("--help");
    Outcome help = run(args.toArray(String[]::new));
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("Usage: ledger-explode");
  }
}

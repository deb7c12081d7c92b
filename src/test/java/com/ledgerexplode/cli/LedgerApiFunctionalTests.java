package com.ledgerexplode.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.ledgerexplode.serve.AccessLog;
import com.ledgerexplode.serve.Credentials;
import com.ledgerexplode.serve.LedgerServer;
import com.ledgerexplode.serve.ServeSettings;
import com.ledgerexplode.store.Databases;
import com.ledgerexplode.store.LedgerDatabase;
import com.ledgerexplode.testing.ReportedOverTheApi;
import com.ledgerexplode.testing.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The vendor's API as the job's ledger ({@code ledger.api}), against our own {@code serve} over the
 * same generated ledger that a run over the store reads: the same bytes, SELF and OTHER; the same
 * bytes through a fault-injecting proxy (WireMock) in front of it, or one line naming the row and a
 * rerun that completes identical; a SIGKILL mid-run then the same command; and no credential
 * anywhere. The job runs in child JVMs, since its credential comes from the environment only.
 */
class LedgerApiFunctionalTests {
  private static final String PASSWORD = "nightly-Pa55word-" + Long.toHexString(System.nanoTime());
  private static final String TOKEN = Credentials.newToken();

  @TempDir static Path dir;
  static Path generated;
  static String ledgerUrl;
  static LedgerDatabase database;
  static AccessLog accessLog;
  static LedgerServer server;
  static final List<String> failures = new CopyOnWriteArrayList<>();
  static final WireMockServer proxy = new WireMockServer(options().dynamicPort());

  /** The store's exports, SELF and OTHER: export and rejects. */
  static byte[] selfExport;

  static byte[] selfRejects;
  static byte[] otherExport;
  static byte[] otherRejects;

  /** Every child run's standard output and error, checked for credentials at the end. */
  static final List<Path> childOutputs = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void generateImportServeAndExportOverTheStore() throws Exception {
    generated = dir.resolve("generated");
    Cli generate = Cli.generate(generated, 300, 5, 8);
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    ledgerUrl = JobFixture.h2(dir.resolve("db/ledger"));
    Cli imported =
        Cli.run(
            "ledger", "import", "--db", ledgerUrl, generated.resolve("ledger.jsonl").toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();

    Path credentials = dir.resolve("serve/credentials.properties");
    writeLines(
        credentials,
        List.of(
            "user.nightly.passwordHash=" + new BCryptPasswordEncoder(4).encode(PASSWORD),
            "user.nightly.org=50406",
            "user.nightly.connectedOrgs=4000218,4000219",
            "token.batch.sha256=" + Credentials.tokenHash(TOKEN),
            "token.batch.org=50406",
            "token.batch.connectedOrgs=4000218,4000219"));
    database = LedgerDatabase.open(ledgerUrl, 4);
    accessLog = AccessLog.open(dir.resolve("serve/access.log"), false);
    server =
        new LedgerServer(
                ServeFixture.settings(),
                database.store(),
                () -> database.reachable(2),
                Credentials.load(credentials),
                accessLog,
                failures::add)
            .start();
    proxy.start();

    Path self = storeRun("self");
    selfExport = Files.readAllBytes(self);
    selfRejects = Files.readAllBytes(rejectsOf(self));
    Path other = storeRun("other", "dataScope=OTHER", "dataScopeOrgs=4000218");
    otherExport = Files.readAllBytes(other);
    otherRejects = Files.readAllBytes(rejectsOf(other));
    assertThat(selfExport).isNotEmpty();
    assertThat(otherExport).isNotEmpty();
  }

  @AfterAll
  static void stopAll() throws IOException {
    proxy.stop();
    if (server != null) {
      server.stop();
    }
    if (database != null) {
      database.close();
    }
    if (accessLog != null) {
      accessLog.close();
    }
  }

  @Test
  void selfOverServeWritesTheStoresBytes() throws Exception {
    Path output = dir.resolve("api-self/export.jsonl");

    Child run = apiRun("api-self", serveUrl(), basic(), "pageSize=7");

    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(Files.readAllBytes(output)).isEqualTo(selfExport);
    assertThat(Files.readAllBytes(rejectsOf(output))).isEqualTo(selfRejects);
    assertThat(failures).isEmpty();
  }

  @Test
  void aPartitionedRunOverServeWritesTheStoresBytes() throws Exception {
    Path output = dir.resolve("api-partitioned/export.jsonl");

    Child run = apiRun("api-partitioned", serveUrl(), basic(), "partitions=3", "chunkSize=7");

    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(Files.readAllBytes(output)).isEqualTo(selfExport);
    assertThat(Files.readAllBytes(rejectsOf(output))).isEqualTo(selfRejects);
    assertThat(failures).isEmpty();
  }

  @Test
  void selfOverServesV2WritesTheStoresBytes() throws Exception {
    Path output = dir.resolve("api-v2/export.jsonl");

    Child run = apiRun("api-v2", serveUrl(), basic(), "api.version=v2", "api.concurrency=1");

    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(Files.readAllBytes(output)).isEqualTo(selfExport);
    assertThat(Files.readAllBytes(rejectsOf(output))).isEqualTo(selfRejects);
  }

  @Test
  void otherScopeOverServeWithATokenWritesTheStoresBytes() throws Exception {
    Path output = dir.resolve("api-other/export.jsonl");

    Child run =
        apiRun(
            "api-other",
            serveUrl(),
            Map.of("LEDGER_API_TOKEN", TOKEN),
            "dataScope=OTHER",
            "dataScopeOrgs=4000218",
            "api.concurrency=8");

    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(Files.readAllBytes(output)).isEqualTo(otherExport);
    assertThat(Files.readAllBytes(rejectsOf(output))).isEqualTo(otherRejects);
  }

  @Test
  void throughFaultsThatPassTheRunCompletesWithTheStoresBytes() throws Exception {
    proxy.resetAll();
    proxy.stubFor(get(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(serveUrl())));
    List<String> customers = identifierValues(6);
    faultOnce(customers.get(0), aResponse().withStatus(429).withHeader("Retry-After", "1"));
    faultOnce(customers.get(1), aResponse().withStatus(503));
    faultOnce(customers.get(2), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    faultOnce(customers.get(3), aResponse().withFixedDelay(4_000).proxiedFrom(serveUrl()));
    faultOnce(customers.get(4), aResponse().withStatus(200).withBody("<html>proxy error</html>"));
    faultOnce(
        customers.get(5),
        aResponse()
            .withStatus(500)
            .withBody(
                "{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":9003,"
                    + "\"message\":\"getLedgerExplodeInfo failed\"}]}"));
    Path output = dir.resolve("faults-pass/export.jsonl");

    Child run = apiRun("faults-pass", proxyUrl(), basic(), "api.timeout=1s");

    assertThat(run.exitCode).as(run.err).isZero();
    assertThat(Files.readAllBytes(output)).isEqualTo(selfExport);
    assertThat(Files.readAllBytes(rejectsOf(output))).isEqualTo(selfRejects);
    assertThat(proxy.getAllScenarios().getScenarios())
        .allSatisfy(scenario -> assertThat(scenario.getState()).isEqualTo("passed"));
  }

  @Test
  void aRowStillFailingFailsTheRunWithOneLineAndTheRerunCompletesIdentical() throws Exception {
    proxy.resetAll();
    proxy.stubFor(get(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(serveUrl())));
    String customer = identifierValues(12).get(11);
    proxy.stubFor(
        row(customer)
            .atPriority(1)
            .willReturn(aResponse().withStatus(200).withBody("garbage, not JSON")));
    Path output = dir.resolve("faults-fail/export.jsonl");

    // four attempts, waiting 0.1, 0.2 and 0.4 s: the job's own retry settings, and a quicker test
    Child failed =
        apiRun(
            "faults-fail",
            proxyUrl(),
            basic(),
            "chunkSize=5",
            "api.attempts=4",
            "api.retryWait=100ms");

    assertThat(failed.exitCode).as(failed.err).isEqualTo(1);
    String failure =
        failed.err.lines().filter(l -> l.contains("is not its JSON")).findFirst().orElse("");
    assertThat(failure)
        .as(failed.err)
        .matches(
            ".*line \\d+: the API's answer to /v2\\.1/pointsLedger/getLedgerExplodeInfo"
                + " is not its JSON: .*\\(after 4 attempts\\).*");
    assertThat(failed.err).doesNotContain("\tat ").doesNotContain(customer);

    proxy.resetAll();
    proxy.stubFor(get(anyUrl()).willReturn(aResponse().proxiedFrom(serveUrl())));
    Child rerun = apiRun("faults-fail", proxyUrl(), basic(), "chunkSize=5");

    assertThat(rerun.exitCode).as(rerun.err).isZero();
    assertThat(Files.readAllBytes(output)).isEqualTo(selfExport);
    assertThat(Files.readAllBytes(rejectsOf(output))).isEqualTo(selfRejects);
  }

  @Test
  void aRefusedCredentialFailsTheRunWithOneLineThatDoesNotShowIt() throws Exception {
    String wrong = "wrong-" + PASSWORD;

    Child run =
        apiRun(
            "refused",
            serveUrl(),
            Map.of("LEDGER_API_USER", "nightly", "LEDGER_API_PASSWORD", wrong));

    assertThat(run.exitCode).as(run.err).isEqualTo(1);
    assertThat(run.err)
        .contains(
            "the API refused the credential at /v2.1/pointsLedger/getLedgerExplodeInfo (HTTP 401)");
    assertThat(run.err).doesNotContain(wrong).doesNotContain("\tat ");
  }

  @Test
  void atServesOwnLimitTheRunIsNeverRefusedAndWritesTheStoresBytes() throws Exception {
    // 12 rows (and the scope's probe), 5 requests a second on both ends: the job's client spaces
    // them, so serve, counting its own fixed windows from the first, never answers 429
    List<String> lines = Files.readAllLines(generated.resolve("requests.csv"));
    Path requests = dir.resolve("rate/requests.csv");
    Files.createDirectories(requests.getParent());
    Files.write(requests, lines.subList(0, 13));
    Path store = storeRun("rate-store", "input=" + requests);
    Path accessFile = dir.resolve("rate/access.log");
    LedgerServer limited;
    try (AccessLog rateLog = AccessLog.open(accessFile, false)) {
      limited =
          new LedgerServer(
                  new ServeSettings(
                      "127.0.0.1", 0, 4, 5, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                  database.store(),
                  () -> database.reachable(2),
                  Credentials.load(dir.resolve("serve/credentials.properties")),
                  rateLog,
                  failures::add)
              .start();
      try {
        Child run =
            apiRun(
                "rate-api",
                "http://127.0.0.1:" + limited.port(),
                basic(),
                "input=" + requests,
                "api.requestsPerMinute=5",
                "api.rateWindow=1s",
                "api.concurrency=4");

        assertThat(run.exitCode).as(run.err).isZero();
      } finally {
        limited.stop();
      }
    }
    Path output = dir.resolve("rate-api/export.jsonl");
    assertThat(Files.readAllBytes(output)).isEqualTo(Files.readAllBytes(store));
    assertThat(Files.readAllBytes(rejectsOf(output)))
        .isEqualTo(Files.readAllBytes(rejectsOf(store)));
    List<String> served = Files.readAllLines(accessFile);
    assertThat(served).as("more requests than the limit").hasSizeGreaterThan(5 + 5);
    assertThat(served).noneMatch(line -> line.matches(".* 429 \\d+ms .*"));
  }

  @Test
  void aScopeTheCredentialMayNotReadStopsTheRunAtItsStartWithOneLineAndExits2() throws Exception {
    Path output = dir.resolve("scope-refused/export.jsonl");

    Child run =
        apiRun("scope-refused", serveUrl(), basic(), "dataScope=OTHER", "dataScopeOrgs=4000220");

    assertThat(run.exitCode).as(run.err).isEqualTo(2);
    assertThat(run.err)
        .isEqualTo("ledger-explode: 310144: Credential nightly may not read org 4000220\n");
    assertThat(output).doesNotExist();
    assertThat(rejectsOf(output)).doesNotExist();
    assertThat(output.resolveSibling("export.manifest.json")).doesNotExist();
    assertThat(Cli.run("status", jobFile("scope-refused").toString()).out())
        .startsWith("no executions");
  }

  @Test
  void killedMidRunOverHttpThenTheSameCommandWritesTheSameBytes() throws Exception {
    Path output = dir.resolve("killed/export.jsonl");
    Process child =
        start(
            "killed",
            dir.resolve("killed/child-killed"),
            serveUrl(),
            basic(),
            "chunkSize=1",
            "api.concurrency=1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(Files.exists(output) && Files.size(output) > selfExport.length / 2)) {
      assertThat(child.isAlive()).as("the child ended before it was killed").isTrue();
      assertThat(System.nanoTime()).as("the export grew too slowly").isLessThan(deadline);
      Thread.sleep(20);
    }
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output.resolveSibling("export.manifest.json")).doesNotExist();

    Child rerun = apiRun("killed", serveUrl(), basic(), "chunkSize=7");

    assertThat(rerun.exitCode).as(rerun.err).isZero();
    assertThat(rerun.err).contains("(pid " + child.pid() + ") had died; marked FAILED");
    assertThat(Files.readAllBytes(output)).isEqualTo(selfExport);
    assertThat(Files.readAllBytes(rejectsOf(output))).isEqualTo(selfRejects);
  }

  @Test
  void aReportingDatabaseOnH2OverServeIsFilledAsOverTheStore() throws Exception {
    String store = JobFixture.h2(dir.resolve("reporting-store/reporting"));
    String api = JobFixture.h2(dir.resolve("reporting-api/reporting"));

    assertReportedAsOverTheStore("reporting", store, api);
  }

  @Test
  void aReportingDatabaseOnPostgresqlOverServeWithScopeOtherIsFilledAsOverTheStore()
      throws Exception {
    String store = TestDatabases.POSTGRESQL.jdbcUrl(TestDatabases.POSTGRESQL.createEmpty());
    String api = TestDatabases.POSTGRESQL.jdbcUrl(TestDatabases.POSTGRESQL.createEmpty());

    assertReportedAsOverTheStore(
        "reporting-other", store, api, "dataScope=OTHER", "dataScopeOrgs=4000218");
  }

  /**
   * The job into the reporting database {@code api} over serve fills every table as the same job
   * into {@code store} over the store does, but for what the API's event object does not carry.
   */
  private static void assertReportedAsOverTheStore(
      String name, String store, String api, String... overrides) throws Exception {
    List<String> storeArgs = new ArrayList<>(List.of("output=" + store));
    storeArgs.addAll(List.of(overrides));
    storeRun(name + "-store", storeArgs.toArray(String[]::new));
    List<String> apiArgs = new ArrayList<>(List.of("output=" + api));
    apiArgs.addAll(List.of(overrides));

    Child run = apiRun(name + "-api", serveUrl(), basic(), apiArgs.toArray(String[]::new));

    assertThat(run.exitCode).as(run.err).isZero();
    Map<String, List<Map<String, Object>>> overStore = reportingRows(store);
    Map<String, List<Map<String, Object>>> overApi = reportingRows(api);
    assertThat(overStore.get("report_event")).isNotEmpty();
    assertThat(overStore.get("report_points")).isNotEmpty();
    assertThat(overStore.get("report_reject")).isNotEmpty();
    // the run's settings name where it ran: its output, its ledger, its repository and log
    assertThat(runIdentity(overApi)).isEqualTo(runIdentity(overStore));
    assertThat(overApi).isEqualTo(ReportedOverTheApi.fromStore(overStore));
  }

  /** The settings of the run's row that are its identity; the row keeps the others. */
  private static Map<String, Object> runIdentity(Map<String, List<Map<String, Object>>> tables) {
    assertThat(tables.get("report_run")).hasSize(1);
    Map<String, Object> run = tables.get("report_run").get(0);
    Map<String, Object> settings =
        new LinkedHashMap<>(
            tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readValue(
                    String.valueOf(run.remove("settings")),
                    new tools.jackson.core.type.TypeReference<Map<String, Object>>() {}));
    settings
        .keySet()
        .removeIf(
            key ->
                key.startsWith("api.")
                    || List.of("output", "ledger.db", "ledger.api", "repository.db", "logFile")
                        .contains(key));
    return settings;
  }

  private static Map<String, List<Map<String, Object>>> reportingRows(String url) {
    try (HikariDataSource db = Databases.open(url, "REPORTING_DB")) {
      return ReportingTables.allRows(new JdbcTemplate(db));
    }
  }

  @Test
  void aRowAskingMoreEventIdsThanTheBoundIsRejectedAsOverTheStoreAndNeverSent() throws Exception {
    List<String> customers = identifierValues(3);
    StringBuilder ids = new StringBuilder();
    for (int id = 1; id <= 11; id++) {
      ids.append(id == 1 ? "" : ",").append(18_000_000 + id);
    }
    Path requests = dir.resolve("bound/requests.csv");
    writeLines(
        requests,
        List.of(
            "identifierName,identifierValue,source,eventIds",
            "mobile," + customers.get(0) + ",INSTORE,",
            "mobile," + customers.get(1) + ",INSTORE,\"" + ids + "\"",
            "mobile," + customers.get(2) + ",INSTORE,"));
    Path store = storeRun("bound-store", "input=" + requests, "maxEventIdsPerRow=10");
    proxy.resetAll();
    proxy.stubFor(get(anyUrl()).willReturn(aResponse().proxiedFrom(serveUrl())));

    Child run =
        apiRun("bound-api", proxyUrl(), basic(), "input=" + requests, "maxEventIdsPerRow=10");

    assertThat(run.exitCode).as(run.err).isZero();
    Path output = dir.resolve("bound-api/export.jsonl");
    assertThat(Files.readAllBytes(output)).isEqualTo(Files.readAllBytes(store));
    assertThat(Files.readAllBytes(rejectsOf(output)))
        .isEqualTo(Files.readAllBytes(rejectsOf(store)));
    assertThat(Files.readString(rejectsOf(output)))
        .contains(
            "\"code\":11012,\"message\":\"At most 10 eventIds are allowed per request, 11"
                + " given\"");
    assertThat(proxy.findAll(rowRequested(customers.get(1)))).isEmpty();
    assertThat(proxy.findAll(rowRequested(customers.get(0)))).isNotEmpty();
    assertThat(proxy.findAll(rowRequested(customers.get(2)))).isNotEmpty();
  }

  private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder rowRequested(
      String identifierValue) {
    return getRequestedFor(urlPathMatching("/v2\\.1?/pointsLedger/getLedgerExplodeInfo"))
        .withQueryParam("identifierValue", equalTo(identifierValue));
  }

  @Test
  void noCredentialInAnyOutputLogStatusOrManifest() throws Exception {
    Child run = apiRun("secrets", serveUrl(), basic(), "--debug");
    assertThat(run.exitCode).as(run.err).isZero();
    Child token = apiRun("secrets-token", serveUrl(), Map.of("LEDGER_API_TOKEN", TOKEN));
    assertThat(token.exitCode).as(token.err).isZero();
    Cli status = Cli.run("status", jobFile("secrets").toString(), "--json");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("COMPLETED");

    List<String> texts = new ArrayList<>(List.of(status.out(), status.err()));
    for (String name : List.of("secrets", "secrets-token")) {
      texts.add(Files.readString(dir.resolve(name + "/export.manifest.json")));
      texts.add(Files.readString(dir.resolve(name + "/run.log")));
    }
    for (Path output : childOutputs) {
      texts.add(Files.readString(output));
    }
    texts.add(Files.readString(dir.resolve("serve/access.log")));
    for (String text : texts) {
      assertThat(text).doesNotContain(PASSWORD).doesNotContain(TOKEN);
      assertThat(text)
          .doesNotContain(
              java.util.Base64.getEncoder()
                  .encodeToString(("nightly:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static Map<String, String> basic() {
    return Map.of("LEDGER_API_USER", "nightly", "LEDGER_API_PASSWORD", PASSWORD);
  }

  private static String serveUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  private static String proxyUrl() {
    return "http://127.0.0.1:" + proxy.port();
  }

  private static MappingBuilder row(String identifierValue) {
    return get(urlPathMatching("/v2\\.1?/pointsLedger/getLedgerExplodeInfo"))
        .withQueryParam("identifierValue", equalTo(identifierValue));
  }

  /** The first answer to the row of this customer is {@code fault}; the next ones pass. */
  private static void faultOnce(String identifierValue, ResponseDefinitionBuilder fault) {
    String scenario = "fault " + identifierValue;
    proxy.stubFor(
        row(identifierValue)
            .atPriority(1)
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("passed")
            .willReturn(fault));
  }

  /**
   * The identifier values of the requests' first {@code count} distinct mobile rows, so that a
   * fault hits the requests of one row (the generated rows name their customers by mobile).
   */
  private static List<String> identifierValues(int count) throws IOException {
    List<String> lines = Files.readAllLines(generated.resolve("requests.csv"));
    List<String> header = List.of(lines.get(0).split(",", -1));
    int name = header.indexOf("identifierName");
    int value = header.indexOf("identifierValue");
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (cells.length > Math.max(name, value)
          && cells[name].equals("mobile")
          && cells[value].matches("\\d+")) {
        seen.merge(cells[value], 1, Integer::sum);
      }
    }
    Set<String> once = new LinkedHashSet<>();
    seen.forEach(
        (v, n) -> {
          if (n == 1) {
            once.add(v);
          }
        });
    assertThat(once).hasSizeGreaterThanOrEqualTo(count);
    return new ArrayList<>(once).subList(0, count);
  }

  /** Writes the file, its directory created, one line per element, each ended by a newline. */
  private static void writeLines(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static Path rejectsOf(Path output) {
    return output.resolveSibling("export.rejects.jsonl");
  }

  private static Path jobFile(String name) {
    return dir.resolve(name + "/job.properties");
  }

  /** The job file of a run in {@code dir/name}, its own repository and log, over the API or not. */
  private static Path writeJob(String name, List<String> ledger) throws IOException {
    Path job = jobFile(name);
    if (Files.exists(job)) {
      return job;
    }
    Files.createDirectories(job.getParent());
    List<String> lines = new ArrayList<>();
    lines.add("input=" + generated.resolve("requests.csv"));
    lines.add("output=" + dir.resolve(name + "/export.jsonl"));
    lines.add("org=50406");
    lines.addAll(ledger);
    lines.add("repository.db=" + JobFixture.h2(dir.resolve(name + "/repository")));
    lines.add("logFile=" + dir.resolve(name + "/run.log"));
    lines.add("runDate=2025-03-04");
    lines.addAll(GeneratedLedgerExportTests.SECTION_DEFAULTS);
    Files.write(
        job, lines.stream().map(l -> l.replace("\\", "\\\\")).toList(), StandardCharsets.UTF_8);
    return job;
  }

  private static Path storeRun(String name, String... overrides) throws IOException {
    Path job = writeJob(name, List.of("ledger.db=" + ledgerUrl));
    List<String> args = new ArrayList<>(List.of("run", job.toString()));
    args.addAll(List.of(overrides));
    Cli run = Cli.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return dir.resolve(name + "/export.jsonl");
  }

  private record Child(int exitCode, String out, String err) {}

  private static final AtomicInteger CHILDREN = new AtomicInteger();

  private static Child apiRun(
      String name, String apiUrl, Map<String, String> env, String... overrides) throws Exception {
    Path out = dir.resolve(name + "/child-" + CHILDREN.incrementAndGet());
    Process child = start(name, out, apiUrl, env, overrides);
    assertThat(child.waitFor(240, TimeUnit.SECONDS)).as("the run ended").isTrue();
    return new Child(
        child.exitValue(),
        Files.readString(out.resolveSibling(out.getFileName() + ".out")),
        Files.readString(out.resolveSibling(out.getFileName() + ".err")));
  }

  /**
   * The job over the API in a child JVM, its credential in its environment alone; its standard
   * output and error in {@code outputs.out} and {@code outputs.err}.
   */
  private static Process start(
      String name, Path outputs, String apiUrl, Map<String, String> env, String... overrides)
      throws Exception {
    // the client spaces its requests evenly (600 a minute by default): fast enough for these runs,
    // and far under serve's limit
    Path job = writeJob(name, List.of("ledger.api=" + apiUrl, "api.requestsPerMinute=60000"));
    List<String> args = new ArrayList<>(List.of("run", job.toString()));
    args.addAll(List.of(overrides));
    ProcessBuilder builder = Cli.child(args);
    builder.environment().remove("LEDGER_API_USER");
    builder.environment().remove("LEDGER_API_PASSWORD");
    builder.environment().remove("LEDGER_API_TOKEN");
    builder.environment().putAll(env);
    Path out = outputs.resolveSibling(outputs.getFileName() + ".out");
    Path err = outputs.resolveSibling(outputs.getFileName() + ".err");
    childOutputs.add(out);
    childOutputs.add(err);
    return builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
  }
}

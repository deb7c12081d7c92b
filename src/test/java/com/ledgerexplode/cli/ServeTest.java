package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.LedgerPort;
import com.ledgerexplode.serve.Credentials;
import com.ledgerexplode.serve.ServeSettings;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code serve}: getLedgerExplodeInfo over HTTP, as README's "Serving the API" says it answers. */
class ServeTest {
  private static final String V2 = "/v2/pointsLedger/getLedgerExplodeInfo";
  private static final String V2_1 = "/v2.1/pointsLedger/getLedgerExplodeInfo";

  /** A bill with every section, a 9021 warning (event 5) and a currency filter's 9018. */
  private static final Map<String, String> BILL =
      query(
          "identifierName=mobile",
          "identifierValue=917406401004",
          "source=INSTORE",
          "eventIds=18608683,5",
          "getBillDetails=true",
          "getPointsEarnedBreakup=true",
          "getCustomFields=true",
          "getPaymentMode=true",
          "getMaxConversionDetails=true");

  private static final Map<String, String> GROUP =
      query(
          "identifierName=id",
          "identifierValue=1001",
          "source=INSTORE",
          "eventIds=18608683,18608710,18608757,18608759",
          "type=USERGROUP2",
          "getBillDetails=true");

  private static final Map<String, String> BY_REFERENCE =
      query(
          "identifierName=email",
          "identifierValue=ana.silva@example.com",
          "source=ALL",
          "eventName=ReturnBill",
          "eventReferenceIds=2151165932",
          "getBillDetails=true",
          "offset=0",
          "limit=1");

  private static final Map<String, String> NORTH =
      query(
          "identifierName=mobile",
          "identifierValue=917406401004",
          "source=INSTORE",
          "eventIds=18608800,18608683",
          "getBillDetails=true");

  @TempDir static Path shared;

  private static final Map<String, ServeFixture> SHARED = new ConcurrentHashMap<>();

  /** One server per database for the tests that change nothing. */
  private static ServeFixture shared(TestDatabase db) {
    return SHARED.computeIfAbsent(
        db.toString(),
        name -> {
          try {
            return ServeFixture.start(db, Files.createDirectory(shared.resolve(name)));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @AfterAll
  static void stopShared() {
    SHARED.values().forEach(ServeFixture::close);
    SHARED.clear();
  }

  static Map<String, String> query(String... parameters) {
    Map<String, String> query = new LinkedHashMap<>();
    for (String parameter : parameters) {
      int equals = parameter.indexOf('=');
      query.put(parameter.substring(0, equals), parameter.substring(equals + 1));
    }
    return query;
  }

  static Stream<TestDatabase> databases() {
    return TestDatabases.both();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void theV2AnswerIsExplodesOutputByteForByte(TestDatabase db) {
    ServeFixture serve = shared(db);
    for (Map<String, String> request : List.of(BILL, GROUP, BY_REFERENCE)) {
      HttpResponse<String> answer = serve.get(V2, request, "Authorization", serve.ana());
      Cli explode = serve.explode(List.of("--org", "50406"), request);
      assertThat(explode.exitCode()).as(explode.err()).isZero();
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValue("application/json;charset=utf-8");
      assertThat(answer.body()).isEqualTo(explode.out()).contains("\"eventLogId\":");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void a200AnswerNamesTheResolvedCustomerInAHeaderAndAnErrorNone(TestDatabase db) {
    ServeFixture serve = shared(db);
    for (Map<String, String> request : List.of(BILL, GROUP)) {
      HttpResponse<String> answer = serve.get(V2_1, request, "Authorization", serve.ana());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Ledger-Customer-Id")).hasValue("1001");
    }
    Map<String, String> unknown = new LinkedHashMap<>(BILL);
    unknown.put("identifierValue", "910000000000");
    HttpResponse<String> rejected = serve.get(V2_1, unknown, "Authorization", serve.ana());
    assertThat(rejected.statusCode()).isEqualTo(400);
    assertThat(rejected.headers().firstValue("Ledger-Customer-Id")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void v21WithDataScopeOtherIsExplodeWithDataScopeOther(TestDatabase db) {
    ServeFixture serve = shared(db);
    Cli explode =
        serve.explode(
            List.of("--org", "50406", "--data-scope", "OTHER", "--data-scope-org", "4000218"),
            NORTH);
    assertThat(explode.exitCode()).as(explode.err()).isZero();
    assertThat(explode.out()).contains("\"orgId\":4000218");
    for (String header : List.of("DATA-SCOPE-ORG", "DATA-SCOPE-ORGS", "CONNECTED-ORGS")) {
      HttpResponse<String> answer =
          serve.get(
              V2_1, NORTH, "Authorization", serve.ana(), "DATA-SCOPE", "OTHER", header, "4000218");
      assertThat(answer.statusCode()).as(header).isEqualTo(200);
      assertThat(answer.body()).as(header).isEqualTo(explode.out());
    }
    HttpResponse<String> self = serve.get(V2_1, NORTH, "Authorization", serve.ana());
    assertThat(self.body())
        .isEqualTo(serve.explode(List.of("--org", "50406"), NORTH).out())
        .isEqualTo(serve.get(V2, NORTH, "Authorization", serve.ana()).body());
  }

  private static final String CUSTOMER = "identifierName=id&identifierValue=1001&source=INSTORE";

  /** Each error code's request and HTTP status, as README's table gives them. */
  static Stream<Arguments> errorCodes() {
    Map<String, String> other = Map.of("DATA-SCOPE", "OTHER");
    Object[][] table = {
      {11013, 400, V2, "identifierName=mobile&source=INSTORE&eventIds=1", Map.of()},
      {8013, 400, V2, "identifierName=phone&identifierValue=1&source=INSTORE&eventIds=1", Map.of()},
      {8003, 400, V2, "identifierName=mobile&identifierValue=1&source=SHOP&eventIds=1", Map.of()},
      {8015, 400, V2, "identifierName=id&identifierValue=abc&source=INSTORE&eventIds=1", Map.of()},
      {
        8015, 400, V2, "identifierName=mobile&identifierValue=1&source=INSTORE&eventIds=1", Map.of()
      },
      {11021, 400, V2, CUSTOMER + "&eventIds=1&eventName=ReturnBill&eventReferenceIds=2", Map.of()},
      {11023, 400, V2, CUSTOMER, Map.of()},
      {11017, 400, V2, CUSTOMER + "&eventIds=x1", Map.of()},
      {11014, 400, V2, CUSTOMER + "&eventName=DelayedAccrual&eventReferenceIds=2", Map.of()},
      {
        9022,
        400,
        V2,
        CUSTOMER + "&eventName=ReturnBill&eventReferenceIds=1,2,3,4,5,6,7,8,9,10,11",
        Map.of()
      },
      {9005, 400, V2, CUSTOMER + "&eventIds=1&alternateCurrencyNames=a, ,b", Map.of()},
      {11012, 400, V2, CUSTOMER + "&eventIds=1&getBillDetails=yes", Map.of()},
      {11012, 400, V2, CUSTOMER + "&eventIds=1&getbilldetails=true", Map.of()},
      {
        11019,
        400,
        V2,
        "identifierName=id&identifierValue=1&source=INSTORE&eventIds=1"
            + "&getPointsEarnedBreakup=true",
        Map.of("user", "nocap")
      },
      {
        1632,
        400,
        V2,
        "identifierName=id&identifierValue=1004&source=INSTORE&eventIds=1" + "&type=USERGROUP2",
        Map.of()
      },
      {
        310144,
        403,
        V2,
        CUSTOMER + "&eventIds=1",
        Map.of("DATA-SCOPE", "OTHER", "DATA-SCOPE-ORG", "4000218")
      },
      {310144, 403, V2_1, CUSTOMER + "&eventIds=1", other},
      {
        310144,
        403,
        V2_1,
        CUSTOMER + "&eventIds=1",
        Map.of("DATA-SCOPE", "OTHER", "DATA-SCOPE-ORG", "60001")
      },
      {310144, 403, V2_1, CUSTOMER + "&eventIds=1", Map.of("DATA-SCOPE", "ALL")},
    };
    List<Arguments> rows = new ArrayList<>();
    for (TestDatabase db : TestDatabases.both().toList()) {
      for (Object[] row : table) {
        Map<String, String> request = query(((String) row[3]).split("&"));
        rows.add(Arguments.of(db, row[0], row[1], row[2], request, row[4]));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}: {1} is {2} ({3} {4} {5})")
  @MethodSource("errorCodes")
  void eachErrorCodeHasItsHttpStatus(
      TestDatabase db,
      int code,
      int status,
      String path,
      Map<String, String> request,
      Map<String, String> headers) {
    ServeFixture serve = shared(db);
    List<String> sent = new ArrayList<>();
    String user = headers.getOrDefault("user", "ana");
    sent.add("Authorization");
    sent.add(
        user.equals("ana")
            ? serve.ana()
            : ServeFixture.basic("nocap", ServeFixture.NOCAP_PASSWORD));
    headers.forEach(
        (name, value) -> {
          if (!name.equals("user")) {
            sent.add(name);
            sent.add(value);
          }
        });
    HttpResponse<String> answer = serve.get(path, request, sent.toArray(String[]::new));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.body())
        .startsWith("{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":" + code + ",");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void warningsStayInA200Answer(TestDatabase db) {
    ServeFixture serve = shared(db);
    Map<String, String> request =
        query(
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventIds=5",
            "alternateCurrencyNames=nosuch");
    HttpResponse<String> answer = serve.get(V2, request, "Authorization", serve.bearer());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body())
        .isEqualTo(serve.explode(List.of("--org", "50406"), request).out())
        .contains("\"code\":9021");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void withoutValidCredentialsTheAnswerIs401WithItsChallenges(TestDatabase db) {
    ServeFixture serve = shared(db);
    List<String[]> refused =
        List.of(
            new String[0],
            new String[] {"Authorization", ServeFixture.basic("ana", "wrong")},
            new String[] {"Authorization", ServeFixture.basic("nobody", ServeFixture.ANA_PASSWORD)},
            new String[] {"Authorization", "Basic not-base64!"},
            new String[] {"Authorization", "Bearer " + Credentials.newToken()},
            new String[] {"Authorization", "Bearer " + serve.token + "x"},
            new String[] {"Authorization", "Digest " + serve.token});
    for (String[] headers : refused) {
      HttpResponse<String> answer = serve.get(V2, BILL, headers);
      assertThat(answer.statusCode()).as(List.of(headers).toString()).isEqualTo(401);
      assertThat(answer.headers().allValues("WWW-Authenticate"))
          .anyMatch(challenge -> challenge.startsWith("Basic realm="))
          .anyMatch(challenge -> challenge.startsWith("Bearer realm="));
      assertThat(answer.body()).contains("\"code\":401").doesNotContain("eventLogId");
    }
    assertThat(serve.get(V2, BILL, "Authorization", serve.bearer()).statusCode()).isEqualTo(200);
    assertThat(serve.get(V2, BILL, "Authorization", serve.ana()).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void anOrgTheCredentialIsNotGrantedIsRefusedWith310144(TestDatabase db) {
    ServeFixture serve = shared(db);
    // the ledger connects 4000218 to 50406, but the token was granted no connected org
    HttpResponse<String> answer =
        serve.get(
            V2_1,
            NORTH,
            "Authorization",
            serve.bearer(),
            "DATA-SCOPE",
            "OTHER",
            "DATA-SCOPE-ORG",
            "4000218");
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body())
        .isEqualTo(
            "{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":310144,"
                + "\"message\":\"Credential nightly may not read org 4000218\"}]}\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void theRateLimitAnswers429WithRetryAfterAndTheNextWindowPassesAgain(
      TestDatabase db, @TempDir Path dir) throws InterruptedException {
    ServeSettings threePerWindow =
        new ServeSettings("127.0.0.1", 0, 2, 3, Duration.ofSeconds(2), Duration.ofSeconds(5));
    try (ServeFixture serve = ServeFixture.start(db, dir, threePerWindow, port -> port, false)) {
      for (int i = 0; i < 3; i++) {
        assertThat(serve.get(V2, BILL, "Authorization", serve.ana()).statusCode()).isEqualTo(200);
      }
      HttpResponse<String> limited = serve.get(V2, BILL, "Authorization", serve.ana());
      assertThat(limited.statusCode()).isEqualTo(429);
      long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, 2L);
      assertThat(limited.body())
          .startsWith("{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":429,");
      // the limit is each credential's own
      assertThat(serve.get(V2, BILL, "Authorization", serve.bearer()).statusCode()).isEqualTo(200);
      Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter));
      assertThat(serve.get(V2, BILL, "Authorization", serve.ana()).statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void theAccessLogHasNoSecretAndMasksIdentifiersUnlessAsked(TestDatabase db, @TempDir Path dir)
      throws Exception {
    for (boolean logIdentifiers : List.of(false, true)) {
      Path here = Files.createDirectory(dir.resolve("ids-" + logIdentifiers));
      List<String> lines;
      String token;
      try (ServeFixture serve =
          ServeFixture.start(db, here, ServeFixture.settings(), port -> port, logIdentifiers)) {
        token = serve.token;
        serve.get(V2, BY_REFERENCE, "Authorization", serve.ana());
        serve.get(V2, BILL, "Authorization", serve.bearer());
        serve.get(V2, BILL, "Authorization", ServeFixture.basic("ana", "a wrong password"));
        serve.get("/health", Map.of());
        lines = awaitLines(serve.accessLog, 4);
      }
      String log = String.join("\n", lines);
      assertThat(log)
          .doesNotContain(ServeFixture.ANA_PASSWORD, "a wrong password", token)
          .doesNotContain(Credentials.tokenHash(token), "Authorization", "Basic ", "Bearer ");
      assertThat(lines.get(0))
          .matches(
              "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z 127\\.0\\.0\\.1 ana GET "
                  + "/v2/pointsLedger/getLedgerExplodeInfo\\?\\S+ 200 \\d+ms events=1");
      assertThat(lines.get(1)).contains(" nightly GET ", " 200 ", "events=1");
      assertThat(lines.get(2)).contains(" - GET ", " 401 ", "events=-");
      assertThat(lines.get(3)).contains(" - GET /health 200 ");
      if (logIdentifiers) {
        assertThat(lines.get(0))
            .contains("identifierValue=ana.silva%40example.com", "eventReferenceIds=2151165932");
      } else {
        assertThat(lines.get(0))
            .contains("identifierName=email", "identifierValue=***", "eventReferenceIds=***")
            .doesNotContain("ana.silva", "2151165932");
        assertThat(lines.get(1)).contains("identifierValue=***").doesNotContain("917406401004");
      }
    }
  }

  /** The log's lines once it has {@code count}: a request's line follows its answer. */
  private static List<String> awaitLines(Path file, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() >= count || System.nanoTime() > deadline) {
        assertThat(lines).hasSize(count);
        return lines;
      }
      Thread.sleep(20);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void healthIs200WithTheLedgerAnd503WithoutIt(TestDatabase db, @TempDir Path dir) {
    try (ServeFixture serve = ServeFixture.start(db, dir)) {
      HttpResponse<String> up = serve.get("/health", Map.of());
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).isEqualTo("{\"status\":\"UP\"}\n");

      serve.database.close(); // the ledger database lost
      HttpResponse<String> down = serve.get("/health", Map.of());
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\"}\n");
      HttpResponse<String> failed = serve.get(V2, BILL, "Authorization", serve.ana());
      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(failed.body())
          .isEqualTo(
              "{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":9003,"
                  + "\"message\":\"getLedgerExplodeInfo failed: the ledger cannot be read\"}]}\n");
      assertThat(serve.failures)
          .singleElement()
          .asString()
          .startsWith("getLedgerExplodeInfo failed (9003): ")
          .doesNotContain("\n");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aGracefulStopLetsARequestInFlightFinish(TestDatabase db, @TempDir Path dir)
      throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (ServeFixture serve =
        ServeFixture.start(
            db, dir, ServeFixture.settings(), port -> slow(port, entered, release), false)) {
      String expected = serve.explode(List.of("--org", "50406"), BILL).out();
      CompletableFuture<HttpResponse<String>> inFlight =
          CompletableFuture.supplyAsync(() -> serve.get(V2, BILL, "Authorization", serve.ana()));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(serve.server::stop);
      Thread.sleep(300);
      assertThat(stopped).isNotDone();
      assertThat(inFlight).isNotDone();
      HttpResponse<String> during = serve.get(V2, BILL, "Authorization", serve.ana());
      assertThat(during.statusCode()).isEqualTo(503);
      assertThat(during.body()).contains("\"code\":9003", "The server is stopping");
      assertThat(serve.get("/health", Map.of()).statusCode()).isEqualTo(503);
      release.countDown();
      HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo(expected);
      assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(
              CompletableFuture.supplyAsync(() -> serve.get("/health", Map.of()))
                  .handle((response, failure) -> failure != null))
          .succeedsWithin(Duration.ofSeconds(10))
          .isEqualTo(true);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void concurrentRequestsAreAllAnsweredAsExplodeAnswersThem(TestDatabase db) throws Exception {
    ServeFixture serve = shared(db);
    List<Map<String, String>> requests = List.of(BILL, GROUP, BY_REFERENCE, NORTH);
    Map<Map<String, String>, String> expected = new LinkedHashMap<>();
    requests.forEach(r -> expected.put(r, serve.explode(List.of("--org", "50406"), r).out()));
    ExecutorService clients = Executors.newFixedThreadPool(20);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Map<String, String> request = requests.get(i % requests.size());
        String auth = i % 2 == 0 ? serve.ana() : serve.bearer();
        answers.add(
            clients.submit(
                () -> {
                  go.await();
                  HttpResponse<String> answer = serve.get(V2, request, "Authorization", auth);
                  return answer.statusCode() == 200 && answer.body().equals(expected.get(request));
                }));
      }
      go.countDown();
      for (Future<Boolean> answer : answers) {
        assertThat(answer.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void aBadCredentialsFileIsOneClearLineAndExit2(@TempDir Path dir) throws Exception {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("user.ana.password=x\n", "unknown key 'user.ana.password'");
    bad.put("user.ana.passwordHash=plain\nuser.ana.org=1\n", "user.ana.passwordHash: not a bcrypt");
    bad.put("token.t.sha256=abc\ntoken.t.org=1\n", "token.t.sha256: not 64 hexadecimal digits");
    bad.put(
        "user.ana.passwordHash=" + Credentials.hashPassword("p") + "\n", "user.ana.org is missing");
    bad.put("# nothing\n", "no credential");
    int i = 0;
    for (Map.Entry<String, String> file : bad.entrySet()) {
      Path credentials = dir.resolve("credentials-" + i++ + ".properties");
      Files.writeString(credentials, file.getKey());
      Cli serve = Cli.run("serve", "--port", "0", "--credentials", credentials.toString());
      assertThat(serve.exitCode()).isEqualTo(ExitCode.USAGE.code());
      assertThat(serve.out()).isEmpty();
      assertThat(serve.err())
          .isEqualTo(
              "ledger-explode: credentials file "
                  + credentials
                  + ": "
                  + serve.err().substring(serve.err().indexOf(": ", 16) + 2))
          .contains(file.getValue())
          .hasLineCount(1);
    }
  }

  @Test
  void hashPasswordReadsStandardInputAndItsHashVerifies() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("correct horse\n".getBytes(StandardCharsets.UTF_8)));
      Cli hashed = Cli.run("serve", "hash-password", "--user", "ana");
      assertThat(hashed.exitCode()).as(hashed.err()).isZero();
      assertThat(hashed.out()).startsWith("user.ana.passwordHash=$2a$10$").hasLineCount(1);
      String hash = hashed.out().strip().substring("user.ana.passwordHash=".length());
      assertThat(Credentials.passwordMatches("correct horse", hash)).isTrue();
      assertThat(Credentials.passwordMatches("correct horse ", hash)).isFalse();
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void newTokenPrintsTheTokenOnceAndTheLineWithItsHash() {
    Cli token = Cli.run("serve", "new-token", "--name", "nightly");
    assertThat(token.exitCode()).as(token.err()).isZero();
    List<String> lines = token.out().lines().toList();
    assertThat(lines).hasSize(2);
    String secret = lines.get(0).substring("token: ".length());
    assertThat(secret).matches("[A-Za-z0-9_-]{43}");
    assertThat(lines.get(1)).isEqualTo("token.nightly.sha256=" + Credentials.tokenHash(secret));
  }

  /**
   * A ledger port whose lookups of orgs (a request's first) wait until the test releases them: a
   * slow request, made slow by the port and not by the product.
   */
  private static LedgerPort slow(
      LedgerPort ledger, CountDownLatch entered, CountDownLatch release) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("findOrgs")) {
            entered.countDown();
            release.await();
          }
          try {
            return method.invoke(ledger, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (LedgerPort)
        Proxy.newProxyInstance(
            LedgerPort.class.getClassLoader(), new Class<?>[] {LedgerPort.class}, handler);
  }
}

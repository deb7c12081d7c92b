package com.ledgerexplode.vendor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.vendor.VendorApiSettings.RateLimit;
import com.ledgerexplode.vendor.VendorApiSettings.Retries;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The vendor API's client against a fault-injecting WireMock, one test per rule. */
class VendorApiClientTest {
  private static final String V21 = "/v2.1/pointsLedger/getLedgerExplodeInfo";
  private static final String V2 = "/v2/pointsLedger/getLedgerExplodeInfo";
  private static final String PASSWORD = "s3cr3t-Pa55word";
  private static final String TOKEN = "tok-9f8e7d6c5b4a";
  private static final Retries FAST = new Retries(4, ms(10), ms(40), Duration.ofSeconds(5));

  private static final WireMockServer server = new WireMockServer(options().dynamicPort());

  @BeforeAll
  static void start() {
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
  }

  @Test
  void pagesAreFetchedUntilAShortPage() {
    stubPage(0, 2, envelope(List.of(event(1), event(2)), List.of()));
    stubPage(2, 2, envelope(List.of(event(3)), List.of()));

    VendorAnswer answer = fetch(settings(), row(2, "eventIds", "1,2,3"));

    assertThat(ids(answer)).containsExactly(1L, 2L, 3L);
    assertThat(server.getAllServeEvents()).hasSize(2);
  }

  @Test
  void aRowsOwnOffsetAndLimitAreTheWindowFetched() {
    stubPage(1, 2, envelope(List.of(event(2), event(3)), List.of()));
    stubPage(3, 1, envelope(List.of(event(4)), List.of()));

    VendorAnswer answer =
        fetch(settings(), row(2, "eventIds", "1,2,3,4,5", "offset", "1", "limit", "3"));

    assertThat(ids(answer)).containsExactly(2L, 3L, 4L);
    assertThat(server.getAllServeEvents()).hasSize(2);
    server.verify(
        exactly(1),
        getRequestedFor(urlPathEqualTo(V21))
            .withQueryParam("offset", equalTo("3"))
            .withQueryParam("limit", equalTo("1")));
  }

  @Test
  void eventsAreKeptAsTheApiReturnedThemUnknownFieldsKeyOrderAndDigits() {
    String sent =
        "{ \"zeta\": 1, \"eventLogId\" : 7, \"unknownBlock\": {\"b\": [true, null, \"x\\\"y\"],"
            + " \"a\": {}},\n \"value\": 12.50, \"big\": 12345678901234567890,"
            + " \"exp\": 1.0E10, \"neg\": -0.000, \"points\": \"101.000\" }";
    server.stubFor(page(0, 2).willReturn(okJson("{\"events\":[" + sent + "],\"warnings\":[]}")));

    VendorAnswer answer = fetch(settings(), row(2, "eventIds", "7"));

    assertThat(answer.events())
        .containsExactly(
            new VendorEvent(
                "{\"zeta\":1,\"eventLogId\":7,\"unknownBlock\":{\"b\":[true,null,\"x\\\"y\"],"
                    + "\"a\":{}},\"value\":12.50,\"big\":12345678901234567890,"
                    + "\"exp\":1.0E10,\"neg\":-0.000,\"points\":\"101.000\"}"));
  }

  @Test
  void warningsAreMappedAndMergedAcrossPagesAsOneRequestWouldGiveThem() {
    String notFound = warning(9021, "No event found for eventId 99");
    stubPage(0, 2, envelope(List.of(event(1), event(2)), List.of(notFound)));
    stubPage(
        2,
        2,
        envelope(
            List.of(event(3)),
            List.of(
                notFound, warning(9018, "No alternate currency found for names X in event 3"))));

    VendorAnswer answer = fetch(settings(), row(2, "eventIds", "1,99,2,3"));

    assertThat(answer.error()).isNull();
    assertThat(answer.warnings())
        .containsExactly(
            new ApiWarning(9021, "No event found for eventId 99", "99", null),
            new ApiWarning(9018, "No alternate currency found for names X in event 3", "3", null));
  }

  @Test
  void anotherErrorCodeIsTheRowsErrorAfterOneRequest() {
    server.stubFor(
        page(0, 2)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":8015,"
                            + "\"message\":\"Customer not found for the given identifiers\"}]}")));

    VendorAnswer answer = fetch(settings(), row(2, "eventIds", "1"));

    assertThat(answer)
        .isEqualTo(
            new VendorAnswer(
                List.of(),
                List.of(),
                new ApiError(8015, "Customer not found for the given identifiers"),
                null));
    assertThat(server.getAllServeEvents()).hasSize(1);
  }

  @Test
  void theCustomerIsTheAnswersLedgerCustomerIdHeader() {
    server.stubFor(
        page(0, 2)
            .willReturn(
                okJson(envelope(List.of(event(1)), List.of()))
                    .withHeader("Ledger-Customer-Id", "4321")));

    assertThat(fetch(settings(), row(2)).customerId()).isEqualTo(4321L);
  }

  @Test
  void withoutTheHeaderTheCustomerIsTheIdTheRequestNamesElseNone() {
    server.stubFor(page(0, 2).willReturn(okJson(envelope(List.of(event(1)), List.of()))));

    assertThat(fetch(settings(), row(2)).customerId()).isNull();
    assertThat(
            fetch(settings(), row(2, "identifierName", "cuid", "identifierValue", "77"))
                .customerId())
        .isEqualTo(77L);
    assertThat(
            fetch(settings(), row(2, "identifierName", "CustomerID", "identifierValue", "78"))
                .customerId())
        .isEqualTo(78L);
    assertThat(
            fetch(settings(), row(2, "identifierName", "id", "identifierValue", "x9")).customerId())
        .isNull();
  }

  @Test
  void basicCredentialsAreSentFromTheEnvironment() {
    server.stubFor(page(0, 2).willReturn(okJson(envelope(List.of(), List.of()))));

    fetch(settings(), Map.of("LEDGER_API_USER", "ops", "LEDGER_API_PASSWORD", PASSWORD), row(2));

    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(("ops:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    server.verify(
        getRequestedFor(urlPathEqualTo(V21))
            .withHeader("Authorization", equalTo("Basic " + basic)));
  }

  @Test
  void aBearerTokenIsSentFromTheEnvironment() {
    server.stubFor(page(0, 2).willReturn(okJson(envelope(List.of(), List.of()))));

    fetch(settings(), Map.of("LEDGER_API_TOKEN", TOKEN), row(2));

    server.verify(
        getRequestedFor(urlPathEqualTo(V21))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void noCredentialSendsNoAuthorization() {
    server.stubFor(page(0, 2).willReturn(okJson(envelope(List.of(), List.of()))));

    fetch(settings(), Map.of(), row(2));

    server.verify(getRequestedFor(urlPathEqualTo(V21)).withHeader("Authorization", absent()));
  }

  @Test
  void v21SendsTheDataScopeHeadersAndV2NoneOnItsOwnPath() {
    server.stubFor(page(0, 2).willReturn(okJson(envelope(List.of(), List.of()))));
    server.stubFor(
        get(urlPathEqualTo(V2)).willReturn(okJson(envelope(List.of(event(1)), List.of()))));
    VendorApiSettings other =
        new VendorApiSettings(
            base(),
            ApiVersion.V2_1,
            DataScope.OTHER,
            List.of(4000219L, 4000220L),
            1,
            RateLimit.perMinute(1000),
            ms(500),
            2,
            FAST);
    VendorApiSettings v2 =
        new VendorApiSettings(
            base(),
            ApiVersion.V2,
            DataScope.SELF,
            List.of(),
            1,
            RateLimit.perMinute(1000),
            ms(500),
            2,
            FAST);

    fetch(other, row(2, "identifierValue", "a b&c@x.com"));
    fetch(v2, row(3));

    server.verify(
        getRequestedFor(urlPathEqualTo(V21))
            .withHeader("DATA-SCOPE", equalTo("OTHER"))
            .withHeader("DATA-SCOPE-ORG", equalTo("4000219,4000220"))
            .withQueryParam("identifierValue", equalTo("a b&c@x.com")));
    server.verify(
        getRequestedFor(urlPathEqualTo(V2))
            .withHeader("DATA-SCOPE", absent())
            .withHeader("DATA-SCOPE-ORG", absent()));
  }

  @Test
  void v21WithTheSelfScopeSendsDataScopeSelfAlone() {
    server.stubFor(page(0, 2).willReturn(okJson(envelope(List.of(), List.of()))));

    fetch(settings(), row(2));

    server.verify(
        getRequestedFor(urlPathEqualTo(V21))
            .withHeader("DATA-SCOPE", equalTo("SELF"))
            .withHeader("DATA-SCOPE-ORG", absent()));
  }

  @Test
  void aWindowTheApiRefusesIsAskedAsGivenForTheApisOwnError() {
    server.stubFor(
        get(urlPathEqualTo(V21))
            .withQueryParam("offset", equalTo("-1"))
            .withQueryParam("limit", absent())
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":11012,"
                            + "\"message\":\"offset must be a number from 0\"}]}")));

    VendorAnswer answer = fetch(settings(), row(2, "offset", "-1"));

    assertThat(answer.error()).isEqualTo(new ApiError(11012, "offset must be a number from 0"));
    assertThat(server.getAllServeEvents()).hasSize(1);
  }

  @Test
  void aRetryAfterLongerThanAllowedGivesUpAtOnce() {
    server.stubFor(
        page(0, 2).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

    assertThatThrownBy(() -> fetch(settings(), row(9)))
        .isInstanceOf(VendorUnavailableException.class)
        .hasMessage(
            "line 9: the API did not answer "
                + V21
                + ": HTTP 429 asks to wait PT1H, more than the PT5S allowed");
    assertThat(server.getAllServeEvents()).hasSize(1);
  }

  @Test
  void aUserWithoutAPasswordIsRefusedNamingTheVariablesOnly() {
    assertThatThrownBy(
            () -> VendorCredentials.fromEnvironment(Map.of("LEDGER_API_USER", "ops-user")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the API's Basic credential needs both LEDGER_API_USER and LEDGER_API_PASSWORD");
  }

  @Test
  void tooManyRequestsWaitsItsRetryAfterSecondsThenSucceeds() {
    failThenSucceed(List.of(aResponse().withStatus(429).withHeader("Retry-After", "1")));

    try (VendorApiClient client = new VendorApiClient(settings(), Map.of())) {
      List<Duration> waits = waits(client);
      long started = System.nanoTime();

      VendorAnswer answer = client.fetch(row(2));

      assertThat(ids(answer)).containsExactly(1L);
      assertThat(waits).containsExactly(Duration.ofSeconds(1));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(ms(990));
    }
  }

  @Test
  void tooManyRequestsWaitsItsRetryAfterDateThenSucceeds() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(1).atZone(ZoneOffset.UTC));
    failThenSucceed(List.of(aResponse().withStatus(429).withHeader("Retry-After", date)));

    try (VendorApiClient client =
        new VendorApiClient(settings(), Map.of(), Clock.fixed(now, ZoneOffset.UTC))) {
      List<Duration> waits = waits(client);

      assertThat(ids(client.fetch(row(2)))).containsExactly(1L);
      assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }
  }

  @Test
  void aBurstOf503IsRetriedWithAGrowingBackoffThenSucceeds() {
    ResponseDefinitionBuilder unavailable = aResponse().withStatus(503).withBody("busy");
    failThenSucceed(List.of(unavailable, unavailable, unavailable));

    try (VendorApiClient client = new VendorApiClient(settings(), Map.of())) {
      List<Duration> waits = waits(client);

      assertThat(ids(client.fetch(row(2)))).containsExactly(1L);
      assertThat(waits).hasSize(3).allSatisfy(wait -> assertThat(wait).isBetween(ms(5), ms(40)));
    }
    assertThat(server.getAllServeEvents()).hasSize(4);
  }

  @Test
  void serverErrorsBeyondTheAttemptsFailNamingTheLine() {
    server.stubFor(page(0, 2).willReturn(aResponse().withStatus(502)));

    assertThatThrownBy(() -> fetch(settings(), row(12, "identifierValue", "917406401004")))
        .isInstanceOf(VendorUnavailableException.class)
        .hasMessage("line 12: the API did not answer " + V21 + ": HTTP 502 (after 4 attempts)");
    assertThat(server.getAllServeEvents()).hasSize(4);
  }

  @Test
  void aConnectionResetIsRetriedThenSucceeds() {
    failThenSucceed(List.of(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThat(ids(fetch(settings(), row(2)))).containsExactly(1L);
    assertThat(server.getAllServeEvents()).hasSize(2);
  }

  @Test
  void aResponseSlowerThanTheTimeoutIsRetriedThenSucceeds() {
    failThenSucceed(List.of(okJson(envelope(List.of(event(9)), List.of())).withFixedDelay(1_000)));

    assertThat(ids(fetch(withTimeout(ms(200)), row(2)))).containsExactly(1L);
  }

  @Test
  void theVendorsExplodeFailed9003IsRetried() {
    failThenSucceed(
        List.of(
            okJson(
                "{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":9003,"
                    + "\"message\":\"explode failed and fallback failed\"}]}")));

    assertThat(ids(fetch(settings(), row(2)))).containsExactly(1L);
    assertThat(server.getAllServeEvents()).hasSize(2);
  }

  @Test
  void aBodyThatIsNotTheApisJsonFailsNamingTheLineAfterItsRetries() {
    server.stubFor(page(0, 2).willReturn(okJson("<html><body>Bad gateway</body></html>")));

    assertThatThrownBy(
            () ->
                fetch(
                    settings(),
                    Map.of("LEDGER_API_TOKEN", TOKEN),
                    row(7, "identifierValue", "917406401004")))
        .isInstanceOf(UnreadableAnswerException.class)
        .hasMessage(
            "line 7: the API's answer to "
                + V21
                + " is not its JSON: HTTP 200, malformed JSON at byte 0 (after 4 attempts)")
        .hasMessageNotContainingAny("917406401004", TOKEN);
    assertThat(server.getAllServeEvents()).hasSize(4);
  }

  @Test
  void aTruncatedEnvelopeIsNotTheApisJson() {
    server.stubFor(page(0, 2).willReturn(okJson("{\"events\":[{\"eventLogId\":1,\"a\":[")));

    assertThatThrownBy(() -> fetch(settings(), row(5)))
        .isInstanceOf(UnreadableAnswerException.class)
        .hasMessageStartingWith(
            "line 5: the API's answer to " + V21 + " is not its JSON: HTTP 200");
  }

  @Test
  void aBatchIsAnsweredInInputOrderWithAtMostConcurrencyRequestsInFlight() {
    int rows = 8;
    for (int i = 0; i < rows; i++) {
      server.stubFor(
          get(urlPathEqualTo(V21))
              .withQueryParam("eventIds", equalTo(Integer.toString(i)))
              .willReturn(
                  okJson(envelope(List.of(event(i)), List.of()))
                      .withFixedDelay(400 - 100 * (i % 4))));
    }
    List<VendorRow> batch =
        IntStream.range(0, rows)
            .mapToObj(i -> row(i + 2, "eventIds", Integer.toString(i)))
            .collect(Collectors.toList());

    long started = System.nanoTime();
    List<VendorAnswer> answers;
    try (VendorApiClient client = new VendorApiClient(withConcurrency(4), Map.of())) {
      answers = client.fetch(batch);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(answers.stream().map(a -> ids(a).get(0)).collect(Collectors.toList()))
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    // rows 0-3 take 400, 300, 200 and 100 ms, so finish in reverse; a freed slot takes the next
    // row: four at a time end at 500 ms at the earliest, eight at once at 400 ms, one at a time
    // at 2 s
    assertThat(took).isGreaterThanOrEqualTo(ms(500)).isLessThan(ms(2_000));
    assertThat(maxInFlight()).isEqualTo(4);
  }

  @Test
  void theClientNeverStartsMoreRequestsThanItsRateLimitPerPeriod() {
    server.stubFor(get(urlPathEqualTo(V21)).willReturn(okJson(envelope(List.of(), List.of()))));
    RateLimit limit = new RateLimit(3, ms(700));
    VendorApiSettings settings =
        new VendorApiSettings(
            base(), ApiVersion.V2_1, DataScope.SELF, List.of(), 5, limit, ms(500), 2, FAST);
    List<VendorRow> batch =
        IntStream.range(0, 5).mapToObj(i -> row(i + 2)).collect(Collectors.toList());

    Instant before = Instant.now();
    try (VendorApiClient client = new VendorApiClient(settings, Map.of())) {
      assertThat(client.fetch(batch)).hasSize(5);
    }

    List<Instant> received = receivedTimes();
    assertThat(received).hasSize(5);
    assertThat(received.stream().filter(at -> at.isBefore(before.plus(limit.period()))))
        .hasSizeLessThanOrEqualTo(3);
    assertThat(received.get(3)).isAfterOrEqualTo(before.plus(limit.period()).minusMillis(1));
  }

  @Test
  void noWindowOfThePeriodEverHoldsMoreRequestsThanTheLimitCountedByTheServer() throws Exception {
    server.stubFor(get(urlPathEqualTo(V21)).willReturn(okJson(envelope(List.of(), List.of()))));
    RateLimit limit = new RateLimit(5, ms(1_000));
    VendorApiSettings settings =
        new VendorApiSettings(
            base(), ApiVersion.V2_1, DataScope.SELF, List.of(), 4, limit, ms(500), 2, FAST);
    List<VendorRow> burst =
        IntStream.range(0, 11).mapToObj(i -> row(i + 3)).collect(Collectors.toList());

    try (VendorApiClient client = new VendorApiClient(settings, Map.of())) {
      // one request, a pause that ends mid-spacing, then a burst: a limiter refreshing in fixed
      // cycles (or windows) lets a request late in one and the next early in the following pass
      client.fetch(row(2));
      Thread.sleep(150);
      assertThat(client.fetch(burst)).hasSize(11);
    }

    List<Instant> received = receivedTimes();
    assertThat(received).hasSize(12);
    for (int i = 0; i + limit.permits() < received.size(); i++) {
      // the (N+1)th request from any one is a whole period later: no window of the period's
      // length, sliding or fixed, holds more than N
      assertThat(Duration.between(received.get(i), received.get(i + limit.permits())))
          .as("requests %d to %d of %s", i, i + limit.permits(), received)
          .isGreaterThanOrEqualTo(limit.period());
    }
  }

  @Test
  void theScopeProbeAsksOnceAndTellsA310144FromAnyOtherAnswer() {
    server.stubFor(
        get(urlPathEqualTo(V21))
            .withQueryParam("identifierName", equalTo("id"))
            .withQueryParam("identifierValue", equalTo("1"))
            .withQueryParam("source", equalTo("INSTORE"))
            .withQueryParam("eventIds", equalTo("1"))
            .withQueryParam("offset", equalTo("0"))
            .withQueryParam("limit", equalTo("1"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody(
                        "{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":310144,"
                            + "\"message\":\"Credential ops may not read org 7\"}]}")));

    try (VendorApiClient client = new VendorApiClient(settings(), Map.of())) {
      assertThat(client.scopeRefusal())
          .contains(new ApiError(310144, "Credential ops may not read org 7"));
    }
    assertThat(server.getAllServeEvents()).hasSize(1);

    server.resetAll();
    server.stubFor(
        get(urlPathEqualTo(V21))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":8015,"
                            + "\"message\":\"Customer not found for the given identifiers\"}]}")));
    try (VendorApiClient client = new VendorApiClient(settings(), Map.of())) {
      assertThat(client.scopeRefusal()).isEmpty();
    }
    assertThat(server.getAllServeEvents()).hasSize(1);
  }

  @Test
  void noCredentialAppearsInToStringOrFailures() {
    Map<String, String> environment =
        Map.of("LEDGER_API_USER", "ops", "LEDGER_API_PASSWORD", PASSWORD);
    server.stubFor(page(0, 2).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));

    try (VendorApiClient client = new VendorApiClient(settings(), environment)) {
      assertThat(client.toString())
          .contains("Basic")
          .doesNotContain(PASSWORD)
          .doesNotContain(basicOf("ops", PASSWORD));
      assertThatThrownBy(() -> client.fetch(row(4)))
          .isInstanceOf(VendorUnavailableException.class)
          .hasMessage("line 4: the API refused the credential at " + V21 + " (HTTP 401)")
          .hasMessageNotContainingAny(PASSWORD, basicOf("ops", PASSWORD));
    }
    assertThat(VendorCredentials.fromEnvironment(Map.of("LEDGER_API_TOKEN", TOKEN)).toString())
        .isEqualTo("VendorCredentials[Bearer]");
    assertThat(server.getAllServeEvents()).hasSize(1);
  }

  @Test
  void a401CarryingAnEnvelopeIsARefusedCredentialNotTheRowsReject() {
    server.stubFor(
        page(0, 2)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody(
                        "{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":401,"
                            + "\"message\":\"Unauthorized\"}]}")));

    assertThatThrownBy(() -> fetch(settings(), row(5)))
        .isInstanceOf(VendorUnavailableException.class)
        .hasMessage("line 5: the API refused the credential at " + V21 + " (HTTP 401)");
    assertThat(server.getAllServeEvents()).hasSize(1);
  }

  // fixtures

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  private static URI base() {
    return URI.create("http://localhost:" + server.port());
  }

  private static VendorApiSettings settings() {
    return withTimeout(ms(500));
  }

  private static VendorApiSettings withTimeout(Duration timeout) {
    return new VendorApiSettings(
        base(),
        ApiVersion.V2_1,
        DataScope.SELF,
        List.of(),
        1,
        RateLimit.perMinute(1000),
        timeout,
        2,
        FAST);
  }

  private static VendorApiSettings withConcurrency(int concurrency) {
    return new VendorApiSettings(
        base(),
        ApiVersion.V2_1,
        DataScope.SELF,
        List.of(),
        concurrency,
        RateLimit.perMinute(1000),
        ms(2_000),
        2,
        FAST);
  }

  private static VendorRow row(long line, String... cells) {
    Map<ApiParameter, String> params = new EnumMap<>(ApiParameter.class);
    params.put(ApiParameter.IDENTIFIER_NAME, "mobile");
    params.put(ApiParameter.IDENTIFIER_VALUE, "917406401004");
    params.put(ApiParameter.SOURCE, "INSTORE");
    params.put(ApiParameter.EVENT_IDS, "1");
    for (int i = 0; i < cells.length; i += 2) {
      params.put(ApiParameter.byName(cells[i]).orElseThrow(), cells[i + 1]);
    }
    return new VendorRow(line, ApiRequest.of(params));
  }

  private static VendorAnswer fetch(VendorApiSettings settings, VendorRow row) {
    return fetch(settings, Map.of(), row);
  }

  private static VendorAnswer fetch(
      VendorApiSettings settings, Map<String, String> environment, VendorRow row) {
    try (VendorApiClient client = new VendorApiClient(settings, environment)) {
      return client.fetch(row);
    }
  }

  private static MappingBuilder page(long offset, long limit) {
    return get(urlPathEqualTo(V21))
        .withQueryParam("offset", equalTo(Long.toString(offset)))
        .withQueryParam("limit", equalTo(Long.toString(limit)));
  }

  private static void stubPage(long offset, long limit, String body) {
    server.stubFor(page(offset, limit).willReturn(okJson(body)));
  }

  /** The first page answers each failure in turn, then one event. */
  private static void failThenSucceed(List<ResponseDefinitionBuilder> failures) {
    String state = Scenario.STARTED;
    for (int i = 0; i < failures.size(); i++) {
      String next = "attempt " + (i + 2);
      server.stubFor(
          page(0, 2)
              .inScenario("faults")
              .whenScenarioStateIs(state)
              .willReturn(failures.get(i))
              .willSetStateTo(next));
      state = next;
    }
    server.stubFor(
        page(0, 2)
            .inScenario("faults")
            .whenScenarioStateIs(state)
            .willReturn(okJson(envelope(List.of(event(1)), List.of()))));
  }

  private static List<Duration> waits(VendorApiClient client) {
    List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    client.retry().getEventPublisher().onRetry(event -> waits.add(event.getWaitInterval()));
    return waits;
  }

  private static String event(long id) {
    return "{\"eventLogId\":" + id + ",\"eventName\":\"TransactionAdd\"}";
  }

  private static String warning(int code, String message) {
    return "{\"status\":false,\"code\":" + code + ",\"message\":\"" + message + "\"}";
  }

  private static String envelope(List<String> events, List<String> warnings) {
    return "{\"events\":["
        + String.join(",", events)
        + "],\"warnings\":["
        + String.join(",", warnings)
        + "]}";
  }

  private static List<Long> ids(VendorAnswer answer) {
    return answer.events().stream()
        .map(e -> Long.parseLong(e.json().replaceAll("^\\{\"eventLogId\":(\\d+),.*$", "$1")))
        .collect(Collectors.toList());
  }

  private static List<Instant> receivedTimes() {
    return server.getAllServeEvents().stream()
        .map(e -> e.getRequest().getLoggedDate().toInstant())
        .sorted()
        .collect(Collectors.toList());
  }

  /** The most requests WireMock was serving at once, from when each arrived and was answered. */
  private static int maxInFlight() {
    List<long[]> spans = new ArrayList<>();
    server
        .getAllServeEvents()
        .forEach(
            e -> {
              LoggedRequest request = e.getRequest();
              long start = request.getLoggedDate().toInstant().toEpochMilli();
              spans.add(new long[] {start, start + e.getTiming().getTotalTime()});
            });
    int max = 0;
    for (long[] span : spans) {
      long at = span[0];
      int open = (int) spans.stream().filter(s -> s[0] <= at && at < s[1]).count();
      max = Math.max(max, open);
    }
    return max;
  }

  private static String basicOf(String user, String password) {
    return java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}

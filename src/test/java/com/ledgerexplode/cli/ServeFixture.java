package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.LedgerPort;
import com.ledgerexplode.serve.AccessLog;
import com.ledgerexplode.serve.Credentials;
import com.ledgerexplode.serve.LedgerServer;
import com.ledgerexplode.serve.ServeSettings;
import com.ledgerexplode.store.LedgerDatabase;
import com.ledgerexplode.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A server started in this JVM on a free port, over the sample ledger (and an org that captures no
 * source values) imported into a fresh database, with three credentials:
 *
 * <ul>
 *   <li>user {@code ana} (password {@value #ANA_PASSWORD}): org 50406, may read 4000218 and 60001
 *       (which the ledger does not connect to 50406) with DATA-SCOPE OTHER;
 *   <li>token {@code nightly} ({@link #token}): org 50406, no connected org;
 *   <li>user {@code nocap}: org 70001, which captures no source values.
 * </ul>
 */
final class ServeFixture implements AutoCloseable {
  static final Path SAMPLE = Path.of("sample-input/ledger.jsonl");
  static final String ANA_PASSWORD = "ana's secret password";
  static final String NOCAP_PASSWORD = "nocap-password";
  static final String NO_CAPTURE_ORG =
      "{\"kind\":\"org\",\"orgId\":70001,\"name\":\"No capture\",\"sourceValueCapturing\":false}";

  final String url;
  final String token = Credentials.newToken();
  final Path accessLog;
  private final AccessLog log;
  final LedgerDatabase database;
  final LedgerServer server;

  /** What the server reported of the requests that failed with 9003. */
  final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServeFixture(
      String url, Path dir, UnaryOperator<LedgerPort> port, ServeSettings settings, boolean ids)
      throws IOException {
    this.url = url;
    Path credentials = dir.resolve("credentials.properties");
    // bcrypt's lowest cost keeps the tests fast; the server reads the cost from each hash
    BCryptPasswordEncoder cheap = new BCryptPasswordEncoder(4);
    Files.writeString(
        credentials,
        String.join(
            "\n",
            "# the test's credentials",
            "user.ana.passwordHash=" + cheap.encode(ANA_PASSWORD),
            "user.ana.org=50406",
            "user.ana.connectedOrgs=4000218,60001",
            "token.nightly.sha256=" + Credentials.tokenHash(token),
            "token.nightly.org=50406",
            "user.nocap.passwordHash=" + cheap.encode(NOCAP_PASSWORD),
            "user.nocap.org=70001",
            ""));
    this.accessLog = dir.resolve("logs/access.log");
    this.database = LedgerDatabase.open(url, settings.poolSize());
    this.log = AccessLog.open(accessLog, ids);
    this.server =
        new LedgerServer(
                settings,
                port.apply(database.store()),
                () -> database.reachable(2),
                Credentials.load(credentials),
                log,
                failures::add)
            .start();
  }

  static ServeSettings settings() {
    return new ServeSettings(
        "127.0.0.1", 0, 4, 10_000, Duration.ofMinutes(1), Duration.ofSeconds(30));
  }

  static ServeFixture start(TestDatabase db, Path dir) {
    return start(db, dir, settings(), UnaryOperator.identity(), false);
  }

  static ServeFixture start(
      TestDatabase db,
      Path dir,
      ServeSettings settings,
      UnaryOperator<LedgerPort> port,
      boolean logIdentifiers) {
    try {
      return new ServeFixture(imported(db, dir), dir, port, settings, logIdentifiers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample ledger and the org without source-value capturing, in a fresh database. */
  static String imported(TestDatabase db, Path dir) {
    String url = db.jdbcUrl(db.createEmpty());
    Path noCapture = dir.resolve("no-capture.jsonl");
    try {
      Files.writeString(noCapture, NO_CAPTURE_ORG + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path snapshot : List.of(SAMPLE, noCapture)) {
      Cli imported = Cli.run("ledger", "import", "--db", url, snapshot.toString());
      assertThat(imported.exitCode()).as(imported.err()).isZero();
    }
    return url;
  }

  /** explode's output for the same request, as the same org and scope. */
  Cli explode(List<String> options, Map<String, String> query) {
    List<String> args = new ArrayList<>(List.of("explode", "--db", url));
    args.addAll(options);
    query.forEach((name, value) -> args.add(name + "=" + value));
    return Cli.run(args.toArray(String[]::new));
  }

  URI uri(String path, Map<String, String> query) {
    StringBuilder uri = new StringBuilder("http://127.0.0.1:" + server.port() + path);
    char separator = '?';
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      uri.append(separator)
          .append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return URI.create(uri.toString());
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  String ana() {
    return basic("ana", ANA_PASSWORD);
  }

  String bearer() {
    return "Bearer " + token;
  }

  HttpResponse<String> get(String path, Map<String, String> query, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path, query)).timeout(Duration.ofSeconds(30)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  @SuppressWarnings("try") // the log is closed last, after the server and the database
  public void close() {
    try (AccessLog closingLog = log) {
      try {
        server.stop();
      } finally {
        database.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.serve.Credentials;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as an operator runs it: its own JVM, credentials from the environment, SIGTERM. */
class ServeFunctionalTests {
  private static final String PASSWORD = "operator's password";
  private static final String QUERY =
      "identifierName=mobile&identifierValue=917406401004&source=INSTORE&eventIds=18608683"
          + "&getBillDetails=true";

  @Test
  void serveListensAnswersAsExplodeAndStopsWithExit0OnSigterm(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:" + dir.resolve("ledger") + ";AUTO_SERVER=TRUE";
    Cli imported = Cli.run("ledger", "import", "--db", url, ServeFixture.SAMPLE.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    Path accessLog = dir.resolve("access.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(
        List.of("serve", "--db", url, "--port", "0", "--access-log", accessLog.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put(Credentials.ENV_USER, "operator");
    env.put(Credentials.ENV_PASSWORD_HASH, Credentials.hashPassword(PASSWORD));
    env.put(Credentials.ENV_ORG, "50406");
    Path stderr = dir.resolve("stderr.txt");
    Process child = builder.redirectError(stderr.toFile()).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String listening = out.readLine();
      assertThat(listening)
          .as(() -> read(stderr))
          .matches("listening on http://127\\.0\\.0\\.1:\\d+");
      URI uri =
          URI.create(
              listening.substring("listening on ".length())
                  + "/v2/pointsLedger/getLedgerExplodeInfo?"
                  + QUERY);
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(uri)
                      .timeout(Duration.ofSeconds(30))
                      .header("Authorization", ServeFixture.basic("operator", PASSWORD))
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(answer.statusCode()).isEqualTo(200);
      List<String> explode = new ArrayList<>(List.of("explode", "--db", url, "--org", "50406"));
      explode.addAll(List.of(QUERY.split("&")));
      assertThat(answer.body()).isEqualTo(Cli.run(explode.toArray(String[]::new)).out());

      child.destroy(); // SIGTERM
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as(() -> read(stderr)).isZero();
      assertThat(read(stderr)).contains("ledger-explode: SIGTERM: stopping");
      assertThat(read(accessLog))
          .contains(" operator GET /v2/pointsLedger/getLedgerExplodeInfo?")
          .contains("identifierValue=***", " 200 ", "events=1")
          .doesNotContain(PASSWORD, "917406401004");
    } finally {
      child.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(" + e + ")";
    }
  }
}

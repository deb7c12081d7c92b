package com.ledgerexplode.cli;

import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.serve.AccessLog;
import com.ledgerexplode.serve.Credentials;
import com.ledgerexplode.serve.LedgerServer;
import com.ledgerexplode.serve.ServeSettings;
import com.ledgerexplode.store.LedgerDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Answers getLedgerExplodeInfo over HTTP from the ledger store, as explode does.",
      "Endpoints:",
      "  GET /v2/pointsLedger/getLedgerExplodeInfo (the credential's own org),",
      "  GET /v2.1/pointsLedger/getLedgerExplodeInfo (DATA-SCOPE, DATA-SCOPE-ORG headers),",
      "  GET /health (no credentials).",
      "Prints 'listening on http://HOST:PORT' once ready; SIGTERM or SIGINT stops it gracefully"
          + " (requests in flight finish), exit 0."
    },
    subcommands = {ServeCommand.HashPassword.class, ServeCommand.NewToken.class},
    footer = {
      "",
      "Credentials: --credentials FILE (README, \"Serving the API\"), or one from the environment:",
      "  SERVE_USER, SERVE_PASSWORD_HASH, SERVE_ORG and optionally SERVE_CONNECTED_ORGS.",
      "Exit codes: 0 stopped by a signal, 2 bad usage or credentials, 1 failed."
    })
final class ServeCommand implements Callable<Integer> {
  static final String ACCESS_LOG_NAME = "ledger-explode-access.log";

  @Mixin LedgerDatabaseOption ledgerDb;

  @Option(
      names = "--credentials",
      paramLabel = "FILE",
      description = "The credentials file: password and token hashes mapped to orgs.")
  @Nullable Path credentialsFile;

  @Option(
      names = "--bind",
      defaultValue = ServeSettings.DEFAULT_BIND,
      description = "The address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--port",
      defaultValue = "" + ServeSettings.DEFAULT_PORT,
      description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--pool-size",
      defaultValue = "" + ServeSettings.DEFAULT_POOL_SIZE,
      description =
          "Requests served at once: the worker threads and the ledger pool's connections"
              + " (default: ${DEFAULT-VALUE}).")
  int poolSize;

  @Option(
      names = "--requests-per-minute",
      defaultValue = "" + ServeSettings.DEFAULT_REQUESTS_PER_MINUTE,
      description = "Each credential's rate limit; beyond it, 429 (default: ${DEFAULT-VALUE}).")
  int requestsPerMinute;

  @Option(
      names = "--access-log",
      paramLabel = "FILE",
      description =
          "The access log (default: "
              + ACCESS_LOG_NAME
              + " beside a local H2 ledger, else under logs/).")
  @Nullable Path accessLog;

  @Option(
      names = "--log-identifiers",
      description = "Write identifierValue, accountId and eventReferenceIds in the access log.")
  boolean logIdentifiers;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Credentials credentials = credentials();
    ServeSettings settings =
        new ServeSettings(
            bind,
            port,
            poolSize,
            requestsPerMinute,
            Duration.ofMinutes(1),
            ServeSettings.DEFAULT_STOP_GRACE);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CountDownLatch stop = new CountDownLatch(1);
    try (LedgerDatabase database = ledgerDb.open(poolSize);
        AccessLog log = AccessLog.open(accessLogFile(), logIdentifiers)) {
      StopOnSignal signals =
          StopOnSignal.install(
              stop::countDown,
              "stopping: requests in flight finish (at most "
                  + settings.stopGrace().toSeconds()
                  + " s; a second signal ends at once)",
              err);
      try {
        LedgerServer server =
            new LedgerServer(
                    settings,
                    database.store(),
                    () -> database.reachable(2),
                    credentials,
                    log,
                    failure -> {
                      err.println("ledger-explode: " + failure);
                      err.flush();
                    })
                .start();
        out.println("listening on http://" + bind + ":" + server.port());
        out.flush();
        stop.await();
        if (!server.stop()) {
          err.println(
              "ledger-explode: requests still in flight after "
                  + settings.stopGrace().toSeconds()
                  + " s were cut short");
        }
      } finally {
        signals.close();
      }
    }
    return ExitCode.OK.code();
  }

  private Credentials credentials() throws IOException {
    Optional<Credentials> fromEnvironment = Credentials.fromEnvironment(System.getenv());
    Path file = credentialsFile;
    if (file != null && fromEnvironment.isPresent()) {
      throw new UsageException(
          "Give either --credentials or " + Credentials.ENV_USER + " in the environment, not both");
    }
    if (file != null) {
      return Credentials.load(file);
    }
    return fromEnvironment.orElseThrow(
        () ->
            new UsageException(
                "serve needs --credentials FILE, or "
                    + Credentials.ENV_USER
                    + ", "
                    + Credentials.ENV_PASSWORD_HASH
                    + " and "
                    + Credentials.ENV_ORG
                    + " in the environment"));
  }

  private Path accessLogFile() {
    Path file = accessLog;
    return file != null
        ? file
        : JobSettings.defaultLogFile(ledgerDb.url).resolveSibling(ACCESS_LOG_NAME);
  }

  @Command(
      name = "hash-password",
      mixinStandardHelpOptions = true,
      description = {
        "Reads a password from standard input (the first line; never from an argument) and prints"
            + " its bcrypt hash: with --user, as the credentials file's line."
      })
  static final class HashPassword implements Callable<Integer> {
    @Option(names = "--user", description = "Print the line user.NAME.passwordHash=HASH.")
    @Nullable String user;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      String password = readPassword();
      if (password.isEmpty()) {
        throw new UsageException("No password on standard input");
      }
      String hash = Credentials.hashPassword(password);
      PrintWriter out = spec.commandLine().getOut();
      out.println(user == null ? hash : "user." + user + ".passwordHash=" + hash);
      out.flush();
      return ExitCode.OK.code();
    }

    private static String readPassword() throws IOException {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      return line == null ? "" : line;
    }
  }

  @Command(
      name = "new-token",
      mixinStandardHelpOptions = true,
      description = {
        "Prints a new random Bearer token, once (it is not kept anywhere: give it to the client),"
            + " then the credentials file's line that holds its SHA-256."
      })
  static final class NewToken implements Callable<Integer> {
    @Option(
        names = "--name",
        required = true,
        description = "The token's name in the file and the access log.")
    String name;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      String token = Credentials.newToken();
      PrintWriter out = spec.commandLine().getOut();
      out.println("token: " + token);
      out.println("token." + name + ".sha256=" + Credentials.tokenHash(token));
      out.flush();
      return ExitCode.OK.code();
    }
  }
}

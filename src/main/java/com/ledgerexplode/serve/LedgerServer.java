package com.ledgerexplode.serve;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.explode.ApiResponse;
import com.ledgerexplode.explode.BadParameterException;
import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.explode.ErrorCodes;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.LedgerPort;
import com.ledgerexplode.json.api.EventJson;
import com.ledgerexplode.store.Secrets;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * getLedgerExplodeInfo over HTTP: {@code GET /v2/pointsLedger/getLedgerExplodeInfo} (the
 * credential's own org), {@code GET /v2.1/pointsLedger/getLedgerExplodeInfo} (with the DATA-SCOPE
 * headers) and {@code GET /health}. Each answer is {@link ExplodeEngine#answerOne}'s, written by
 * {@link EventJson#responseText}: byte for byte what {@code explode} prints for the same request.
 *
 * <p>Thread-safe: requests are served in parallel by at most {@code poolSize} worker threads.
 */
public final class LedgerServer {
  static final String V2 = "/v2/pointsLedger/getLedgerExplodeInfo";
  static final String V2_1 = "/v2.1/pointsLedger/getLedgerExplodeInfo";
  static final String HEALTH = "/health";

  /** The headers of the v2.1 data scope, with the other spellings the vendor's pages use. */
  static final String DATA_SCOPE = "DATA-SCOPE";

  static final List<String> DATA_SCOPE_ORG_HEADERS =
      List.of("DATA-SCOPE-ORG", "DATA-SCOPE-ORGS", "CONNECTED-ORGS");

  private static final String JSON = "application/json;charset=utf-8";
  private static final String CHALLENGE = "realm=\"getLedgerExplodeInfo\"";
  private static final String USER_ATTRIBUTE = "ledger-explode.credential";
  private static final String EVENTS_ATTRIBUTE = "ledger-explode.events";
  private static final String CUSTOMER_ATTRIBUTE = "ledger-explode.customer";

  /**
   * The header of a 200 answer that names the customer the request resolved to: the vendor's
   * envelope has none, and the body stays byte for byte {@code explode}'s.
   */
  public static final String CUSTOMER_ID_HEADER = "Ledger-Customer-Id";

  // Jetty's own threads beside the workers: its acceptor and selectors
  private static final int CONNECTOR_THREADS = 2 + Runtime.getRuntime().availableProcessors();

  private final Javalin app;
  private final LedgerPort ledger;
  private final BooleanSupplier reachable;
  private final Credentials credentials;
  private final RateLimits rateLimits;
  private final Consumer<String> failures;
  private final Duration stopGrace;
  private final Object inFlightLock = new Object();
  private int inFlight;
  private volatile boolean stopping;

  /**
   * A server, not yet started.
   *
   * @param ledger the ledger the answers are read from
   * @param reachable whether the ledger's database answers now ({@code /health})
   * @param accessLog where each request is logged, or null for no access log
   * @param failures told, in one line without secrets, why a request failed with 9003
   */
  public LedgerServer(
      ServeSettings settings,
      LedgerPort ledger,
      BooleanSupplier reachable,
      Credentials credentials,
      @Nullable AccessLog accessLog,
      Consumer<String> failures) {
    this.ledger = ledger;
    this.failures = failures;
    this.reachable = reachable;
    this.credentials = credentials;
    this.rateLimits = new RateLimits(settings.requestsPerWindow(), settings.rateWindow());
    this.stopGrace = settings.stopGrace();
    QueuedThreadPool threads =
        new QueuedThreadPool(settings.poolSize() + CONNECTOR_THREADS, 2, 60_000);
    threads.setName("serve");
    threads.setReservedThreads(0);
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = settings.bind();
              config.jetty.port = settings.port();
              config.jetty.threadPool = threads;
              config.routes.get(V2, ctx -> serve(ctx, false));
              config.routes.get(V2_1, ctx -> serve(ctx, true));
              config.routes.get(HEALTH, this::health);
              if (accessLog != null) {
                config.requestLogger.http(
                    (ctx, millis) ->
                        accessLog.log(
                            Instant.now(),
                            ctx.ip(),
                            ctx.attribute(USER_ATTRIBUTE),
                            ctx.method().name(),
                            ctx.path(),
                            ctx.queryString(),
                            ctx.statusCode(),
                            Math.round(millis == null ? 0 : millis),
                            ctx.attribute(EVENTS_ATTRIBUTE)));
              }
            });
  }

  /** Starts serving; returns once the server listens. */
  public LedgerServer start() {
    app.start();
    return this;
  }

  /** The port it listens on (the one picked when asked for port 0). */
  public int port() {
    return app.port();
  }

  /**
   * Stops gracefully: stops accepting requests (one that comes now is answered 503, its connection
   * closed), lets the requests in flight finish (for at most the settings' stop grace), then stops
   * the server and closes its port.
   *
   * @return whether every request in flight finished within the grace
   */
  public boolean stop() {
    // Requests that come now are refused with 503 and their connection closed. The listening
    // socket stays open until the drain ends: Jetty closes a connector's open connections with it,
    // and would cut the requests in flight short.
    stopping = true;
    boolean drained = awaitNoneInFlight(stopGrace);
    app.stop();
    return drained;
  }

  private boolean awaitNoneInFlight(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (inFlightLock) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          inFlightLock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private void health(Context ctx) {
    boolean up = !stopping && reachable.getAsBoolean();
    ctx.status(up ? 200 : 503)
        .contentType(JSON)
        .result(up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n");
  }

  private void serve(Context ctx, boolean connectedOrgs) {
    synchronized (inFlightLock) {
      inFlight++;
    }
    try {
      if (stopping) {
        ctx.header("Connection", "close");
        answer(ctx, 503, error(ErrorStatus.INTERNAL, "The server is stopping; retry later"));
        return;
      }
      Optional<Credential> credential = authenticate(ctx);
      if (credential.isEmpty()) {
        ctx.res().addHeader("WWW-Authenticate", "Basic " + CHALLENGE + ", charset=\"UTF-8\"");
        ctx.res().addHeader("WWW-Authenticate", "Bearer " + CHALLENGE);
        answer(
            ctx,
            401,
            error(ErrorStatus.UNAUTHORIZED, "Valid Basic or Bearer credentials are required"));
        return;
      }
      Credential who = credential.get();
      ctx.attribute(USER_ATTRIBUTE, who.name());
      Duration wait = rateLimits.acquire(who.name());
      if (!wait.isZero()) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ctx.header("Retry-After", Long.toString(seconds));
        answer(
            ctx,
            429,
            error(
                ErrorStatus.TOO_MANY_REQUESTS,
                "Too many requests for " + who.name() + "; retry in " + seconds + " s"));
        return;
      }
      ApiResponse response;
      try {
        response = explode(ctx, who, connectedOrgs);
      } catch (RuntimeException failed) {
        failures.accept(
            "getLedgerExplodeInfo failed (9003): "
                + Secrets.mask(String.valueOf(failed.getMessage())).lines().findFirst().orElse(""));
        response =
            error(ErrorStatus.INTERNAL, "getLedgerExplodeInfo failed: the ledger cannot be read");
      }
      ApiError failed = response.error();
      if (failed == null) {
        ctx.attribute(EVENTS_ATTRIBUTE, response.events().size());
        Long customer = ctx.attribute(CUSTOMER_ATTRIBUTE);
        if (customer != null) {
          ctx.header(CUSTOMER_ID_HEADER, Long.toString(customer));
        }
      }
      answer(ctx, failed == null ? 200 : ErrorStatus.of(failed.code()), response);
    } finally {
      synchronized (inFlightLock) {
        inFlight--;
        inFlightLock.notifyAll();
      }
    }
  }

  private ApiResponse explode(Context ctx, Credential who, boolean connectedOrgs) {
    ApiRequest request;
    try {
      request = ApiRequest.named(queryParameters(ctx));
    } catch (BadParameterException e) {
      return error(ErrorCodes.BAD_VALUE, String.valueOf(e.getMessage()));
    }
    DataScope dataScope = DataScope.SELF;
    List<Long> orgs = List.of();
    String scopeHeader = ctx.header(DATA_SCOPE);
    String orgsHeader;
    try {
      orgsHeader = orgsHeader(ctx);
    } catch (IllegalArgumentException e) {
      return error(ErrorCodes.SCOPE, String.valueOf(e.getMessage()));
    }
    if (!connectedOrgs) {
      boolean self = scopeHeader == null || scopeHeader.strip().equalsIgnoreCase("SELF");
      if (!self || orgsHeader != null) {
        return error(
            ErrorCodes.SCOPE,
            "v2 reads the credential's own org only; connected orgs are read with "
                + V2_1
                + " and the DATA-SCOPE headers");
      }
    } else {
      if (scopeHeader != null && !scopeHeader.isBlank()) {
        try {
          dataScope = DataScope.valueOf(scopeHeader.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          return error(
              ErrorCodes.SCOPE, "DATA-SCOPE must be SELF or OTHER, not '" + scopeHeader + "'");
        }
      }
      if (orgsHeader != null) {
        try {
          orgs = orgIds(orgsHeader);
        } catch (NumberFormatException e) {
          return error(ErrorCodes.SCOPE, "DATA-SCOPE-ORG is not a list of org ids: " + orgsHeader);
        }
      }
      if (dataScope == DataScope.OTHER) {
        for (Long org : orgs) {
          if (!who.connectedOrgs().contains(org)) {
            return error(ErrorCodes.SCOPE, "Credential " + who.name() + " may not read org " + org);
          }
        }
      }
    }
    ExplodeEngine.CustomerAnswer answer =
        ExplodeEngine.answerOneWithCustomer(ledger, who.org(), dataScope, orgs, request);
    if (answer.customerId() != null) {
      ctx.attribute(CUSTOMER_ATTRIBUTE, answer.customerId());
    }
    return answer.response();
  }

  /** The query's parameters, each as often as given (so that one given twice is refused). */
  private static List<Map.Entry<String, String>> queryParameters(Context ctx) {
    List<Map.Entry<String, String>> named = new ArrayList<>();
    ctx.queryParamMap()
        .forEach((name, values) -> values.forEach(v -> named.add(Map.entry(name, v))));
    return named;
  }

  /** The orgs of DATA-SCOPE-ORG, or of one of its other spellings; they must agree. */
  private static @Nullable String orgsHeader(Context ctx) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String name : DATA_SCOPE_ORG_HEADERS) {
      String value = ctx.header(name);
      if (value != null && !value.isBlank()) {
        given.put(name, value.strip());
      }
    }
    if (given.values().stream().distinct().count() > 1) {
      throw new IllegalArgumentException("The connected orgs' headers disagree: " + given);
    }
    return given.isEmpty() ? null : given.values().iterator().next();
  }

  private static List<Long> orgIds(String header) {
    List<Long> orgs = new ArrayList<>();
    for (String org : header.split(",", -1)) {
      orgs.add(Long.parseLong(org.strip()));
    }
    return orgs;
  }

  private Optional<Credential> authenticate(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization == null) {
      return Optional.empty();
    }
    int space = authorization.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = authorization.substring(0, space);
    String value = authorization.substring(space + 1).strip();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return value.isEmpty() ? Optional.empty() : credentials.bearer(value);
    }
    if (scheme.equalsIgnoreCase("Basic")) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      return colon < 0
          ? Optional.empty()
          : credentials.basic(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
    return Optional.empty();
  }

  private static ApiResponse error(int code, String message) {
    return new ApiResponse(List.of(), List.of(), new ApiError(code, message));
  }

  /**
   * Writes the answer and flushes it before the handler returns, so that a request counted in
   * flight has been answered when it is counted out (a stop waits for exactly that).
   */
  private static void answer(Context ctx, int status, ApiResponse response) {
    byte[] body = EventJson.responseText(response, false).getBytes(StandardCharsets.UTF_8);
    HttpServletResponse res = ctx.res();
    res.setStatus(status);
    res.setContentType(JSON);
    res.setContentLength(body.length);
    try {
      res.getOutputStream().write(body);
      res.flushBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot answer " + ctx.ip(), e);
    }
  }
}

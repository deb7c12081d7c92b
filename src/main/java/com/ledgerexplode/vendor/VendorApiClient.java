package com.ledgerexplode.vendor;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.explode.ErrorCodes;
import com.ledgerexplode.explode.IdentifierName;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Asks the vendor's {@code getLedgerExplodeInfo} for request rows, one request per row and page:
 * each row's window (its own {@code offset} and {@code limit}) is fetched {@code pageSize} events
 * at a time until a short page, and its pages merged into one {@link VendorAnswer}.
 *
 * <p>A batch runs at most {@code concurrency} requests at once and answers in input order. Every
 * request waits for the shared rate limiter, and is retried with a jittered exponential backoff on
 * 429 (waiting at least its {@code Retry-After}), 5xx, a connection failure, a timeout, the
 * vendor's 9003 and a body that is not the API's JSON; any other error code is the row's answer.
 * What is still failing after the retries is a {@link VendorApiException} naming the row's line.
 *
 * <p>Thread-safe. Credentials come from the environment given, never from settings; nothing this
 * client says (its {@code toString}, exceptions, the WARN line it logs for each failed attempt)
 * shows them or a request's query.
 */
public final class VendorApiClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VendorApiClient.class);
  private static final String DATA_SCOPE = "DATA-SCOPE";
  private static final String DATA_SCOPE_ORG = "DATA-SCOPE-ORG";

  /** The header naming the customer an answer resolved to, as our {@code serve} sends it. */
  public static final String CUSTOMER_ID = "Ledger-Customer-Id";

  private static final Set<ApiParameter> WINDOW = Set.of(ApiParameter.OFFSET, ApiParameter.LIMIT);

  private final VendorApiSettings settings;
  private final VendorCredentials credentials;
  private final Clock clock;
  private final HttpClient http;
  private final Retry retry;
  private final Spacing spacing;
  private final ExecutorService workers;

  /**
   * @param environment where the credential is read ({@link VendorCredentials}): {@code
   *     System.getenv()} in production
   */
  public VendorApiClient(VendorApiSettings settings, Map<String, String> environment) {
    this(settings, environment, Clock.systemUTC());
  }

  /** With the clock a {@code Retry-After} date is read against. */
  VendorApiClient(VendorApiSettings settings, Map<String, String> environment, Clock clock) {
    this.settings = settings;
    this.credentials = VendorCredentials.fromEnvironment(environment);
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.retry = Retry.of("vendor-api", retryConfig(settings.retries()));
    this.spacing = new Spacing(settings.rateLimit());
    this.workers = Executors.newFixedThreadPool(settings.concurrency(), VendorApiClient::worker);
  }

  private static Thread worker(Runnable task) {
    Thread thread = new Thread(task, "vendor-api");
    thread.setDaemon(true);
    return thread;
  }

  private static RetryConfig retryConfig(VendorApiSettings.Retries retries) {
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            retries.initialBackoff(), 2.0, 0.5, retries.maxBackoff());
    return RetryConfig.<Envelope>custom()
        .maxAttempts(retries.maxAttempts())
        .retryOnException(
            e -> e instanceof TransientException || e instanceof Envelope.NotApiJsonException)
        .intervalBiFunction(
            (attempt, outcome) -> {
              long wait = backoff.apply(attempt);
              if (outcome.isLeft()
                  && outcome.getLeft() instanceof TransientException failure
                  && failure.retryAfter != null) {
                wait = Math.max(wait, failure.retryAfter.toMillis());
              }
              return wait;
            })
        .build();
  }

  /**
   * The answers to {@code rows}, in their order.
   *
   * @throws VendorApiException for the first row, in input order, that the API did not answer
   */
  public List<VendorAnswer> fetch(List<VendorRow> rows) {
    List<Future<VendorAnswer>> answers = new ArrayList<>(rows.size());
    // the caller's logging context (the execution a line belongs to) on the workers' lines too
    Map<String, String> context = MDC.getCopyOfContextMap();
    for (VendorRow row : rows) {
      answers.add(
          workers.submit(
              () -> {
                if (context != null) {
                  MDC.setContextMap(context);
                }
                try {
                  return fetch(row);
                } finally {
                  MDC.clear();
                }
              }));
    }
    List<VendorAnswer> fetched = new ArrayList<>(rows.size());
    try {
      for (Future<VendorAnswer> answer : answers) {
        fetched.add(answer.get());
      }
    } catch (ExecutionException e) {
      answers.forEach(answer -> answer.cancel(true));
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | CancellationException e) {
      answers.forEach(answer -> answer.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the API answered", e);
    }
    return fetched;
  }

  /**
   * The request that asks whether the data scope may be read, before any row: customer id 1, event
   * 1 at {@code INSTORE}, one event. The API refuses a scope (310144) before it looks for the
   * customer, so any other answer (the customer not found among them) means the scope is allowed.
   */
  static final ApiRequest SCOPE_PROBE =
      ApiRequest.of(
          Map.of(
              ApiParameter.IDENTIFIER_NAME, "id",
              ApiParameter.IDENTIFIER_VALUE, "1",
              ApiParameter.SOURCE, "INSTORE",
              ApiParameter.EVENT_IDS, "1",
              ApiParameter.LIMIT, "1"));

  /**
   * Asks the API once ({@link #SCOPE_PROBE}) whether the settings' data scope may be read.
   *
   * @return the API's 310144 when it refuses the scope (HTTP 403 from our {@code serve}, or the
   *     envelope's code from any server); none for any other answer
   * @throws VendorApiException when the API did not answer it (its line 0: before the first row)
   */
  public Optional<ApiError> scopeRefusal() {
    ApiError error = fetch(new VendorRow(0, SCOPE_PROBE)).error();
    // the probe is the first request, alone, slowed by a new process' first connection: the rows'
    // requests are spaced from its answer, not its start, so that it cannot arrive late among them
    spacing.after(System.nanoTime());
    return error != null && error.code() == ErrorCodes.SCOPE
        ? Optional.of(error)
        : Optional.empty();
  }

  /**
   * The answer to one row, its window fetched page by page.
   *
   * @throws VendorApiException when the API did not answer it
   */
  public VendorAnswer fetch(VendorRow row) {
    ApiRequest request = row.request();
    Long offset = number(request.get(ApiParameter.OFFSET), 0);
    Long limit = number(request.get(ApiParameter.LIMIT), 1);
    if (offset == null || (request.has(ApiParameter.LIMIT) && limit == null)) {
      // a window the API refuses: ask it as given, for the API's own error
      return answer(request, page(row, query(request, null, null)), List.of());
    }
    long start = offset;
    Long remaining = request.has(ApiParameter.LIMIT) ? limit : null;
    List<Envelope> pages = new ArrayList<>();
    while (true) {
      long asked =
          remaining == null ? settings.pageSize() : Math.min(settings.pageSize(), remaining);
      Envelope page = page(row, query(request, start, asked));
      if (page.error() != null) {
        return VendorAnswer.rejected(page.error());
      }
      pages.add(page);
      int got = page.events().size();
      start += got;
      if (remaining != null) {
        remaining -= got;
      }
      if (got < asked || (remaining != null && remaining <= 0)) {
        return answer(request, pages.get(0), pages.subList(1, pages.size()));
      }
    }
  }

  /**
   * The pages of a row as the API answers the row's window in one request: each page repeats the
   * request's own warnings (an event id not found) beside the warnings of its events; the merged
   * answer has the request's once, then each event's own in event order.
   */
  private static VendorAnswer answer(ApiRequest request, Envelope first, List<Envelope> rest) {
    ApiError error = first.error();
    if (error != null) {
      return VendorAnswer.rejected(error);
    }
    List<Envelope> pages = new ArrayList<>();
    pages.add(first);
    pages.addAll(rest);
    Set<ApiWarning> requestWarnings = new LinkedHashSet<>();
    List<ApiWarning> eventWarnings = new ArrayList<>();
    List<VendorEvent> events = new ArrayList<>();
    for (Envelope page : pages) {
      events.addAll(page.events());
      Set<String> ids = Set.copyOf(page.eventLogIds());
      for (ApiWarning warning : page.warnings()) {
        if (warning.eventId() != null
            && warning.code() != ErrorCodes.EVENT_NOT_FOUND
            && ids.contains(warning.eventId())) {
          eventWarnings.add(warning);
        } else {
          requestWarnings.add(warning);
        }
      }
    }
    List<ApiWarning> warnings = new ArrayList<>(requestWarnings);
    warnings.addAll(eventWarnings);
    Long customer = first.customerId();
    return new VendorAnswer(events, warnings, null, customer != null ? customer : named(request));
  }

  /** The customer a request names by its id ({@code id}, {@code cuid}, {@code CustomerID}). */
  private static @Nullable Long named(ApiRequest request) {
    String name = request.get(ApiParameter.IDENTIFIER_NAME);
    String value = request.get(ApiParameter.IDENTIFIER_VALUE);
    if (name == null
        || value == null
        || IdentifierName.parse(name.strip()).orElse(null) != IdentifierName.ID) {
      return null;
    }
    return number(value.strip(), 1);
  }

  private static @Nullable Long number(@Nullable String value, long least) {
    if (value == null) {
      return least == 0 ? 0L : null;
    }
    try {
      long parsed = Long.parseLong(value);
      return parsed >= least ? parsed : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The row's parameters in the API's spelling, then the page's window when given. */
  private static String query(ApiRequest request, @Nullable Long offset, @Nullable Long limit) {
    List<String> pairs = new ArrayList<>();
    request
        .params()
        .forEach(
            (parameter, value) -> {
              if (offset == null || !WINDOW.contains(parameter)) {
                pairs.add(
                    parameter.apiName() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
              }
            });
    if (offset != null) {
      pairs.add(ApiParameter.OFFSET.apiName() + "=" + offset);
      pairs.add(ApiParameter.LIMIT.apiName() + "=" + limit);
    }
    return String.join("&", pairs);
  }

  private Envelope page(VendorRow row, String query) {
    String path = settings.version().explodePath();
    URI uri = URI.create(settings.baseUrl().toString().replaceAll("/$", "") + path + "?" + query);
    AtomicInteger attempts = new AtomicInteger();
    try {
      return retry.executeCallable(
          () -> {
            int attempt = attempts.incrementAndGet();
            try {
              return attempt(uri);
            } catch (TransientException | Envelope.NotApiJsonException e) {
              LOG.warn(
                  "line {}: {} from {} (attempt {} of {})",
                  row.line(),
                  e.getMessage(),
                  path,
                  attempt,
                  settings.retries().maxAttempts());
              throw e;
            }
          });
    } catch (Envelope.NotApiJsonException e) {
      throw new UnreadableAnswerException(row.line(), path, e.getMessage() + tries());
    } catch (TransientException e) {
      throw new VendorUnavailableException(row.line(), path, e.getMessage() + tries());
    } catch (RefusedException e) {
      throw e.credential
          ? VendorUnavailableException.credentialRefused(row.line(), path, e.status)
          : new VendorUnavailableException(row.line(), path, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VendorUnavailableException(row.line(), path, "interrupted");
    } catch (Exception e) {
      throw new VendorUnavailableException(row.line(), path, e.getClass().getSimpleName());
    }
  }

  private String tries() {
    return " (after " + settings.retries().maxAttempts() + " attempts)";
  }

  private Envelope attempt(URI uri) throws InterruptedException {
    spacing.await();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request(uri), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new TransientException("no answer within " + settings.timeout(), null);
    } catch (IOException e) {
      throw new TransientException(
          "the connection failed (" + e.getClass().getSimpleName() + ")", null);
    }
    int status = response.statusCode();
    if (status == 429) {
      Duration retryAfter = retryAfter(response);
      if (retryAfter != null && retryAfter.compareTo(settings.retries().maxRetryAfter()) > 0) {
        throw new RefusedException(
            "HTTP 429 asks to wait "
                + retryAfter
                + ", more than the "
                + settings.retries().maxRetryAfter()
                + " allowed");
      }
      throw new TransientException("HTTP 429", retryAfter);
    }
    if (status >= 500) {
      throw new TransientException("HTTP " + status, null);
    }
    if (status == 401) {
      // whatever its body says (our serve's envelope carries code 401, no API code): no row's
      // answer, and no retry mends it
      throw RefusedException.credential(status, null);
    }
    Envelope envelope;
    try {
      envelope = Envelope.parse(response.body());
    } catch (Envelope.NotApiJsonException e) {
      if (status == 403) {
        throw RefusedException.credential(status, e);
      }
      throw new Envelope.NotApiJsonException("HTTP " + status + ", " + e.getMessage());
    }
    ApiError error = envelope.error();
    if (error == null && status == 200) {
      envelope = envelope.withCustomer(customer(response));
    }
    if (error != null && error.code() == ErrorCodes.EXPLODE_FAILED) {
      throw new TransientException("error " + ErrorCodes.EXPLODE_FAILED, null);
    }
    if (error == null && status != 200) {
      throw new Envelope.NotApiJsonException("HTTP " + status + " without errors");
    }
    return envelope;
  }

  private HttpRequest request(URI uri) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.timeout())
            .header("Accept", "application/json")
            .GET();
    credentials.authorization().ifPresent(value -> request.header("Authorization", value));
    if (settings.version() == ApiVersion.V2_1) {
      request.header(DATA_SCOPE, settings.dataScope().name());
      if (settings.dataScope() == DataScope.OTHER) {
        request.header(
            DATA_SCOPE_ORG,
            settings.scopeOrgs().stream().map(String::valueOf).collect(Collectors.joining(",")));
      }
    }
    return request.build();
  }

  /** The answer's {@code Ledger-Customer-Id}; none when absent or not a customer id. */
  private static @Nullable Long customer(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue(CUSTOMER_ID)
        .map(value -> number(value.strip(), 1))
        .orElse(null);
  }

  /** {@code Retry-After} in seconds or as an HTTP-date; none when absent or unreadable. */
  private @Nullable Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
    if (value == null) {
      return null;
    }
    String given = value.strip();
    try {
      if (given.chars().allMatch(Character::isDigit)) {
        return Duration.ofSeconds(Long.parseLong(given));
      }
      ZonedDateTime at = ZonedDateTime.parse(given, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }

  /** For tests: the retry, whose events tell the waits chosen. */
  Retry retry() {
    return retry;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  @Override
  public String toString() {
    return "VendorApiClient["
        + settings.baseUrl()
        + " "
        + settings.version()
        + ", "
        + credentials
        + "]";
  }

  /**
   * The rate limit as even spacing: each request (each attempt) starts at least {@code period / N}
   * after the one before it, all threads together, stretched by a twentieth so that the jitter of
   * the network cannot bring two starts closer at the server than the spacing. So N + 1 requests
   * span more than the period, and any window of the period's length (sliding, or a server's fixed
   * one, wherever it starts) holds at most N, the first request included.
   *
   * <p>Not resilience4j's rate limiter: its permits refresh in cycles anchored at its creation, so
   * a permit taken late in one cycle and the next at the following cycle's start come almost
   * together, and N + 1 requests could fall within one period.
   */
  static final class Spacing {
    private final long spacingNanos;
    private long next;
    private boolean started;

    Spacing(VendorApiSettings.RateLimit limit) {
      long even = Math.max(1, limit.period().toNanos() / limit.permits());
      this.spacingNanos = even + even / 20;
    }

    /**
     * The next request starts a spacing after {@code nanos} ({@link System#nanoTime()}) at the
     * soonest.
     */
    synchronized void after(long nanos) {
      long at = nanos + spacingNanos;
      if (!started || at - next > 0) {
        next = at;
      }
      started = true;
    }

    /** Waits until this request may start, and reserves the next start after it. */
    void await() throws InterruptedException {
      long wait;
      synchronized (this) {
        long now = System.nanoTime();
        long at = started && next - now > 0 ? next : now;
        started = true;
        next = at + spacingNanos;
        wait = at - now;
      }
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  }

  /** A failure worth another attempt; the message says what, never the query. */
  static final class TransientException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient @Nullable Duration retryAfter;

    TransientException(String why, @Nullable Duration retryAfter) {
      super(why);
      this.retryAfter = retryAfter;
    }
  }

  /** A failure no retry mends: the credential refused, or a wait longer than allowed. */
  static final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean credential;
    private final int status;

    RefusedException(String why) {
      super(why);
      this.credential = false;
      this.status = 0;
    }

    private RefusedException(int status, @Nullable Throwable cause) {
      super("HTTP " + status + ": the credential is refused", cause);
      this.credential = true;
      this.status = status;
    }

    static RefusedException credential(int status, @Nullable Throwable cause) {
      return new RefusedException(status, cause);
    }
  }
}

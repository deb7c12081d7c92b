package com.ledgerexplode.vendor;

import com.ledgerexplode.explode.DataScope;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How the client talks to the API. Holds no credential: those come from the environment alone
 * ({@link VendorCredentials}).
 *
 * @param baseUrl {@code https://host}, without a path
 * @param dataScope sent as {@code DATA-SCOPE} with v2.1 (with {@code DATA-SCOPE-ORG} for OTHER); v2
 *     sends no scope
 * @param scopeOrgs the connected orgs of an OTHER scope
 * @param concurrency requests in flight at most
 * @param rateLimit requests the client may start in any period's length, all its threads together
 * @param timeout of each request, connecting included
 * @param pageSize events asked per request
 * @param retries how failures worth retrying are retried
 */
public record VendorApiSettings(
    URI baseUrl,
    ApiVersion version,
    DataScope dataScope,
    List<Long> scopeOrgs,
    int concurrency,
    RateLimit rateLimit,
    Duration timeout,
    int pageSize,
    Retries retries) {

  public VendorApiSettings {
    scopeOrgs = List.copyOf(scopeOrgs);
    String path = baseUrl.getPath();
    if (baseUrl.getHost() == null || (path != null && !path.isEmpty() && !path.equals("/"))) {
      throw new IllegalArgumentException(
          "the API's URL must be scheme://host[:port], not " + baseUrl);
    }
    positive("concurrency", concurrency);
    positive("pageSize", pageSize);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the API's timeout must be positive, not " + timeout);
    }
  }

  /**
   * At most {@code permits} requests started in any window of {@code period}'s length: their starts
   * spaced evenly, {@code period / permits} apart at least.
   */
  public record RateLimit(int permits, Duration period) {
    public RateLimit {
      positive("requests per period", permits);
    }

    public static RateLimit perMinute(int requests) {
      return new RateLimit(requests, Duration.ofMinutes(1));
    }
  }

  /**
   * Up to {@code maxAttempts} attempts per request, waiting between them a jittered exponential
   * backoff from {@code initialBackoff} doubling up to {@code maxBackoff}, or longer when a 429
   * asks it with {@code Retry-After}, up to {@code maxRetryAfter}; a longer {@code Retry-After}
   * gives up at once.
   */
  public record Retries(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    public Retries {
      positive("maxAttempts", maxAttempts);
      if (initialBackoff.isNegative()
          || initialBackoff.isZero()
          || maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "backoff must grow from a positive initial wait, not "
                + initialBackoff
                + " to "
                + maxBackoff);
      }
    }

    /** Six attempts, 0.5 s doubling up to 30 s, a {@code Retry-After} honoured up to 5 minutes. */
    public static Retries byDefault() {
      return new Retries(6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
  }
}

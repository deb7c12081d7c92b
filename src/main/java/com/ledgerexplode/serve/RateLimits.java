package com.ledgerexplode.serve;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;

/**
 * At most N requests per window (a minute) for each credential, by resilience4j's rate limiter (the
 * product's choice for rate limits, the client's too): a fixed window per credential, its N permits
 * renewed at each window's start. A request beyond them is refused at once, never queued, and told
 * how long until the next window.
 *
 * <p>Thread-safe.
 */
public final class RateLimits {
  private final RateLimiterRegistry registry;

  /**
   * @param requests permits per window for each credential, at least 1
   * @param window a minute in production; shorter in tests, so that none waits a minute
   */
  public RateLimits(int requests, Duration window) {
    if (requests < 1) {
      throw new IllegalArgumentException("requests per window must be at least 1, not " + requests);
    }
    this.registry =
        RateLimiterRegistry.of(
            RateLimiterConfig.custom()
                .limitForPeriod(requests)
                .limitRefreshPeriod(window)
                .timeoutDuration(Duration.ZERO)
                .build());
  }

  /**
   * Takes a permit for this credential: {@link Duration#ZERO} when given, else how long until the
   * next window gives permits again.
   */
  public Duration acquire(String credential) {
    RateLimiter limiter = registry.rateLimiter(credential);
    if (limiter.acquirePermission()) {
      return Duration.ZERO;
    }
    long nanos =
        limiter instanceof AtomicRateLimiter atomic
            ? atomic.getDetailedMetrics().getNanosToWait()
            : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
    return Duration.ofNanos(Math.max(1, nanos));
  }
}

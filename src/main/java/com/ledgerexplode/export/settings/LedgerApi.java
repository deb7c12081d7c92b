package com.ledgerexplode.export.settings;

import com.ledgerexplode.vendor.ApiVersion;
import com.ledgerexplode.vendor.VendorApiSettings.Retries;
import java.net.URI;
import java.time.Duration;

/**
 * The vendor's API as a job's ledger ({@code ledger.api} and the {@code api.*} keys): where it is
 * and how it is asked, never a credential (those come from the environment alone, see {@code
 * VendorCredentials}). Connection and tuning: not part of the run's identity.
 *
 * @param url {@code http(s)://host[:port]}, without a path, a query or user information
 * @param version the API's version asked ({@code api.version})
 * @param concurrency requests in flight at most ({@code api.concurrency})
 * @param requestsPerMinute requests started per minute at most ({@code api.requestsPerMinute})
 * @param timeout of each request ({@code api.timeout})
 * @param rateWindow the window {@code requestsPerMinute} is counted over ({@code api.rateWindow}):
 *     a minute, the vendor's; shorter only to test against a server that counts a shorter window
 * @param attempts attempts of a request at most, the first included ({@code api.attempts})
 * @param retryWait the wait before the second attempt, doubled before each next one up to {@link
 *     #MAX_RETRY_WAIT}, jittered ({@code api.retryWait})
 */
public record LedgerApi(
    URI url,
    ApiVersion version,
    int concurrency,
    int requestsPerMinute,
    Duration timeout,
    Duration rateWindow,
    int attempts,
    Duration retryWait) {
  public static final ApiVersion DEFAULT_VERSION = ApiVersion.V2_1;
  public static final int DEFAULT_CONCURRENCY = 4;
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 600;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RATE_WINDOW = Duration.ofMinutes(1);
  public static final int DEFAULT_ATTEMPTS = Retries.byDefault().maxAttempts();
  public static final Duration DEFAULT_RETRY_WAIT = Retries.byDefault().initialBackoff();
  public static final Duration MAX_RETRY_WAIT = Retries.byDefault().maxBackoff();

  /** The retries these settings ask for. */
  public Retries retries() {
    return new Retries(attempts, retryWait, MAX_RETRY_WAIT, Retries.byDefault().maxRetryAfter());
  }
}

package com.ledgerexplode.serve;

import java.time.Duration;

/**
 * How a server listens and limits: the address and port (0 picks a free one), the worker threads
 * (as many as the ledger pool's connections), each credential's requests per rate window, and how
 * long a stop lets requests in flight finish.
 */
public record ServeSettings(
    String bind,
    int port,
    int poolSize,
    int requestsPerWindow,
    Duration rateWindow,
    Duration stopGrace) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_POOL_SIZE = 8;
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 600;
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

  public ServeSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1, not " + poolSize);
    }
    if (requestsPerWindow < 1) {
      throw new IllegalArgumentException(
          "requests per minute must be at least 1, not " + requestsPerWindow);
    }
  }
}

package com.ledgerexplode.serve;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The server's access log: one line per request, appended to a file:
 *
 * <pre>
 * 2026-11-30T09:01:02.345Z 127.0.0.1 ana GET /v2/pointsLedger/getLedgerExplodeInfo?identifierName=mobile&amp;identifierValue=***&amp;source=INSTORE&amp;eventIds=1 200 12ms events=1
 * </pre>
 *
 * <p>Time (UTC), remote address, the credential's name ({@code -} when none), method, path and
 * query, status, duration, events returned ({@code -} when the answer carries none). The values of
 * parameters that identify a customer ({@link #IDENTIFYING}) are masked unless asked; no header is
 * ever written, so neither is a credential.
 *
 * <p>Thread-safe: each line is written and flushed whole.
 */
public final class AccessLog implements AutoCloseable {
  /** Query parameters whose values identify a customer (or a customer's bill). */
  public static final Set<String> IDENTIFYING =
      Set.of("identifierValue", "accountId", "eventReferenceIds");

  private static final String MASK = "***";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final BufferedWriter out;
  private final boolean logIdentifiers;

  private AccessLog(BufferedWriter out, boolean logIdentifiers) {
    this.out = out;
    this.logIdentifiers = logIdentifiers;
  }

  /**
   * Appends to this file (created, with its directory, when absent).
   *
   * @param logIdentifiers whether identifying values are written as given instead of masked
   */
  public static AccessLog open(Path file, boolean logIdentifiers) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new AccessLog(
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
        logIdentifiers);
  }

  /** One request's line. */
  public void log(
      Instant time,
      String remoteAddress,
      @Nullable String credential,
      String method,
      String path,
      @Nullable String query,
      int status,
      long millis,
      @Nullable Integer events) {
    String line =
        TIME.format(time)
            + ' '
            + remoteAddress
            + ' '
            + (credential == null ? "-" : credential)
            + ' '
            + method
            + ' '
            + path
            + (query == null || query.isEmpty() ? "" : "?" + maskedQuery(query, logIdentifiers))
            + ' '
            + status
            + ' '
            + millis
            + "ms events="
            + (events == null ? "-" : events);
    synchronized (out) {
      try {
        out.write(line);
        out.newLine();
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the access log", e);
      }
    }
  }

  /**
   * A raw query string with the values of {@link #IDENTIFYING} parameters replaced by {@code ***}
   * (unless {@code logIdentifiers}), and any line break escaped, so that a line stays one line.
   */
  static String maskedQuery(String query, boolean logIdentifiers) {
    StringBuilder masked = new StringBuilder(query.length());
    for (String pair : query.split("&", -1)) {
      if (masked.length() > 0) {
        masked.append('&');
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (!logIdentifiers && equals >= 0 && IDENTIFYING.contains(decode(name))) {
        masked.append(name).append('=').append(MASK);
      } else {
        masked.append(pair);
      }
    }
    return masked.toString().replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String decode(String name) {
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return name;
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (out) {
      out.close();
    }
  }
}

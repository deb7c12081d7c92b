package com.ledgerexplode.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.ledgerexplode.bench.BenchmarkSupport.IMPORTED;
import static com.ledgerexplode.bench.BenchmarkSupport.THIS_RUN;
import static com.ledgerexplode.bench.BenchmarkSupport.child;
import static com.ledgerexplode.bench.BenchmarkSupport.childProcess;
import static com.ledgerexplode.bench.BenchmarkSupport.clockSeconds;
import static com.ledgerexplode.bench.BenchmarkSupport.delete;
import static com.ledgerexplode.bench.BenchmarkSupport.exportJob;
import static com.ledgerexplode.bench.BenchmarkSupport.generate;
import static com.ledgerexplode.bench.BenchmarkSupport.h2;
import static com.ledgerexplode.bench.BenchmarkSupport.jobFile;
import static com.ledgerexplode.bench.BenchmarkSupport.log;
import static com.ledgerexplode.bench.BenchmarkSupport.seconds;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.ledgerexplode.bench.BenchmarkSupport.Child;
import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.export.requests.RequestsCsvReader;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.serve.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The vendor's API path's figures on a generated ledger of {@code benchmark.customers} customers
 * with 10 events each (100,000: 1,000,000 events) in an H2 file, served by {@code serve} in a child
 * JVM ({@code --pool-size 16}, a rate limit that never bites):
 *
 * <ul>
 *   <li>the export job ({@code run} with {@code ledger.api}, a child JVM) through a WireMock proxy
 *       that delays each answer by {@code benchmark.latencyMs} (20 ms), at {@code api.concurrency}
 *       1, 4 and 16, over the first {@code benchmark.apiRows} rows of the requests CSV: rows/s and
 *       requests/s (the proxy's journal) against the ideal, concurrency / latency; each export must
 *       be the bytes of the same job over the store;
 *   <li>{@code serve} alone, on loopback: {@code benchmark.loadThreads} (16) threads of the JDK's
 *       {@code HttpClient} sending the first page of rows drawn from the whole requests CSV, as the
 *       job's client asks it, for {@code benchmark.loadSeconds} after a warm-up: requests/s and
 *       latency p50, p99 and max, with a Bearer token and with HTTP Basic (bcrypt cost {@code
 *       benchmark.bcryptCost}, and 10, {@code serve hash-password}'s).
 * </ul>
 *
 * <p>It prints a table and asserts nothing about speed: it fails only when a command fails, a
 * request is refused or fails (401, 429, 5xx), or an export differs from the store's.
 *
 * <p>Skipped unless {@code -Dbenchmark=true}; see bench/README.md.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ApiBenchmark {
  private static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 100_000);
  private static final int EVENTS_PER_CUSTOMER = 10;
  private static final long SEED = Long.getLong("benchmark.seed", 1);
  private static final int API_ROWS = Integer.getInteger("benchmark.apiRows", 1_000);
  private static final boolean ALL_ROWS =
      Boolean.parseBoolean(System.getProperty("benchmark.allRows", "true"));
  private static final boolean KEEP_LEDGER = Boolean.getBoolean("benchmark.keepLedger");
  private static final int LATENCY_MS = Integer.getInteger("benchmark.latencyMs", 20);
  private static final String CONCURRENCIES = System.getProperty("benchmark.concurrency", "1,4,16");
  private static final int POOL_SIZE = Integer.getInteger("benchmark.servePool", 16);
  private static final int LOAD_THREADS = Integer.getInteger("benchmark.loadThreads", 16);
  private static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmupSeconds", 5);
  private static final int LOAD_SECONDS = Integer.getInteger("benchmark.loadSeconds", 20);
  private static final int BCRYPT_COST = Integer.getInteger("benchmark.bcryptCost", 4);
  private static final String JOB_HEAP = System.getProperty("benchmark.jobHeap", "256m");
  private static final String IMPORT_HEAP = System.getProperty("benchmark.importHeap", "1g");
  private static final String SERVE_HEAP = System.getProperty("benchmark.serveHeap", "1g");
  private static final Path DIR = Path.of(System.getProperty("benchmark.dir", "target/benchmark"));

  /** serve's own limit, per credential and minute: far above any rate reached here. */
  private static final int NO_LIMIT = 1_000_000_000;

  /** The path the job's client asks with {@code api.version} v2.1, its default. */
  private static final String EXPLODE_PATH = "/v2.1/pointsLedger/getLedgerExplodeInfo";

  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private static final Pattern SERVED = Pattern.compile(" (\\d{3}) (\\d+)ms events=");

  private static final String USER = "bench";
  private static final String SLOW_USER = "bench10";
  private static final String PASSWORD = "bench-" + Credentials.newToken();
  private static final String TOKEN = Credentials.newToken();

  private final List<String> rows = new ArrayList<>();

  @Test
  void printsTheJobOverServeAgainstTheIdealAndServesOwnThroughput() throws Exception {
    log(
        "API benchmark: %,d customers x %d events, seed %d, %d cores; job over serve through a"
            + " proxy adding %d ms per request, first %,d request rows%s; serve --pool-size %d,"
            + " load %d threads for %d s after %d s",
        CUSTOMERS,
        EVENTS_PER_CUSTOMER,
        SEED,
        Runtime.getRuntime().availableProcessors(),
        LATENCY_MS,
        API_ROWS,
        ALL_ROWS ? "" : " not asking for eventReferenceIds -1",
        POOL_SIZE,
        LOAD_THREADS,
        LOAD_SECONDS,
        WARMUP_SECONDS);
    Path dir = DIR.resolve("api-" + CUSTOMERS).toAbsolutePath();
    Path requests = dir.resolve(LedgerGenerator.REQUESTS_FILE);
    String ledgerUrl = h2(dir.resolve("db/ledger"));
    String importRow;
    if (KEEP_LEDGER && Files.exists(dir.resolve("db/ledger.mv.db")) && Files.exists(requests)) {
      importRow = "ledger kept from an earlier run (benchmark.keepLedger): " + dir;
      for (String earlier : List.of("out-store", "serve")) {
        delete(dir.resolve(earlier));
      }
      try (Stream<Path> files = Files.list(dir.resolve("db"))) {
        for (Path file : files.toList()) {
          if (file.getFileName().toString().startsWith("repository-")) {
            Files.delete(file);
          }
        }
      }
      for (String given : CONCURRENCIES.split(",", -1)) {
        delete(dir.resolve("out-api-" + given.strip()));
      }
    } else {
      generate(dir, CUSTOMERS, EVENTS_PER_CUSTOMER, SEED, "");
      importRow = importInto(dir, ledgerUrl);
    }
    log("%s", importRow);

    List<RequestRow> all = requestRows(requests);
    List<RequestRow> usualRows = all.stream().filter(row -> !asksSharedReference(row)).toList();
    Path subset =
        firstRows(requests, ALL_ROWS ? all : usualRows, dir.resolve("requests-subset.csv"));
    Map<String, String> job = exportJob(subset);
    Map<String, String> overStore = new LinkedHashMap<>(job);
    overStore.put("ledger.db", ledgerUrl);
    overStore.put("repository.db", h2(dir.resolve("db/repository-store")));
    overStore.put("output", dir.resolve("out-store/export.jsonl").toString());
    JobRun store = run(dir, overStore, Map.of());
    Path storeExport = dir.resolve("out-store/export.jsonl");
    rows.add(
        String.format(
            Locale.ROOT,
            "%-40s %8d %12s %8.1f %9.0f %12s %11s %12s %7s %9s %9s",
            "job over the store (no API)",
            store.rows,
            "-",
            store.seconds,
            store.rows / store.seconds,
            "-",
            "-",
            "-",
            "-",
            "-",
            "-"));
    log("%s", rows.get(rows.size() - 1));

    Path credentials = credentials(dir.resolve("serve/credentials.properties"));
    Path accessLog = dir.resolve("serve/access.log");
    Path serveOut = dir.resolve("serve/serve.log");
    Process serve =
        childProcess(
                dir,
                SERVE_HEAP,
                Map.of(),
                "serve",
                "--db",
                ledgerUrl,
                "--credentials",
                credentials.toString(),
                "--port",
                "0",
                "--pool-size",
                Integer.toString(POOL_SIZE),
                "--requests-per-minute",
                Integer.toString(NO_LIMIT),
                "--access-log",
                accessLog.toString())
            .redirectErrorStream(true)
            .redirectOutput(serveOut.toFile())
            .start();
    List<LoadFigure> loads = new ArrayList<>();
    try {
      int port = awaitListening(serve, serveOut);
      String serveUrl = "http://127.0.0.1:" + port;
      log("serve (-Xmx%s, its output: %s) listening on %s", SERVE_HEAP, serveOut, serveUrl);

      WireMockServer proxy = new WireMockServer(options().dynamicPort().containerThreads(64));
      proxy.start();
      try {
        proxy.stubFor(
            get(anyUrl()).willReturn(aResponse().proxiedFrom(serveUrl).withFixedDelay(LATENCY_MS)));
        for (String given : CONCURRENCIES.split(",", -1)) {
          int concurrency = Integer.parseInt(given.strip());
          apiRun(dir, job, proxy, accessLog, concurrency, storeExport);
        }
      } finally {
        proxy.stop();
      }

      List<String> queries = firstPages(all, job);
      List<String> usual = firstPages(usualRows, job);
      log(
          "serve alone: %,d queries, the first page of each request row; %,d without"
              + " eventReferenceIds -1",
          queries.size(), usual.size());
      loads.add(load("Bearer token, all rows", bearer(), serveUrl, queries));
      loads.add(load("Bearer token, no reference -1", bearer(), serveUrl, usual));
      loads.add(
          load("Basic cost " + BCRYPT_COST + ", no reference -1", basic(USER), serveUrl, usual));
      loads.add(load("Basic cost 10, no reference -1", basic(SLOW_USER), serveUrl, usual));
    } finally {
      serve.destroy();
      boolean ended = serve.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        serve.destroyForcibly();
      }
      assertThat(ended).as("serve stopped on SIGTERM").isTrue();
    }
    assertThat(serve.exitValue()).as(Files.readString(serveOut, UTF_8)).isZero();
    printTable(importRow, loads);
  }

  /**
   * Whether a row asks for the event reference id -1, which the generated import and adjustment
   * events all carry (as the vendor's do): over 1M events in H2 such a request takes seconds in
   * serve (see bench/README.md).
   */
  private static boolean asksSharedReference(RequestRow row) {
    String ids = row.request().get(ApiParameter.EVENT_REFERENCE_IDS);
    return ids != null && Arrays.stream(ids.split(",", -1)).anyMatch(id -> id.strip().equals("-1"));
  }

  /** {@code ledger import} into the H2 file, in a child JVM; its figures as a line. */
  private static String importInto(Path dir, String ledgerUrl) throws Exception {
    Child imported =
        child(
            dir,
            IMPORT_HEAP,
            "ledger",
            "import",
            "--db",
            ledgerUrl,
            dir.resolve(LedgerGenerator.LEDGER_FILE).toString());
    Matcher m = IMPORTED.matcher(imported.err());
    assertThat(m.find()).as(imported.err()).isTrue();
    return String.format(
        Locale.ROOT,
        "ledger import into H2 (file): %,d lines, %,d events in %.1f s (child's wall %.1f s)",
        Long.parseLong(m.group(1)),
        Long.parseLong(m.group(2)),
        Double.parseDouble(m.group(3)),
        imported.seconds());
  }

  /**
   * The header and the lines of the first {@link #API_ROWS} of {@code rows} (generated rows are one
   * line each).
   */
  private static Path firstRows(Path requests, List<RequestRow> rows, Path subset)
      throws IOException {
    List<String> lines = Files.readAllLines(requests, UTF_8);
    List<String> kept = new ArrayList<>();
    kept.add(lines.get(0));
    for (RequestRow row : rows.subList(0, Math.min(rows.size(), API_ROWS))) {
      kept.add(lines.get((int) row.line() - 1));
    }
    Files.write(subset, kept, UTF_8);
    return subset;
  }

  /** The rows of a requests CSV, as the job reads them. */
  private static List<RequestRow> requestRows(Path requests) throws IOException {
    List<RequestRow> rows = new ArrayList<>();
    RequestsCsvReader reader = new RequestsCsvReader(requests);
    reader.open(new ExecutionContext());
    try {
      for (RequestItem item = reader.read(); item != null; item = reader.read()) {
        if (item instanceof RequestRow row) {
          rows.add(row);
        }
      }
    } finally {
      reader.close();
    }
    return rows;
  }

  private static Path credentials(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        String.join(
            "\n",
            "user."
                + USER
                + ".passwordHash="
                + new BCryptPasswordEncoder(BCRYPT_COST).encode(PASSWORD),
            "user." + USER + ".org=" + GeneratorOptions.DEFAULT_MAIN_ORG,
            "user." + SLOW_USER + ".passwordHash=" + Credentials.hashPassword(PASSWORD),
            "user." + SLOW_USER + ".org=" + GeneratorOptions.DEFAULT_MAIN_ORG,
            "token.bench-token.sha256=" + Credentials.tokenHash(TOKEN),
            "token.bench-token.org=" + GeneratorOptions.DEFAULT_MAIN_ORG,
            ""),
        UTF_8);
    return file;
  }

  private static int awaitListening(Process serve, Path output) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(output) ? Files.readString(output, UTF_8) : "";
      Matcher listening = LISTENING.matcher(text);
      if (listening.find()) {
        return Integer.parseInt(listening.group(1));
      }
      assertThat(serve.isAlive()).as("serve ended: " + text).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not listen within 120 s: " + Files.readString(output));
  }

  /**
   * The job over the API through the proxy at this concurrency; its export and rejects must be the
   * store job's bytes.
   */
  private void apiRun(
      Path dir,
      Map<String, String> job,
      WireMockServer proxy,
      Path accessLog,
      int concurrency,
      Path storeExport)
      throws Exception {
    Path output = dir.resolve("out-api-" + concurrency + "/export.jsonl");
    Map<String, String> settings = new LinkedHashMap<>(job);
    settings.put("ledger.api", "http://127.0.0.1:" + proxy.port());
    settings.put("api.concurrency", Integer.toString(concurrency));
    // evenly spaced at most 100,000 a second: never the limit here
    settings.put("api.requestsPerMinute", "6000000");
    settings.put("repository.db", h2(dir.resolve("db/repository-api-" + concurrency)));
    settings.put("output", output.toString());
    proxy.resetRequests();
    int servedBefore = Files.exists(accessLog) ? Files.readAllLines(accessLog, UTF_8).size() : 0;

    JobRun run =
        run(dir, settings, Map.of("LEDGER_API_USER", USER, "LEDGER_API_PASSWORD", PASSWORD));

    assertThat(Files.mismatch(output, storeExport))
        .as("the export over the API differs from the store's")
        .isEqualTo(-1);
    assertThat(Files.mismatch(rejectsOf(output), rejectsOf(storeExport)))
        .as("the rejects over the API differ from the store's")
        .isEqualTo(-1);
    List<ServeEvent> proxied = proxy.getAllServeEvents();
    int requests = proxied.size();
    double proxyMillis =
        proxied.stream().mapToInt(event -> event.getTiming().getTotalTime()).average().orElse(0);
    List<String> served = Files.readAllLines(accessLog, UTF_8);
    Served answers = Served.of(served.subList(servedBefore, served.size()));
    assertThat(answers.count)
        .as("serve's access log against the proxy's journal")
        .isEqualTo(requests);
    double ideal = concurrency * 1000.0 / LATENCY_MS;
    double requestsPerRow = (double) requests / run.rows;
    double rowsPerSecond = run.rows / run.seconds;
    double requestsPerSecond = requests / run.seconds;
    rows.add(
        String.format(
            Locale.ROOT,
            "%-40s %8d %12s %8.1f %9.0f %12.0f %11.0f %12.0f %7.2f %9.1f %9.1f",
            "job over serve + " + LATENCY_MS + " ms, concurrency " + concurrency,
            run.rows,
            String.format(Locale.ROOT, "%d (%.2f)", requests, requestsPerRow),
            run.seconds,
            rowsPerSecond,
            ideal / requestsPerRow,
            requestsPerSecond,
            ideal,
            requestsPerSecond / ideal,
            answers.meanMillis(),
            proxyMillis));
    log("%s", rows.get(rows.size() - 1));
  }

  private static Path rejectsOf(Path output) {
    return output.resolveSibling("export.rejects.jsonl");
  }

  private static JobRun run(Path dir, Map<String, String> settings, Map<String, String> env)
      throws Exception {
    Child child =
        child(
            dir, JOB_HEAP, env, "run", jobFile(dir, settings).toString(), "--progress-seconds=60");
    Matcher m = THIS_RUN.matcher(child.err());
    assertThat(m.find()).as(child.err()).isTrue();
    return new JobRun(Long.parseLong(m.group(1).replace(",", "")), clockSeconds(m.group(3)));
  }

  /**
   * Each row of the requests CSV as the job's client asks its first page: its parameters with the
   * job's defaults, by the API's names and URL-encoded, then {@code offset=0&limit=pageSize}.
   */
  private static List<String> firstPages(List<RequestRow> rows, Map<String, String> job) {
    Map<ApiParameter, String> defaults = new EnumMap<>(ApiParameter.class);
    job.forEach(
        (key, value) -> {
          if (key.startsWith(JobSettings.DEFAULTS_PREFIX)) {
            String name = key.substring(JobSettings.DEFAULTS_PREFIX.length());
            defaults.put(ApiParameter.byName(name).orElseThrow(), value);
          }
        });
    String window = "offset=0&limit=" + job.get("pageSize");
    List<String> queries = new ArrayList<>();
    for (RequestRow row : rows) {
      ApiRequest request = row.request().withDefaults(defaults);
      assertThat(request.has(ApiParameter.OFFSET) || request.has(ApiParameter.LIMIT))
          .as("a generated row with its own window")
          .isFalse();
      StringBuilder query = new StringBuilder();
      request
          .params()
          .forEach(
              (parameter, value) ->
                  query
                      .append(parameter.apiName())
                      .append('=')
                      .append(URLEncoder.encode(value, UTF_8))
                      .append('&'));
      queries.add(query.append(window).toString());
    }
    return queries;
  }

  /**
   * {@link #LOAD_THREADS} threads sending queries drawn at random, each as soon as its last is
   * answered, for the warm-up then {@link #LOAD_SECONDS}: every request sent in the second part,
   * however late its answer.
   */
  private static LoadFigure load(
      String credential, String authorization, String serveUrl, List<String> queries)
      throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(LOAD_SECONDS);
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(LOAD_THREADS);
    List<Future<long[]>> latencies = new ArrayList<>();
    try {
      for (int t = 0; t < LOAD_THREADS; t++) {
        SplittableRandom random = new SplittableRandom(SEED * 1_000 + t);
        latencies.add(
            threads.submit(
                () -> {
                  long[] measured = new long[1024];
                  int n = 0;
                  while (true) {
                    String query = queries.get(random.nextInt(queries.size()));
                    HttpRequest request =
                        HttpRequest.newBuilder(URI.create(serveUrl + EXPLODE_PATH + "?" + query))
                            .timeout(Duration.ofMinutes(5))
                            .header("Accept", "application/json")
                            .header("Authorization", authorization)
                            .header("DATA-SCOPE", "SELF")
                            .GET()
                            .build();
                    long sent = System.nanoTime();
                    if (sent >= end) {
                      return Arrays.copyOf(measured, n);
                    }
                    HttpResponse<byte[]> response =
                        http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long answered = System.nanoTime();
                    if (sent >= measureFrom) {
                      if (n == measured.length) {
                        measured = Arrays.copyOf(measured, n * 2);
                      }
                      measured[n++] = answered - sent;
                      statuses
                          .computeIfAbsent(response.statusCode(), s -> new LongAdder())
                          .increment();
                    }
                  }
                }));
      }
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> thread : latencies) {
        all.add(thread.get());
      }
      long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      Map<Integer, Long> byStatus = new TreeMap<>();
      statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
      assertThat(byStatus.keySet())
          .as("serve answered every request with events or an API code")
          .allMatch(status -> status == 200 || status == 400);
      LoadFigure figure = LoadFigure.of(credential, sorted, LOAD_SECONDS, byStatus);
      log("%s", figure.row());
      return figure;
    } finally {
      threads.shutdownNow();
    }
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(UTF_8));
  }

  private static String bearer() {
    return "Bearer " + TOKEN;
  }

  private void printTable(String importRow, List<LoadFigure> loads) {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%n%s, %,d events, %d cores; ideal = concurrency / %d ms a request%n%n",
            "ledger on H2 (file)",
            CUSTOMERS * EVENTS_PER_CUSTOMER,
            Runtime.getRuntime().availableProcessors(),
            LATENCY_MS));
    table.append(importRow).append("\n\n");
    table.append(
        String.format(
            Locale.ROOT,
            "%-40s %8s %12s %8s %9s %12s %11s %12s %7s %9s %9s%n",
            "workload",
            "rows",
            "requests",
            "seconds",
            "rows/s",
            "ideal rows/s",
            "requests/s",
            "ideal req/s",
            "ratio",
            "serve ms",
            "proxy ms"));
    rows.forEach(row -> table.append(row).append('\n'));
    table.append(
        String.format(
            Locale.ROOT,
            "%nserve alone, %d threads on loopback, %d s after %d s of warm-up:%n"
                + "%-40s %10s %11s %8s %8s %8s  %s%n",
            LOAD_THREADS,
            LOAD_SECONDS,
            WARMUP_SECONDS,
            "credential",
            "requests",
            "requests/s",
            "p50 ms",
            "p99 ms",
            "max ms",
            "statuses"));
    loads.forEach(load -> table.append(load.row()).append('\n'));
    System.out.println(table);
    System.out.flush();
  }

  private record JobRun(long rows, double seconds) {}

  /** serve's access log lines of a run: how many, and their mean duration. */
  private record Served(long count, long totalMillis) {
    static Served of(List<String> lines) {
      long count = 0;
      long millis = 0;
      for (String line : lines) {
        Matcher m = SERVED.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        assertThat(m.group(1)).as(line).isIn("200", "400");
        count++;
        millis += Long.parseLong(m.group(2));
      }
      return new Served(count, millis);
    }

    double meanMillis() {
      return (double) totalMillis / Math.max(count, 1);
    }
  }

  /** What the load generator measured: answers, latency in ms, answers by status. */
  private record LoadFigure(
      String credential,
      long requests,
      int seconds,
      double p50,
      double p99,
      double max,
      Map<Integer, Long> statuses) {

    /** Of latencies in nanoseconds, sorted. */
    static LoadFigure of(
        String credential, long[] sorted, int seconds, Map<Integer, Long> statuses) {
      return new LoadFigure(
          credential,
          sorted.length,
          seconds,
          percentile(sorted, 0.50),
          percentile(sorted, 0.99),
          percentile(sorted, 1.0),
          statuses);
    }

    private static double percentile(long[] sorted, double p) {
      if (sorted.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(p * sorted.length) - 1;
      return sorted[Math.max(index, 0)] / 1e6;
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "%-40s %,10d %,11.0f %8.1f %8.1f %8.1f  %s",
          credential,
          requests,
          (double) requests / seconds,
          p50,
          p99,
          max,
          statuses);
    }
  }
}

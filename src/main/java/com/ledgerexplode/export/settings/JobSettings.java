package com.ledgerexplode.export.settings;

import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.export.runs.RunningProcess;
import com.ledgerexplode.store.Dialect;
import com.ledgerexplode.store.Secrets;
import com.ledgerexplode.vendor.ApiVersion;
import com.ledgerexplode.vendor.VendorCredentials;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The settings of one export run: a job file's keys with {@code key=value} overrides, checked and
 * typed. Immutable. It never holds a secret: a database URL that carries a password is refused
 * (passwords come from the environment, see {@code Databases}).
 *
 * <p>The run's identity (its Spring Batch job instance) is the settings that change the result:
 * {@link #IDENTIFYING_KEYS} and every {@code defaults.*}; the tuning (chunk size, page size, skip
 * limit, how long a lost database is retried), the databases' URLs, the vendor's API's URL and its
 * {@code api.*} keys, the partitions and the log file are carried along but do not identify it, so
 * a rerun with another chunk size continues the same run (a partitioned run continues with the
 * partitions it started with).
 */
public record JobSettings(
    Path input,
    String output,
    String ledgerDb,
    String repositoryDb,
    long org,
    DataScope dataScope,
    List<Long> dataScopeOrgs,
    Map<ApiParameter, String> defaults,
    int chunkSize,
    int pageSize,
    int skipLimit,
    LocalDate runDate,
    @Nullable Path ledgerImport,
    Path logFile,
    boolean overwrite,
    int maxEventIdsPerRow,
    Duration retryFor,
    @Nullable LedgerApi ledgerApi,
    int partitions) {

  public static final String INPUT = "input";
  public static final String OUTPUT = "output";
  public static final String LEDGER_DB = "ledger.db";
  public static final String REPOSITORY_DB = "repository.db";
  public static final String ORG = "org";
  public static final String DATA_SCOPE = "dataScope";
  public static final String DATA_SCOPE_ORGS = "dataScopeOrgs";
  public static final String DEFAULTS_PREFIX = "defaults.";
  public static final String CHUNK_SIZE = "chunkSize";
  public static final String PAGE_SIZE = "pageSize";
  public static final String SKIP_LIMIT = "skipLimit";
  public static final String RUN_DATE = "runDate";
  public static final String LEDGER_IMPORT = "ledger.import";
  public static final String LOG_FILE = "logFile";
  public static final String OVERWRITE = "overwrite";
  public static final String MAX_EVENT_IDS_PER_ROW = "maxEventIdsPerRow";
  public static final String RETRY_FOR = "retryFor";
  public static final String PARTITIONS = "partitions";

  /** {@value #PARTITIONS}'s value for as many partitions as the machine has cores. */
  public static final String AUTO = "auto";

  /** At most this many partitions: each holds connections and open files of its own. */
  public static final int MAX_PARTITIONS = 64;

  public static final String LEDGER_API = "ledger.api";
  public static final String API_VERSION = "api.version";
  public static final String API_CONCURRENCY = "api.concurrency";
  public static final String API_REQUESTS_PER_MINUTE = "api.requestsPerMinute";
  public static final String API_TIMEOUT = "api.timeout";
  public static final String API_RATE_WINDOW = "api.rateWindow";
  public static final String API_ATTEMPTS = "api.attempts";
  public static final String API_RETRY_WAIT = "api.retryWait";

  /** The keys of {@link LedgerApi} other than {@code ledger.api}, which they need. */
  private static final List<String> API_KEYS =
      List.of(
          API_VERSION,
          API_CONCURRENCY,
          API_REQUESTS_PER_MINUTE,
          API_TIMEOUT,
          API_RATE_WINDOW,
          API_ATTEMPTS,
          API_RETRY_WAIT);

  /**
   * How long a run keeps retrying, from the moment a database is lost, before it fails: long enough
   * for a database server's restart or a failover, short enough that a night's schedule notices.
   */
  public static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(5);

  /**
   * Rows asking for more event ids are rejected whole (11012): far above the API's own usage, and
   * what keeps a chunk's memory and output bounded whatever a row holds.
   */
  public static final int DEFAULT_MAX_EVENT_IDS_PER_ROW = 1000;

  /** The API's own bound on reference ids; a job may not allow fewer event ids than this. */
  public static final int MIN_MAX_EVENT_IDS_PER_ROW = 10;

  public static final String DEFAULT_LEDGER_DB = "jdbc:h2:./data/ledger;AUTO_SERVER=TRUE";
  public static final String DEFAULT_REPOSITORY_DB = "jdbc:h2:./data/repository;AUTO_SERVER=TRUE";
  public static final int DEFAULT_CHUNK_SIZE = 100;
  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int DEFAULT_SKIP_LIMIT = 0;

  /** The log file's name where {@link #defaultLogFile} puts it. */
  public static final String LOG_FILE_NAME = "ledger-explode.log";

  /** The keys that, with every {@code defaults.*}, make the run's identity. */
  public static final Set<String> IDENTIFYING_KEYS =
      Set.of(INPUT, OUTPUT, ORG, DATA_SCOPE, DATA_SCOPE_ORGS, RUN_DATE, MAX_EVENT_IDS_PER_ROW);

  private static final List<String> KEYS =
      Stream.concat(
              Stream.of(
                  INPUT,
                  OUTPUT,
                  LEDGER_DB,
                  REPOSITORY_DB,
                  ORG,
                  DATA_SCOPE,
                  DATA_SCOPE_ORGS,
                  DEFAULTS_PREFIX + "FLAG",
                  CHUNK_SIZE,
                  PAGE_SIZE,
                  SKIP_LIMIT,
                  RUN_DATE,
                  LEDGER_IMPORT,
                  LOG_FILE,
                  OVERWRITE,
                  MAX_EVENT_IDS_PER_ROW,
                  RETRY_FOR,
                  PARTITIONS,
                  LEDGER_API),
              API_KEYS.stream())
          .toList();

  private static final String RUN_DATE_PLACEHOLDER = "${runDate}";

  public JobSettings {
    // here, so that no way of making settings (a file, job parameters, another repository for a
    // restart) can carry a password into the job's parameters
    if (isJdbcUrl(output)) {
      noSecret(OUTPUT, output);
    }
    noSecret(LEDGER_DB, ledgerDb);
    noSecret(REPOSITORY_DB, repositoryDb);
    if (!isJdbcUrl(output)) {
      refuseOutputOver(INPUT, "the requests file", input, Path.of(output));
      if (ledgerImport != null) {
        refuseOutputOver(LEDGER_IMPORT, "the snapshot to import", ledgerImport, Path.of(output));
      }
      for (String database : List.of(ledgerDb, repositoryDb)) {
        Optional<Path> file = Dialect.h2File(database);
        if (file.isPresent()) {
          refuseOutputOver(
              database.equals(ledgerDb) ? LEDGER_DB : REPOSITORY_DB,
              "a database",
              file.get(),
              Path.of(output));
        }
      }
    }
    dataScopeOrgs = List.copyOf(dataScopeOrgs);
    EnumMap<ApiParameter, String> copy = new EnumMap<>(ApiParameter.class);
    copy.putAll(defaults);
    defaults = Collections.unmodifiableMap(copy);
  }

  /**
   * The settings of a job file with {@code key=value} overrides (later ones win), {@code runDate}
   * defaulting to {@code today}.
   *
   * @throws java.nio.file.NoSuchFileException when the job file does not exist
   * @throws InvalidSettingsException naming the bad key
   */
  public static JobSettings load(Path jobFile, List<String> overrides, LocalDate today)
      throws IOException {
    Properties file = new Properties();
    try (Reader reader = Files.newBufferedReader(jobFile, StandardCharsets.UTF_8)) {
      file.load(reader);
    }
    Map<String, String> values = new LinkedHashMap<>();
    file.stringPropertyNames().stream()
        .sorted()
        .forEach(key -> values.put(key, file.getProperty(key)));
    for (String override : overrides) {
      int equals = override.indexOf('=');
      if (equals <= 0) {
        throw new InvalidSettingsException(
            "Expected key=value after the job file, got '" + override + "'");
      }
      values.put(override.substring(0, equals).strip(), override.substring(equals + 1));
    }
    JobSettings settings = of(values, today);
    if (!settings.outputIsDatabase()) {
      refuseOutputOver("the job file", "the job file", jobFile, settings.outputPath());
    }
    return settings;
  }

  /** As {@link #load}, today being the current date in UTC. */
  public static JobSettings load(Path jobFile, List<String> overrides) throws IOException {
    return load(jobFile, overrides, LocalDate.now(ZoneOffset.UTC));
  }

  /**
   * The settings these key-value pairs give.
   *
   * @throws InvalidSettingsException naming the bad key
   */
  public static JobSettings of(Map<String, String> values, LocalDate today) {
    Map<String, String> given = new TreeMap<>();
    Map<ApiParameter, String> defaults = new EnumMap<>(ApiParameter.class);
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue().strip();
      if (key.startsWith(DEFAULTS_PREFIX)) {
        ApiParameter parameter = defaultParameter(key);
        defaults.put(parameter, normalDefault(parameter, key, value));
      } else if (KEYS.contains(key)) {
        given.put(key, value);
      } else {
        throw new InvalidSettingsException(
            "Unknown key '" + key + "'; known keys: " + String.join(", ", KEYS));
      }
    }
    LocalDate runDate = date(RUN_DATE, given.get(RUN_DATE), today);
    String input = required(given, INPUT).replace(RUN_DATE_PLACEHOLDER, runDate.toString());
    String output = required(given, OUTPUT).replace(RUN_DATE_PLACEHOLDER, runDate.toString());
    String ledgerImport = nonBlank(given.get(LEDGER_IMPORT));
    String repositoryDb = orDefault(given.get(REPOSITORY_DB), DEFAULT_REPOSITORY_DB);
    String logFile = nonBlank(given.get(LOG_FILE));
    LedgerApi ledgerApi = ledgerApi(given);
    DataScope dataScope = dataScope(given.get(DATA_SCOPE));
    if (ledgerApi != null && ledgerApi.version() == ApiVersion.V2 && dataScope != DataScope.SELF) {
      throw new InvalidSettingsException(
          "Key 'api.version' v2 reads the credential's own org only (dataScope SELF); give"
              + " api.version=v2.1 for dataScope "
              + dataScope);
    }
    return new JobSettings(
        absolute(input),
        isJdbcUrl(output) ? output : jsonLinesPath(output),
        orDefault(given.get(LEDGER_DB), DEFAULT_LEDGER_DB),
        repositoryDb,
        positiveLong(ORG, required(given, ORG)),
        dataScope,
        orgs(given.get(DATA_SCOPE_ORGS)),
        defaults,
        intAtLeast(CHUNK_SIZE, given.get(CHUNK_SIZE), DEFAULT_CHUNK_SIZE, 1),
        intAtLeast(PAGE_SIZE, given.get(PAGE_SIZE), DEFAULT_PAGE_SIZE, 1),
        intAtLeast(SKIP_LIMIT, given.get(SKIP_LIMIT), DEFAULT_SKIP_LIMIT, 0),
        runDate,
        ledgerImport == null ? null : absolute(ledgerImport),
        logFile == null ? defaultLogFile(repositoryDb) : absolute(logFile),
        flag(OVERWRITE, given.get(OVERWRITE)),
        intAtLeast(
            MAX_EVENT_IDS_PER_ROW,
            given.get(MAX_EVENT_IDS_PER_ROW),
            DEFAULT_MAX_EVENT_IDS_PER_ROW,
            MIN_MAX_EVENT_IDS_PER_ROW),
        duration(RETRY_FOR, given.get(RETRY_FOR), DEFAULT_RETRY_FOR),
        ledgerApi,
        partitions(given.get(PARTITIONS)));
  }

  /**
   * The vendor's API the keys name as the ledger, or none: {@code ledger.api} excludes {@code
   * ledger.db} and {@code ledger.import} (the ledger is a database or the API), the {@code api.*}
   * keys need it, and its URL may carry no credential.
   */
  private static @Nullable LedgerApi ledgerApi(Map<String, String> given) {
    String url = nonBlank(given.get(LEDGER_API));
    if (url == null) {
      for (String key : API_KEYS) {
        if (nonBlank(given.get(key)) != null) {
          throw new InvalidSettingsException(
              "Key '" + key + "' needs '" + LEDGER_API + "' (the vendor's API as the ledger)");
        }
      }
      return null;
    }
    for (String key : List.of(LEDGER_DB, LEDGER_IMPORT)) {
      if (nonBlank(given.get(key)) != null) {
        throw new InvalidSettingsException(
            "Keys '"
                + LEDGER_API
                + "' and '"
                + key
                + "' exclude each other: the ledger is either the vendor's API or a database");
      }
    }
    return new LedgerApi(
        apiUrl(url),
        apiVersion(given.get(API_VERSION)),
        intAtLeast(API_CONCURRENCY, given.get(API_CONCURRENCY), LedgerApi.DEFAULT_CONCURRENCY, 1),
        intAtLeast(
            API_REQUESTS_PER_MINUTE,
            given.get(API_REQUESTS_PER_MINUTE),
            LedgerApi.DEFAULT_REQUESTS_PER_MINUTE,
            1),
        positive(
            API_TIMEOUT, duration(API_TIMEOUT, given.get(API_TIMEOUT), LedgerApi.DEFAULT_TIMEOUT)),
        positive(
            API_RATE_WINDOW,
            duration(API_RATE_WINDOW, given.get(API_RATE_WINDOW), LedgerApi.DEFAULT_RATE_WINDOW)),
        intAtLeast(API_ATTEMPTS, given.get(API_ATTEMPTS), LedgerApi.DEFAULT_ATTEMPTS, 1),
        retryWait(given.get(API_RETRY_WAIT)));
  }

  /** A positive first wait, no longer than the longest ({@link LedgerApi#MAX_RETRY_WAIT}). */
  private static Duration retryWait(@Nullable String value) {
    Duration wait =
        positive(API_RETRY_WAIT, duration(API_RETRY_WAIT, value, LedgerApi.DEFAULT_RETRY_WAIT));
    if (wait.compareTo(LedgerApi.MAX_RETRY_WAIT) > 0) {
      throw new InvalidSettingsException(
          "Key '"
              + API_RETRY_WAIT
              + "' must be at most "
              + durationText(LedgerApi.MAX_RETRY_WAIT)
              + ", the longest wait between attempts, not '"
              + value
              + "'");
    }
    return wait;
  }

  private static URI apiUrl(String url) {
    if (Secrets.holdsSecret(url) || url.contains("@")) {
      throw new InvalidSettingsException(
          "Key '"
              + LEDGER_API
              + "' holds a credential; give it in the environment instead ("
              + VendorCredentials.USER
              + " and "
              + VendorCredentials.PASSWORD
              + ", or "
              + VendorCredentials.TOKEN
              + ")");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String path = uri == null ? null : uri.getRawPath();
    if (uri == null
        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || (path != null && !path.isEmpty() && !path.equals("/"))) {
      throw new InvalidSettingsException(
          "Bad value '"
              + url
              + "' for key '"
              + LEDGER_API
              + "': expected https://host[:port] (or http://), without a path");
    }
    return uri;
  }

  private static ApiVersion apiVersion(@Nullable String value) {
    String given = nonBlank(value);
    if (given == null) {
      return LedgerApi.DEFAULT_VERSION;
    }
    try {
      return ApiVersion.byName(given.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException(
          "Bad value '" + given + "' for key '" + API_VERSION + "': expected v2 or v2.1");
    }
  }

  private static Duration positive(String key, Duration duration) {
    if (duration.isZero()) {
      throw new InvalidSettingsException(
          "Bad value '0' for key '" + key + "': expected a duration such as 500ms or 30s");
    }
    return duration;
  }

  /**
   * Where a run logs unless {@code logFile} says otherwise: beside the job repository's files when
   * it is a local H2 database ({@code data/ledger-explode.log} for the default), else {@code
   * logs/ledger-explode.log} in the working directory.
   */
  public static Path defaultLogFile(String repositoryDb) {
    String h2 = "jdbc:h2:";
    if (repositoryDb.startsWith(h2)) {
      String database = repositoryDb.substring(h2.length()).split(";", 2)[0];
      if (database.startsWith("file:")) {
        database = database.substring("file:".length());
      }
      boolean local =
          !database.isBlank() && !database.toLowerCase(Locale.ROOT).matches("(mem|tcp|ssl):.*");
      if (local) {
        if (database.startsWith("~")) {
          database = System.getProperty("user.home") + database.substring(1);
        }
        return absolute(database).resolveSibling(LOG_FILE_NAME);
      }
    }
    return absolute("logs/" + LOG_FILE_NAME);
  }

  /**
   * The settings a run was started with, read back from its job parameters (for {@code restart}).
   */
  public static JobSettings fromJobParameters(JobParameters parameters) {
    Map<String, String> values = new LinkedHashMap<>();
    parameters.parameters().stream()
        .filter(p -> !p.name().startsWith(RunningProcess.PREFIX))
        .forEach(p -> values.put(p.name(), String.valueOf(p.value())));
    return of(values, LocalDate.now(ZoneOffset.UTC));
  }

  /** The settings as key-value pairs, as a job file would give them (resolved, no secret). */
  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(INPUT, input.toString());
    map.put(OUTPUT, output);
    map.put(ORG, Long.toString(org));
    map.put(DATA_SCOPE, dataScope.name());
    map.put(
        DATA_SCOPE_ORGS,
        dataScopeOrgs.stream().map(String::valueOf).collect(Collectors.joining(",")));
    defaults.forEach((parameter, value) -> map.put(DEFAULTS_PREFIX + parameter.apiName(), value));
    map.put(RUN_DATE, runDate.toString());
    if (ledgerApi == null) {
      map.put(LEDGER_DB, ledgerDb);
    } else {
      map.put(LEDGER_API, ledgerApi.url().toString());
      map.put(API_VERSION, ledgerApi.version().toString());
      map.put(API_CONCURRENCY, Integer.toString(ledgerApi.concurrency()));
      map.put(API_REQUESTS_PER_MINUTE, Integer.toString(ledgerApi.requestsPerMinute()));
      map.put(API_TIMEOUT, durationText(ledgerApi.timeout()));
      map.put(API_RATE_WINDOW, durationText(ledgerApi.rateWindow()));
      map.put(API_ATTEMPTS, Integer.toString(ledgerApi.attempts()));
      map.put(API_RETRY_WAIT, durationText(ledgerApi.retryWait()));
    }
    map.put(REPOSITORY_DB, repositoryDb);
    map.put(CHUNK_SIZE, Integer.toString(chunkSize));
    map.put(PAGE_SIZE, Integer.toString(pageSize));
    map.put(SKIP_LIMIT, Integer.toString(skipLimit));
    if (ledgerImport != null) {
      map.put(LEDGER_IMPORT, ledgerImport.toString());
    }
    map.put(LOG_FILE, logFile.toString());
    if (overwrite) {
      map.put(OVERWRITE, "true");
    }
    if (maxEventIdsPerRow != DEFAULT_MAX_EVENT_IDS_PER_ROW) {
      // it decides which rows are rejected, so it is part of the run's identity, when given
      map.put(MAX_EVENT_IDS_PER_ROW, Integer.toString(maxEventIdsPerRow));
    }
    map.put(RETRY_FOR, durationText(retryFor));
    if (partitions != 1) {
      map.put(PARTITIONS, Integer.toString(partitions));
    }
    return map;
  }

  /** The job parameters of this run: identifying for the result's settings, not for the tuning. */
  public JobParameters toJobParameters() {
    JobParametersBuilder builder = new JobParametersBuilder();
    toMap().forEach((key, value) -> builder.addString(key, value, identifies(key)));
    return builder.toJobParameters();
  }

  /** These settings with another job repository (where an execution was found). */
  public JobSettings withRepositoryDb(String url) {
    return new JobSettings(
        input,
        output,
        ledgerDb,
        url,
        org,
        dataScope,
        dataScopeOrgs,
        defaults,
        chunkSize,
        pageSize,
        skipLimit,
        runDate,
        ledgerImport,
        logFile,
        overwrite,
        maxEventIdsPerRow,
        retryFor,
        ledgerApi,
        partitions);
  }

  /** Whether the key is part of the run's identity. */
  public static boolean identifies(String key) {
    return IDENTIFYING_KEYS.contains(key) || key.startsWith(DEFAULTS_PREFIX);
  }

  /** Whether the output goes to a reporting database rather than to JSON Lines files. */
  public boolean outputIsDatabase() {
    return isJdbcUrl(output);
  }

  /** The JSON Lines export file; only for a file output. */
  public Path outputPath() {
    if (outputIsDatabase()) {
      throw new IllegalStateException("The output is a database: " + output);
    }
    return Path.of(output);
  }

  private static ApiParameter defaultParameter(String key) {
    String name = key.substring(DEFAULTS_PREFIX.length());
    return ApiParameter.byName(name)
        .orElseThrow(
            () ->
                new InvalidSettingsException(
                    "Unknown key '"
                        + key
                        + "': '"
                        + name
                        + "' is not a parameter of the API; known: "
                        + java.util.Arrays.stream(ApiParameter.values())
                            .map(ApiParameter::apiName)
                            .collect(Collectors.joining(", "))));
  }

  private static String normalDefault(ApiParameter parameter, String key, String value) {
    if (parameter.isFlag()) {
      String flag = value.toLowerCase(Locale.ROOT);
      if (!flag.equals("true") && !flag.equals("false")) {
        throw new InvalidSettingsException(
            "Bad value '" + value + "' for key '" + key + "': expected true or false");
      }
      return flag;
    }
    if (value.isEmpty()) {
      throw new InvalidSettingsException("Empty value for key '" + key + "'");
    }
    return value;
  }

  /**
   * Refuses an output whose files (the export, its rejects, its manifest) would overwrite {@code
   * protectedFile}: the run would destroy what it reads or keeps.
   */
  private static void refuseOutputOver(String key, String what, Path protectedFile, Path output) {
    Path guarded = protectedFile.toAbsolutePath().normalize();
    for (Path written : ExportFiles.of(output)) {
      Path file = written.toAbsolutePath().normalize();
      if (file.equals(guarded) || sameExistingFile(file, guarded)) {
        throw new InvalidSettingsException(
            "Key 'output' would overwrite "
                + what
                + " ("
                + key
                + ") "
                + guarded
                + "; give the export another name");
      }
    }
  }

  private static boolean sameExistingFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean flag(String key, @Nullable String value) {
    String given = nonBlank(value);
    if (given == null) {
      return false;
    }
    String flag = given.toLowerCase(Locale.ROOT);
    if (!flag.equals("true") && !flag.equals("false")) {
      throw new InvalidSettingsException(
          "Bad value '" + given + "' for key '" + key + "': expected true or false");
    }
    return flag.equals("true");
  }

  private static String required(Map<String, String> given, String key) {
    String value = nonBlank(given.get(key));
    if (value == null) {
      throw new InvalidSettingsException("Missing key '" + key + "'");
    }
    return value;
  }

  private static @Nullable String nonBlank(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String orDefault(@Nullable String value, String fallback) {
    String given = nonBlank(value);
    return given == null ? fallback : given;
  }

  private static boolean isJdbcUrl(String value) {
    return value.startsWith("jdbc:");
  }

  private static String jsonLinesPath(String output) {
    if (!output.endsWith(".jsonl")) {
      throw new InvalidSettingsException(
          "Bad value '" + output + "' for key 'output': expected a .jsonl path or a jdbc: URL");
    }
    return absolute(output).toString();
  }

  private static String noSecret(String key, String url) {
    if (Secrets.holdsSecret(url)) {
      throw new InvalidSettingsException(
          "Key '"
              + key
              + "' holds a password; give it in the environment instead (see docs/operating.md)");
    }
    return url;
  }

  private static Path absolute(String path) {
    return Path.of(path).toAbsolutePath().normalize();
  }

  private static long positiveLong(String key, String value) {
    try {
      long number = Long.parseLong(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new InvalidSettingsException(
        "Bad value '" + value + "' for key '" + key + "': expected a positive whole number");
  }

  /**
   * How many partitions the export step is split into: a whole number from 1 to {@value
   * #MAX_PARTITIONS}, or {@value #AUTO} for the machine's cores; 1 when not given.
   */
  private static int partitions(@Nullable String value) {
    String given = nonBlank(value);
    if (given == null) {
      return 1;
    }
    if (given.equalsIgnoreCase(AUTO)) {
      return Math.min(MAX_PARTITIONS, Runtime.getRuntime().availableProcessors());
    }
    try {
      int partitions = Integer.parseInt(given);
      if (partitions >= 1 && partitions <= MAX_PARTITIONS) {
        return partitions;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new InvalidSettingsException(
        "Bad value '"
            + given
            + "' for key '"
            + PARTITIONS
            + "': expected "
            + AUTO
            + " (the machine's cores) or a whole number from 1 to "
            + MAX_PARTITIONS);
  }

  private static int intAtLeast(String key, @Nullable String value, int fallback, int min) {
    String given = nonBlank(value);
    if (given == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(given);
      if (number >= min) {
        return number;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new InvalidSettingsException(
        "Bad value '"
            + given
            + "' for key '"
            + key
            + "': expected a whole number of at least "
            + min);
  }

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

  /** A duration as {@code 0}, {@code 500ms}, {@code 90s}, {@code 5m} or {@code 1h}. */
  private static Duration duration(String key, @Nullable String value, Duration fallback) {
    String given = nonBlank(value);
    if (given == null) {
      return fallback;
    }
    Matcher matcher = DURATION.matcher(given.toLowerCase(Locale.ROOT));
    if (matcher.matches() && (matcher.group(2) != null || matcher.group(1).matches("0+"))) {
      long amount = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2) == null ? "s" : matcher.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    throw new InvalidSettingsException(
        "Bad value '"
            + given
            + "' for key '"
            + key
            + "': expected a duration such as 90s, 5m or 1h (0 for none)");
  }

  /** A duration as {@link #duration} reads it, in its largest whole unit. */
  private static String durationText(Duration duration) {
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0";
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static LocalDate date(String key, @Nullable String value, LocalDate fallback) {
    String given = nonBlank(value);
    if (given == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(given);
    } catch (DateTimeParseException e) {
      throw new InvalidSettingsException(
          "Bad value '" + given + "' for key '" + key + "': expected a date yyyy-MM-dd");
    }
  }

  private static DataScope dataScope(@Nullable String value) {
    String given = nonBlank(value);
    if (given == null) {
      return DataScope.byDefault();
    }
    try {
      return DataScope.valueOf(given.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException(
          "Bad value '" + given + "' for key '" + DATA_SCOPE + "': expected SELF or OTHER");
    }
  }

  private static List<Long> orgs(@Nullable String value) {
    String given = nonBlank(value);
    List<Long> orgs = new ArrayList<>();
    if (given != null) {
      for (String org : given.split(",", -1)) {
        orgs.add(positiveLong(DATA_SCOPE_ORGS, org.strip()));
      }
    }
    return orgs;
  }
}

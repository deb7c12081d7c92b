package com.ledgerexplode.export.job;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.Scope;
import com.ledgerexplode.explode.ScopeRefusedException;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.requests.RequestsChangedException;
import com.ledgerexplode.export.runs.AlreadyCompletedException;
import com.ledgerexplode.export.runs.AlreadyRunningException;
import com.ledgerexplode.export.runs.Causes;
import com.ledgerexplode.export.runs.DatabaseFaults;
import com.ledgerexplode.export.runs.DatabaseFaults.DatabaseFault;
import com.ledgerexplode.export.runs.ExportJobNames;
import com.ledgerexplode.export.runs.JobDatabases;
import com.ledgerexplode.export.runs.JobRepositories;
import com.ledgerexplode.export.runs.RetrySchedule;
import com.ledgerexplode.export.runs.RunCounts;
import com.ledgerexplode.export.runs.RunDatabase;
import com.ledgerexplode.export.runs.RunFailedException;
import com.ledgerexplode.export.runs.RunGuard;
import com.ledgerexplode.export.runs.RunPartitions;
import com.ledgerexplode.export.runs.RunStoppedException;
import com.ledgerexplode.export.runs.RunningProcess;
import com.ledgerexplode.export.settings.ExportFiles;
import com.ledgerexplode.export.settings.InvalidSettingsException;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.export.settings.LedgerApi;
import com.ledgerexplode.export.sink.ExportLockedException;
import com.ledgerexplode.export.sink.ExportNotOursException;
import com.ledgerexplode.export.sink.ReportingDatabaseException;
import com.ledgerexplode.store.Databases;
import com.ledgerexplode.store.Dialect;
import com.ledgerexplode.store.JdbcLedgerStore;
import com.ledgerexplode.store.LedgerSchema;
import com.ledgerexplode.store.Secrets;
import com.ledgerexplode.store.SnapshotImporter;
import com.ledgerexplode.vendor.VendorApiClient;
import com.ledgerexplode.vendor.VendorApiSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs the export job in this process, wired by hand ({@link ExportJobWiring}), and answers only
 * when the run has completed (or throws saying why not).
 */
public final class ExportJobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ExportJobRunner.class);

  private ExportJobRunner() {}

  /**
   * Runs the job with these settings: a new run, or the continuation of a failed, stopped or dead
   * one with the same identity from its last checkpoint.
   *
   * @throws NoSuchFileException the input (or the snapshot to import) does not exist
   * @throws ScopeRefusedException 310144: the data scope is refused; nothing was started
   * @throws AlreadyRunningException an execution of this run is alive, or may be (another host)
   * @throws AlreadyCompletedException this run has completed
   * @throws RunFailedException the execution failed
   * @throws RunStoppedException the execution was stopped at a chunk boundary
   */
  public static RunReport run(JobSettings settings, RunObserver observer)
      throws IOException, ScopeRefusedException {
    return run(settings, observer, new RunControl());
  }

  /**
   * As {@link #run(JobSettings, RunObserver)}, the run stoppable through {@code control}.
   *
   * <p>A database lost for a while (see {@link DatabaseFaults}), at the run's start or in its
   * chunks, is retried for the settings' {@code retryFor} from the moment it was found lost: the
   * run waits ({@link RetrySchedule}) and starts again from its last checkpoint, as a rerun would.
   * When the time is up it fails with one line naming the database.
   */
  public static RunReport run(JobSettings settings, RunObserver observer, RunControl control)
      throws IOException, ScopeRefusedException {
    if (!Files.isRegularFile(settings.input())) {
      throw new NoSuchFileException(settings.input().toString());
    }
    if (!settings.outputIsDatabase() && settings.outputPath().getParent() != null) {
      Files.createDirectories(settings.outputPath().getParent());
    }
    long start = System.nanoTime();
    Attempts attempts = new Attempts(observer);
    @Nullable RetrySchedule retries = null;
    long chunksAtFault = 0;
    while (true) {
      try {
        return attempt(settings, attempts, control, retries != null, start);
      } catch (RuntimeException failure) {
        Optional<DatabaseFault> fault = DatabaseFaults.of(reportingTagged(failure));
        if (fault.isEmpty()) {
          throw failure;
        }
        Instant now = Instant.now();
        if (retries == null || attempts.chunks > chunksAtFault) {
          // a new loss, or one after the run went on again: the time to retry starts now
          retries =
              new RetrySchedule(now, settings.retryFor(), ThreadLocalRandom.current()::nextDouble);
          chunksAtFault = attempts.chunks;
        }
        String database = fault.get().database().describe(settings);
        Optional<Duration> wait = retries.nextWait(now);
        if (wait.isEmpty()) {
          throw new RunFailedException(
              attempts.executionId,
              database
                  + " is unreachable since "
                  + clock(retries.since())
                  + ": "
                  + fault.get().cause()
                  + "; rerun with the same command when it is back",
              failure);
        }
        String message =
            database
                + " is unreachable ("
                + fault.get().cause()
                + "); retrying in "
                + seconds(wait.get())
                + ", until "
                + clock(retries.deadline());
        LOG.warn(message, failure);
        observer.retrying(message);
        if (control.awaitStop(wait.get())) {
          throw new RunStoppedException(attempts.executionId);
        }
      }
    }
  }

  /**
   * One attempt at the run, on pools of its own; a failure on a database that does not say which
   * (opening a pool, the schema's migration) is tagged with the database in use.
   */
  private static RunReport attempt(
      JobSettings settings, Attempts attempts, RunControl control, boolean retrying, long start)
      throws IOException, ScopeRefusedException {
    @Nullable RunDatabase inUse = RunDatabase.REPOSITORY;
    try (JobDatabases databases =
        new JobDatabases(connectionTimeout(settings), settings.partitions())) {
      if (opensLedgerAhead(settings)) {
        databases.openLedgerAhead(settings.ledgerDb());
      }
      JobRepositories.Runs runs =
          JobRepositories.open(
              databases.repository(settings.repositoryDb(), otherDatabases(settings)));
      // before anything of the run is done: a completed night must not import its snapshot again
      RunGuard.Admission admission =
          RunGuard.admit(runs.repository(), runs.operator(), settings.toJobParameters(), retrying);
      admission.recovered().ifPresent(attempts::recovered);
      if (!admission.continuesEarlierExecution()) {
        refuseOutputOfAnotherRun(settings);
      }
      int partitions =
          RunPartitions.of(runs.repository(), settings.toJobParameters(), settings.partitions());
      inUse = RunDatabase.LEDGER;
      LedgerApi api = settings.ledgerApi();
      try (VendorApiClient client = api == null ? null : vendorClient(settings, api)) {
        if (client != null) {
          // the API's own failures are no database's
          inUse = null;
          refuseScopeTheApiRefuses(client);
        }
        RowSource rows =
            client == null
                ? storeRows(settings, databases)
                : new VendorRows(client, settings.maxEventIdsPerRow());
        // the context opens the reporting database's pool
        inUse = settings.outputIsDatabase() ? RunDatabase.REPORTING : null;
        try (ExportJobWiring wiring =
            new ExportJobWiring(
                settings,
                databases,
                runs.repository(),
                runs.transactionManager(),
                rows,
                attempts,
                control,
                partitions)) {
          // from here on, a failure says which database it came from
          inUse = null;
          JobExecution execution = launch(runs, wiring.job(), settings);
          return new RunReport(
              execution.getId(),
              RunCounts.of(runs.repository(), execution),
              attempts.before,
              Duration.ofNanos(System.nanoTime() - start),
              outputs(settings));
        }
      }
    } catch (RuntimeException e) {
      throw inUse == null ? e : DatabaseFaults.on(inUse, e);
    }
  }

  /** The run's databases beside its job repository: the ledger's, and the reporting one. */
  static List<String> otherDatabases(JobSettings settings) {
    return settings.outputIsDatabase()
        ? List.of(settings.ledgerDb(), settings.output())
        : List.of(settings.ledgerDb());
  }

  /**
   * Whether the ledger's pool is begun while the job repository is opened: a run over the ledger
   * store whose ledger is not the repository's database (whose pool, shared, is the repository's,
   * with its credentials) nor an H2 file still absent (which opening would create, and which {@link
   * #prepareLedger} refuses without a snapshot to import).
   */
  static boolean opensLedgerAhead(JobSettings settings) {
    if (settings.ledgerApi() != null || settings.ledgerDb().equals(settings.repositoryDb())) {
      return false;
    }
    return absentH2File(settings.ledgerDb()).isEmpty();
  }

  /** The file of an H2 file URL whose file does not exist; empty for any other URL. */
  private static Optional<Path> absentH2File(String url) {
    return Dialect.h2File(url).filter(file -> !Files.exists(file));
  }

  /** The rows answered by the engine over the ledger store, its scope resolved. */
  private static RowSource storeRows(JobSettings settings, JobDatabases databases)
      throws IOException, ScopeRefusedException {
    Scope scope = prepareLedger(settings, databases);
    return new StoreRows(
        new ExplodeEngine(
            new JdbcLedgerStore(databases.ledger(settings.ledgerDb())),
            scope,
            settings.maxEventIdsPerRow()),
        settings.pageSize());
  }

  /**
   * The client of the vendor's API the settings name, its credential from the environment (a user
   * without a password, or the reverse, is a settings error).
   */
  private static VendorApiClient vendorClient(JobSettings settings, LedgerApi api) {
    VendorApiSettings client =
        new VendorApiSettings(
            api.url(),
            api.version(),
            settings.dataScope(),
            settings.dataScopeOrgs(),
            api.concurrency(),
            new VendorApiSettings.RateLimit(api.requestsPerMinute(), api.rateWindow()),
            api.timeout(),
            settings.pageSize(),
            api.retries());
    try {
      return new VendorApiClient(client, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException(String.valueOf(e.getMessage()));
    }
  }

  /**
   * Asks the API once, before the job starts, whether the data scope may be read: a refused scope
   * (310144) stops the run at its start, as over the store, rather than making every row a reject.
   */
  private static void refuseScopeTheApiRefuses(VendorApiClient client)
      throws ScopeRefusedException {
    Optional<ApiError> refused = client.scopeRefusal();
    if (refused.isPresent()) {
      throw new ScopeRefusedException(refused.get().message());
    }
  }

  /** The failure tagged as the reporting database's when it came from the reporting sink. */
  private static RuntimeException reportingTagged(RuntimeException failure) {
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ReportingDatabaseException) {
        return DatabaseFaults.on(RunDatabase.REPORTING, failure);
      }
    }
    return failure;
  }

  /**
   * While a run retries a lost database, a statement waits for a connection at most this long
   * (retryFor when shorter) before the database counts as lost: a database that answers gives one
   * far sooner, and Spring Batch makes several statements in a row when a chunk fails, each of
   * which would otherwise wait the pools' default.
   */
  static final Duration CONNECTION_WAIT_WHILE_RETRYING = Duration.ofSeconds(5);

  private static Duration connectionTimeout(JobSettings settings) {
    Duration retryFor = settings.retryFor();
    if (retryFor.isZero()) {
      return Databases.CONNECTION_TIMEOUT;
    }
    return retryFor.compareTo(CONNECTION_WAIT_WHILE_RETRYING) < 0
        ? retryFor
        : CONNECTION_WAIT_WHILE_RETRYING;
  }

  private static String clock(Instant instant) {
    return DateTimeFormatter.ofPattern("HH:mm:ss'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC)
        .format(instant);
  }

  private static String seconds(Duration wait) {
    return String.format(Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0);
  }

  /**
   * Hears the run's attempts for the caller's observer: the counts before the first, the execution
   * of the latest, and how many chunks were written across them.
   */
  private static final class Attempts implements RunObserver {
    private final RunObserver observer;
    private ExportCounts before = ExportCounts.ZERO;
    private boolean started;
    private long executionId = -1;
    private long chunks;

    Attempts(RunObserver observer) {
      this.observer = observer;
    }

    @Override
    public void started(long executionId, long inputBytes, ExportCounts counts) {
      if (!started) {
        before = counts;
        started = true;
      }
      this.executionId = executionId;
      observer.started(executionId, inputBytes, counts);
    }

    @Override
    public void inputRead(long offset) {
      observer.inputRead(offset);
    }

    @Override
    public void chunkWritten(ExportCounts counts) {
      chunks++;
      observer.chunkWritten(counts);
    }

    void recovered(RunGuard.RecoveredExecution dead) {
      if (dead.ownAttempt()) {
        LOG.info(
            "execution {}, cut off from its job repository, marked FAILED; continuing from its"
                + " last checkpoint",
            dead.executionId());
      } else {
        observer.recovered(dead.executionId(), dead.deadProcess());
      }
    }
  }

  /**
   * A new run does not write over files it did not write (another night's export, a file that
   * happens to be there) unless the job says {@code overwrite=true}; a continuing run checks its
   * own bytes against its checkpoint (see JsonLinesSink).
   */
  private static void refuseOutputOfAnotherRun(JobSettings settings) throws IOException {
    if (settings.outputIsDatabase() || settings.overwrite()) {
      return;
    }
    Optional<Path> there = ExportFiles.firstAlreadyThere(settings.outputPath());
    if (there.isPresent()) {
      throw new InvalidSettingsException(ExportFiles.notThisRunsMessage(there.get()));
    }
  }

  /**
   * Imports the snapshot the settings name, if any, and resolves the run's scope, refusing a ledger
   * that would make every row a reject: an H2 file that does not exist (H2 would create it empty)
   * and a scope whose orgs have no customer there.
   */
  private static Scope prepareLedger(JobSettings settings, JobDatabases databases)
      throws IOException, ScopeRefusedException {
    if (settings.ledgerImport() == null) {
      Optional<Path> file = absentH2File(settings.ledgerDb());
      if (file.isPresent()) {
        throw new InvalidSettingsException(
            "The ledger "
                + Secrets.mask(settings.ledgerDb())
                + " does not exist (no file "
                + file.get()
                + "); import a snapshot first (ledger import, or ledger.import in the job file),"
                + " or correct ledger.db");
      }
    }
    DataSource ledger = databases.ledger(settings.ledgerDb());
    if (settings.ledgerImport() != null) {
      new SnapshotImporter(ledger).importSnapshot(settings.ledgerImport(), false);
    } else {
      LedgerSchema.migrate(ledger);
    }
    JdbcLedgerStore store = new JdbcLedgerStore(ledger);
    Scope scope =
        Scope.resolve(store, settings.org(), settings.dataScope(), settings.dataScopeOrgs());
    if (!store.hasCustomers(scope.orgIds())) {
      throw new InvalidSettingsException(
          "No customer of org "
              + scope.orgIds().stream()
                  .sorted()
                  .map(String::valueOf)
                  .collect(Collectors.joining(", "))
              + " in the ledger "
              + Secrets.mask(settings.ledgerDb())
              + ": every row would be rejected; check org (and dataScopeOrgs) and ledger.db");
    }
    return scope;
  }

  private static JobExecution launch(JobRepositories.Runs runs, Job job, JobSettings settings) {
    JobParameters parameters = RunningProcess.current().addTo(settings.toJobParameters());
    JobExecution execution = RunGuard.start(runs.repository(), runs.operator(), job, parameters);
    if (execution.getStatus() != BatchStatus.COMPLETED) {
      throw failed(execution, runs.repository());
    }
    return execution;
  }

  private static RunFailedException failed(JobExecution execution, JobRepository repository) {
    if (execution.getStatus() == BatchStatus.STOPPED) {
      throw new RunStoppedException(execution.getId());
    }
    Throwable cause = firstFailure(execution);
    String why =
        cause == null
            ? Causes.lastCause(execution.getExitStatus().getExitDescription())
            : Causes.describe(cause);
    execution.getExecutionContext().putString(ExportJobNames.FAILURE, why);
    repository.updateExecutionContext(execution);
    for (Throwable c = cause; c != null; c = c.getCause()) {
      // refusals, not failures: said as they are, with their own exit codes
      if (c instanceof RequestsChangedException
          || c instanceof ExportNotOursException
          || c instanceof ExportLockedException) {
        throw (RuntimeException) c;
      }
    }
    return new RunFailedException(
        execution.getId(), why + " (execution " + execution.getId() + " failed)", cause);
  }

  /**
   * Why an execution failed: a failed partition's own failure before the export step's, which only
   * says that a partition failed.
   */
  private static @Nullable Throwable firstFailure(JobExecution execution) {
    for (StepExecution step : execution.getStepExecutions()) {
      if (step.getStepName().startsWith(ExportJobNames.PARTITION_STEP + ":")
          && step.getStatus().isUnsuccessful()
          && !step.getFailureExceptions().isEmpty()) {
        return step.getFailureExceptions().get(0);
      }
    }
    List<Throwable> failures = execution.getAllFailureExceptions();
    return failures.isEmpty() ? null : failures.get(0);
  }

  private static List<String> outputs(JobSettings settings) {
    if (settings.outputIsDatabase()) {
      return List.of(Secrets.mask(settings.output()));
    }
    Path output = settings.outputPath();
    return List.of(
        output.toString(),
        ExportFiles.rejects(output).toString(),
        ExportFiles.manifest(output).toString());
  }
}

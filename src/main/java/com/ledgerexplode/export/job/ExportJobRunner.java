package com.ledgerexplode.export.job;

import com.ledgerexplode.explode.Scope;
import com.ledgerexplode.explode.ScopeRefusedException;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.requests.RequestsChangedException;
import com.ledgerexplode.export.runs.AlreadyCompletedException;
import com.ledgerexplode.export.runs.AlreadyRunningException;
import com.ledgerexplode.export.runs.Causes;
import com.ledgerexplode.export.runs.ExportJobNames;
import com.ledgerexplode.export.runs.JobDatabases;
import com.ledgerexplode.export.runs.JobRepositories;
import com.ledgerexplode.export.runs.RunCounts;
import com.ledgerexplode.export.runs.RunFailedException;
import com.ledgerexplode.export.runs.RunGuard;
import com.ledgerexplode.export.runs.RunStoppedException;
import com.ledgerexplode.export.runs.RunningProcess;
import com.ledgerexplode.export.settings.ExportFiles;
import com.ledgerexplode.export.settings.InvalidSettingsException;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.export.sink.ExportLockedException;
import com.ledgerexplode.export.sink.ExportNotOursException;
import com.ledgerexplode.store.Dialect;
import com.ledgerexplode.store.JdbcLedgerStore;
import com.ledgerexplode.store.LedgerSchema;
import com.ledgerexplode.store.Secrets;
import com.ledgerexplode.store.SnapshotImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Runs the export job in this process, in a Spring context built by hand, and answers only when the
 * run has completed (or throws saying why not).
 */
public final class ExportJobRunner {
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

  /** As {@link #run(JobSettings, RunObserver)}, the run stoppable through {@code control}. */
  public static RunReport run(JobSettings settings, RunObserver observer, RunControl control)
      throws IOException, ScopeRefusedException {
    if (!Files.isRegularFile(settings.input())) {
      throw new NoSuchFileException(settings.input().toString());
    }
    if (!settings.outputIsDatabase() && settings.outputPath().getParent() != null) {
      Files.createDirectories(settings.outputPath().getParent());
    }
    long start = System.nanoTime();
    AtomicReference<ExportCounts> before = new AtomicReference<>(ExportCounts.ZERO);
    RunObserver recording =
        new RunObserver() {
          @Override
          public void started(long executionId, long inputBytes, ExportCounts counts) {
            before.set(counts);
            observer.started(executionId, inputBytes, counts);
          }

          @Override
          public void inputRead(long offset) {
            observer.inputRead(offset);
          }

          @Override
          public void chunkWritten(ExportCounts counts) {
            observer.chunkWritten(counts);
          }
        };
    try (JobDatabases databases = new JobDatabases()) {
      JobRepositories.Runs runs =
          JobRepositories.open(databases.repository(settings.repositoryDb()));
      // before anything of the run is done: a completed night must not import its snapshot again
      RunGuard.Admission admission =
          RunGuard.admit(runs.repository(), runs.operator(), settings.toJobParameters());
      admission
          .recovered()
          .ifPresent(dead -> observer.recovered(dead.executionId(), dead.deadProcess()));
      if (!admission.continuesEarlierExecution()) {
        refuseOutputOfAnotherRun(settings);
      }
      Scope scope = prepareLedger(settings, databases);
      try (AnnotationConfigApplicationContext context =
          context(settings, databases, runs, scope, recording, control)) {
        JobExecution execution = launch(runs, context.getBean(Job.class), settings);
        return new RunReport(
            execution.getId(),
            RunCounts.of(runs.repository(), execution),
            Objects.requireNonNull(before.get()),
            Duration.ofNanos(System.nanoTime() - start),
            outputs(settings));
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
      Optional<Path> file = Dialect.h2File(settings.ledgerDb());
      if (file.isPresent() && !Files.exists(file.get())) {
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

  private static AnnotationConfigApplicationContext context(
      JobSettings settings,
      JobDatabases databases,
      JobRepositories.Runs runs,
      Scope scope,
      RunObserver observer,
      RunControl control) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean(JobSettings.class, () -> settings);
    context.registerBean(JobDatabases.class, () -> databases);
    context.registerBean(JobRepository.class, runs::repository);
    context.registerBean(JobOperator.class, runs::operator);
    context.registerBean(PlatformTransactionManager.class, runs::transactionManager);
    context.registerBean(Scope.class, () -> scope);
    context.registerBean(RunObserver.class, () -> observer);
    context.registerBean(RunControl.class, () -> control);
    context.register(ExportJobConfiguration.class);
    context.refresh();
    return context;
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
    List<Throwable> failures = execution.getAllFailureExceptions();
    Throwable cause = failures.isEmpty() ? null : failures.get(0);
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

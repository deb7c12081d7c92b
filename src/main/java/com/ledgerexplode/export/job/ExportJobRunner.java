package com.ledgerexplode.export.job;

import com.ledgerexplode.explode.Scope;
import com.ledgerexplode.explode.ScopeRefusedException;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.AlreadyCompletedException;
import com.ledgerexplode.export.runs.AlreadyRunningException;
import com.ledgerexplode.export.runs.Causes;
import com.ledgerexplode.export.runs.ExportJobNames;
import com.ledgerexplode.export.runs.JobDatabases;
import com.ledgerexplode.export.runs.JobRepositories;
import com.ledgerexplode.export.runs.RunFailedException;
import com.ledgerexplode.export.runs.RunGuard;
import com.ledgerexplode.export.runs.RunningProcess;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.export.sink.ExportFiles;
import com.ledgerexplode.store.Databases;
import com.ledgerexplode.store.JdbcLedgerStore;
import com.ledgerexplode.store.LedgerSchema;
import com.ledgerexplode.store.SnapshotImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

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
   * @throws RunFailedException the execution failed or was stopped
   */
  public static RunReport run(JobSettings settings, RunObserver observer)
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

          @Override
          public void recovered(long executionId, RunningProcess dead) {
            observer.recovered(executionId, dead);
          }
        };
    try (JobDatabases databases = new JobDatabases()) {
      refuseCompletedOrLive(settings, databases);
      Scope scope = prepareLedger(settings, databases);
      try (AnnotationConfigApplicationContext context =
          context(settings, databases, scope, recording)) {
        JobExecution execution = launch(context, settings);
        ExportCounts counts = countsOf(context.getBean(JobRepository.class), execution);
        return new RunReport(
            execution.getId(),
            counts,
            before.get(),
            Duration.ofNanos(System.nanoTime() - start),
            outputs(settings));
      }
    }
  }

  /**
   * Refuses a run that has completed or is running before anything of it is done: a rerun of a
   * completed night must not import its snapshot again, nor a second start under a live run.
   */
  private static void refuseCompletedOrLive(JobSettings settings, JobDatabases databases) {
    DataSource repositoryDb = databases.repository(settings.repositoryDb());
    JobExecution last;
    try {
      last =
          JobRepositories.jdbc(repositoryDb, new DataSourceTransactionManager(repositoryDb))
              .getLastJobExecution(ExportJobNames.JOB, settings.toJobParameters());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot open the job repository: " + e.getMessage(), e);
    }
    if (last != null) {
      RunGuard.refuseCompletedOrLive(last);
    }
  }

  /** Imports the snapshot the settings name, if any, and resolves the run's scope. */
  private static Scope prepareLedger(JobSettings settings, JobDatabases databases)
      throws IOException, ScopeRefusedException {
    DataSource ledger = databases.ledger(settings.ledgerDb());
    if (settings.ledgerImport() != null) {
      new SnapshotImporter(ledger).importSnapshot(settings.ledgerImport(), false);
    } else {
      LedgerSchema.migrate(ledger);
    }
    return Scope.resolve(
        new JdbcLedgerStore(ledger),
        settings.org(),
        settings.dataScope(),
        settings.dataScopeOrgs());
  }

  private static AnnotationConfigApplicationContext context(
      JobSettings settings, JobDatabases databases, Scope scope, RunObserver observer) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean(JobSettings.class, () -> settings);
    context.registerBean(JobDatabases.class, () -> databases);
    context.registerBean(Scope.class, () -> scope);
    context.registerBean(RunObserver.class, () -> observer);
    context.register(ExportJobConfiguration.class);
    context.refresh();
    return context;
  }

  private static JobExecution launch(
      AnnotationConfigApplicationContext context, JobSettings settings) {
    JobRepository repository = context.getBean(JobRepository.class);
    JobOperator operator = context.getBean(JobOperator.class);
    Job job = context.getBean(Job.class);
    JobParameters parameters = RunningProcess.current().addTo(settings.toJobParameters());
    JobExecution last = repository.getLastJobExecution(job.getName(), parameters);
    if (last != null) {
      RunGuard.check(last, operator, context.getBean(RunObserver.class));
    }
    JobExecution execution;
    try {
      execution = operator.start(job, parameters);
    } catch (JobExecutionAlreadyRunningException e) {
      throw new AlreadyRunningException(
          "already running: another process started this run just now");
    } catch (JobInstanceAlreadyCompleteException e) {
      JobExecution completed = repository.getLastJobExecution(job.getName(), parameters);
      throw new AlreadyCompletedException(completed == null ? -1 : completed.getId());
    } catch (Exception e) {
      throw new RunFailedException(-1, "the run could not start: " + Causes.describe(e), e);
    }
    if (execution.getStatus() != BatchStatus.COMPLETED) {
      throw failed(execution, repository);
    }
    return execution;
  }

  private static RunFailedException failed(JobExecution execution, JobRepository repository) {
    if (execution.getStatus() == BatchStatus.STOPPED) {
      return new RunFailedException(
          execution.getId(),
          "stopped (execution "
              + execution.getId()
              + "); run the same command again to continue from the last checkpoint",
          null);
    }
    List<Throwable> failures = execution.getAllFailureExceptions();
    Throwable cause = failures.isEmpty() ? null : failures.get(0);
    String why =
        cause == null
            ? Causes.lastCause(execution.getExitStatus().getExitDescription())
            : Causes.describe(cause);
    execution.getExecutionContext().putString(ExportJobNames.FAILURE, why);
    repository.updateExecutionContext(execution);
    return new RunFailedException(
        execution.getId(), why + " (execution " + execution.getId() + " failed)", cause);
  }

  private static List<String> outputs(JobSettings settings) {
    if (settings.outputIsDatabase()) {
      return List.of(Databases.withoutPassword(settings.output()));
    }
    Path output = settings.outputPath();
    return List.of(
        output.toString(),
        ExportFiles.rejects(output).toString(),
        ExportFiles.manifest(output).toString());
  }

  /** The run's counts: those of its last export step, which may be an earlier execution's. */
  static ExportCounts countsOf(JobRepository repository, JobExecution execution) {
    StepExecution step =
        repository.getLastStepExecution(execution.getJobInstance(), ExportJobNames.EXPORT_STEP);
    return step == null
        ? ExportCounts.ZERO
        : ExportCounts.loadFrom(step.getExecutionContext(), ExportJobNames.COUNTS);
  }
}

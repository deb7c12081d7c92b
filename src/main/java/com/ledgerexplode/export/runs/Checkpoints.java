package com.ledgerexplode.export.runs;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.store.Secrets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * The job repository of runs, for the commands that operate them without running one: status,
 * recover, stop, finding what to restart, and the checkpoint of a completed run's files.
 */
public final class Checkpoints implements AutoCloseable {
  private final JobDatabases databases = new JobDatabases();
  private final JobRepository repository;
  private final JobOperator operator;
  private final String repositoryUrl;

  private Checkpoints(String repositoryUrl) {
    this.repositoryUrl = repositoryUrl;
    try {
      JobRepositories.Runs runs = JobRepositories.open(databases.repository(repositoryUrl));
      repository = runs.repository();
      operator = runs.operator();
    } catch (RuntimeException | Error e) {
      databases.close();
      throw e;
    }
  }

  /** The job repository at this URL, its tables created if absent. */
  public static Checkpoints open(String repositoryUrl) {
    return new Checkpoints(repositoryUrl);
  }

  /** One execution, as {@code status} shows it. */
  public record ExecutionSummary(
      long executionId,
      long instanceId,
      String status,
      boolean running,
      @Nullable LocalDateTime startTime,
      @Nullable LocalDateTime endTime,
      ExportCounts counts,
      String output,
      String runDate,
      @Nullable RunningProcess process,
      String exitDescription) {}

  /** The most recent executions of the export job, newest first. */
  public List<ExecutionSummary> recent(int limit) {
    List<ExecutionSummary> summaries = new ArrayList<>();
    for (JobInstance instance : repository.getJobInstances(ExportJobNames.JOB, 0, limit)) {
      for (JobExecution execution : repository.getJobExecutions(instance)) {
        summaries.add(summary(execution));
      }
    }
    summaries.sort(Comparator.comparingLong(ExecutionSummary::executionId).reversed());
    return summaries.size() > limit ? summaries.subList(0, limit) : summaries;
  }

  private ExecutionSummary summary(JobExecution execution) {
    ExportCounts counts = RunCounts.ofExecution(repository, execution);
    var parameters = execution.getJobParameters();
    String exit = execution.getExitStatus().getExitDescription();
    return new ExecutionSummary(
        execution.getId(),
        execution.getJobInstanceId(),
        execution.getStatus().name(),
        execution.getStatus().isRunning(),
        execution.getStartTime(),
        execution.getEndTime(),
        counts,
        parameters.getString(JobSettings.OUTPUT, ""),
        parameters.getString(JobSettings.RUN_DATE, ""),
        RunningProcess.of(parameters).orElse(null),
        execution
            .getExecutionContext()
            .getString(ExportJobNames.FAILURE, exit == null ? "" : Causes.lastCause(exit)));
  }

  /**
   * Marks a running execution whose process is dead FAILED, with its running steps, so that it can
   * be restarted from its last checkpoint.
   *
   * @throws AlreadyRunningException its process is alive on this host
   * @throws NotRecoverableException it is not running
   */
  public JobExecution recover(long executionId) {
    JobExecution execution = execution(executionId);
    RunGuard.checkRecoverable(execution);
    return RunGuard.recover(repository, operator, execution);
  }

  /** Asks a running execution to stop at its next chunk boundary. */
  public void stop(long executionId) {
    JobExecution execution = execution(executionId);
    try {
      operator.stop(execution);
    } catch (JobExecutionNotRunningException e) {
      throw new NotRecoverableException(
          "execution "
              + executionId
              + " is "
              + execution.getStatus()
              + ", not running: nothing to stop");
    }
  }

  /** The settings an execution ran with, its repository being this one. */
  public JobSettings settingsOf(long executionId) {
    JobSettings settings = JobSettings.fromJobParameters(execution(executionId).getJobParameters());
    return settings.withRepositoryDb(repositoryUrl);
  }

  /**
   * A completed run of a JSON Lines export, as its repository holds it: for writing its manifest
   * again.
   */
  public record CompletedRun(
      JobSettings settings,
      long executionId,
      Instant startTime,
      Instant endTime,
      ExportCounts counts,
      ExecutionContext exportCheckpoint) {}

  /**
   * The completed run of this execution, with the last checkpoint of its export step (which may be
   * an earlier execution's).
   *
   * @throws NotRecoverableException no such execution, not completed, or its output is a database
   */
  public CompletedRun completedRun(long executionId) {
    JobExecution execution = execution(executionId);
    if (execution.getStatus() != BatchStatus.COMPLETED) {
      throw new NotRecoverableException(
          "execution "
              + executionId
              + " is "
              + execution.getStatus()
              + ", not completed: run the same job file again to continue it; its manifest is"
              + " written when it completes");
    }
    JobSettings settings = settingsOf(executionId);
    if (settings.outputIsDatabase()) {
      throw new NotRecoverableException(
          "execution "
              + executionId
              + " wrote to a reporting database, whose run is recorded there: it has no manifest"
              + " file");
    }
    ExecutionContext files = outputCheckpoint(repository, execution.getJobInstance(), false);
    LocalDateTime start = execution.getStartTime();
    LocalDateTime end = execution.getEndTime();
    if (files == null || start == null || end == null) {
      throw new NotRecoverableException(
          "execution " + executionId + " has no checkpoint of its export in the job repository");
    }
    return new CompletedRun(
        settings,
        executionId,
        instant(start),
        instant(end),
        RunCounts.of(repository, execution),
        files);
  }

  /**
   * The context that holds the last checkpoint of a run's output: its export step's (which may be
   * an earlier execution's); of a partitioned run, its join step's for JSON Lines (the joined
   * files), and for the reporting database its export step's still (the run key of every
   * partition). None before the step that writes it has run.
   */
  public static @Nullable ExecutionContext outputCheckpoint(
      JobRepository repository, JobInstance instance, boolean database) {
    StepExecution export = repository.getLastStepExecution(instance, ExportJobNames.EXPORT_STEP);
    if (export == null) {
      return null;
    }
    if (RunCounts.partitions(export.getExecutionContext()).isEmpty()) {
      return export.getExecutionContext();
    }
    if (database) {
      return export.getExecutionContext(); // the run key, kept there once for all partitions
    }
    StepExecution join = repository.getLastStepExecution(instance, ExportJobNames.JOIN_STEP);
    return join == null ? null : join.getExecutionContext();
  }

  /** An instant of the repository's, which keeps local times of this system's zone. */
  public static Instant instant(LocalDateTime time) {
    return time.atZone(ZoneId.systemDefault()).toInstant();
  }

  public Optional<JobExecution> find(long executionId) {
    try {
      return Optional.ofNullable(repository.getJobExecution(executionId));
    } catch (EmptyResultDataAccessException noSuchExecution) {
      return Optional.empty();
    }
  }

  private JobExecution execution(long executionId) {
    return find(executionId)
        .orElseThrow(
            () ->
                new NotRecoverableException(
                    "no execution "
                        + executionId
                        + " in the job repository "
                        + Secrets.mask(repositoryUrl)));
  }

  @Override
  public void close() {
    databases.close();
  }
}

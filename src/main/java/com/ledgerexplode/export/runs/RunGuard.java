package com.ledgerexplode.export.runs;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The one place that decides whether a run may start, given the last execution of its settings: a
 * completed one stops it, a live one stops it, and one whose process died on this host is recovered
 * (marked FAILED, with its running steps) so that the run continues from its last checkpoint. Asked
 * before anything of the run is done (the ledger's import among them); {@link #start} then turns a
 * start that another process won in the meantime into the same refusals.
 */
public final class RunGuard {
  private RunGuard() {}

  /**
   * Admits a run of the export job with these (identifying) parameters.
   *
   * @return whether the run continues an earlier execution, and the one found dead on this host and
   *     recovered, if any
   * @throws AlreadyCompletedException the run has completed
   * @throws AlreadyRunningException an execution of the run is alive, or may be (another host)
   */
  public static Admission admit(
      JobRepository repository, JobOperator operator, JobParameters parameters) {
    return admit(repository, operator, parameters, false);
  }

  /**
   * As {@link #admit(JobRepository, JobOperator, JobParameters)}; when {@code retrying}, this
   * process's own earlier attempt at the run has ended (its job repository was lost), so an
   * unfinished execution recorded as this process's is that attempt's, dead though this process
   * lives: it is recovered like one whose process died, and reported as {@link
   * RecoveredExecution#ownAttempt}.
   */
  public static Admission admit(
      JobRepository repository, JobOperator operator, JobParameters parameters, boolean retrying) {
    JobExecution last = repository.getLastJobExecution(ExportJobNames.JOB, parameters);
    if (last == null) {
      return new Admission(false, Optional.empty());
    }
    BatchStatus status = last.getStatus();
    if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
      throw new AlreadyCompletedException(last.getId());
    }
    if (!isUnfinished(status)) {
      return new Admission(true, Optional.empty());
    }
    Optional<RunningProcess> process = RunningProcess.of(last.getJobParameters());
    if (retrying && process.isPresent() && process.get().equals(RunningProcess.current())) {
      recover(repository, operator, last);
      return new Admission(
          true, Optional.of(new RecoveredExecution(last.getId(), process.get(), true)));
    }
    if (process.isPresent() && process.get().isOnThisHost()) {
      if (process.get().isAlive()) {
        throw new AlreadyRunningException(
            "already running (execution " + last.getId() + ", pid " + process.get().pid() + ")");
      }
      recover(repository, operator, last);
      return new Admission(
          true, Optional.of(new RecoveredExecution(last.getId(), process.get(), false)));
    }
    throw new AlreadyRunningException(
        "execution "
            + last.getId()
            + " is "
            + status
            + process.map(p -> " in pid " + p.pid() + " on host " + p.host()).orElse("")
            + ", which this host cannot check; if that process is dead, run 'recover "
            + last.getId()
            + "' with the same job file, then run again");
  }

  /**
   * A run admitted: whether it continues an earlier execution (whose outputs are its own), and the
   * one recovered.
   */
  public record Admission(
      boolean continuesEarlierExecution, Optional<RecoveredExecution> recovered) {}

  /**
   * An execution whose process had died, or this process's own attempt cut off from its job
   * repository ({@code ownAttempt}), marked FAILED so that this run continues it.
   */
  public record RecoveredExecution(
      long executionId, RunningProcess deadProcess, boolean ownAttempt) {}

  /**
   * Starts the job; a start that another process made first is refused as {@link #admit} would have
   * refused it.
   *
   * @throws RunFailedException the run could not start for another reason
   */
  public static JobExecution start(
      JobRepository repository, JobOperator operator, Job job, JobParameters parameters) {
    try {
      return operator.start(job, parameters);
    } catch (JobExecutionAlreadyRunningException e) {
      throw new AlreadyRunningException(
          "already running: another process started this run just now");
    } catch (JobInstanceAlreadyCompleteException e) {
      @Nullable JobExecution completed = repository.getLastJobExecution(job.getName(), parameters);
      throw new AlreadyCompletedException(completed == null ? -1 : completed.getId());
    } catch (Exception e) {
      throw new RunFailedException(-1, "the run could not start: " + Causes.describe(e), e);
    }
  }

  /**
   * Whether an execution never reached an end its repository recorded: still running (or its
   * process died), or UNKNOWN (the repository was lost while it committed a chunk).
   */
  static boolean isUnfinished(BatchStatus status) {
    return status.isRunning() || status == BatchStatus.UNKNOWN;
  }

  /**
   * Marks an unfinished execution whose process is gone FAILED, with its unfinished steps, so that
   * the run continues from its last recorded checkpoint. An UNKNOWN one is marked here (Spring
   * Batch's operator recovers only running ones): the chunk it was committing is either in the
   * checkpoint or rolled back, and the rerun cuts its files back to that checkpoint either way.
   */
  static JobExecution recover(JobRepository repository, JobOperator operator, JobExecution last) {
    if (last.getStatus() != BatchStatus.UNKNOWN) {
      return operator.recover(last);
    }
    LocalDateTime now = LocalDateTime.now(ZoneId.systemDefault()); // as Spring Batch keeps times
    for (StepExecution step : last.getStepExecutions()) {
      if (isUnfinished(step.getStatus())) {
        step.setStatus(BatchStatus.FAILED);
        step.setExitStatus(ExitStatus.FAILED.addExitDescription(UNKNOWN_RECOVERED));
        step.setEndTime(now);
        repository.update(step);
      }
    }
    last.setStatus(BatchStatus.FAILED);
    last.setExitStatus(ExitStatus.FAILED.addExitDescription(UNKNOWN_RECOVERED));
    last.setEndTime(now);
    repository.update(last);
    return last;
  }

  private static final String UNKNOWN_RECOVERED =
      "UNKNOWN (its repository was lost mid-chunk), marked FAILED to continue from its checkpoint";

  /** Refuses to recover an execution whose process is alive on this host. */
  static void checkRecoverable(JobExecution execution) {
    if (!isUnfinished(execution.getStatus())) {
      throw new NotRecoverableException(
          "execution "
              + execution.getId()
              + " is "
              + execution.getStatus()
              + ", not running: nothing to recover");
    }
    RunningProcess.of(execution.getJobParameters())
        .filter(p -> p.isOnThisHost() && p.isAlive())
        .ifPresent(
            p -> {
              throw new AlreadyRunningException(
                  "execution "
                      + execution.getId()
                      + " is alive (pid "
                      + p.pid()
                      + "); use 'stop "
                      + execution.getId()
                      + "' to end it");
            });
  }
}

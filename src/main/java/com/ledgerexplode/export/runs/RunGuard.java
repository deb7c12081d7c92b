package com.ledgerexplode.export.runs;

import com.ledgerexplode.export.job.RunObserver;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

/**
 * Decides whether a run may start given the last execution of its settings: a completed one stops
 * it, a live one stops it, and one whose process died on this host is recovered (marked FAILED,
 * with its running steps) so that the run continues from its last checkpoint.
 */
public final class RunGuard {
  private RunGuard() {}

  public static void check(JobExecution last, JobOperator operator, RunObserver observer) {
    refuseCompletedOrLive(last);
    BatchStatus status = last.getStatus();
    if (!status.isRunning()) {
      return;
    }
    Optional<RunningProcess> process = RunningProcess.of(last.getJobParameters());
    if (process.isPresent() && process.get().isOnThisHost()) {
      operator.recover(last);
      observer.recovered(last.getId(), process.get());
      return;
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
   * The part of {@link #check} that changes nothing: refuses a run whose last execution has
   * completed or is alive on this host. Asked before anything of the run is done (the ledger's
   * import among them).
   */
  public static void refuseCompletedOrLive(JobExecution last) {
    BatchStatus status = last.getStatus();
    if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
      throw new AlreadyCompletedException(last.getId());
    }
    if (status.isRunning()) {
      RunningProcess.of(last.getJobParameters())
          .filter(p -> p.isOnThisHost() && p.isAlive())
          .ifPresent(
              p -> {
                throw new AlreadyRunningException(
                    "already running (execution " + last.getId() + ", pid " + p.pid() + ")");
              });
    }
  }

  /** Refuses to recover an execution whose process is alive on this host. */
  public static void checkRecoverable(JobExecution execution) {
    if (!execution.getStatus().isRunning()) {
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

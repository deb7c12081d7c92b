package com.ledgerexplode.export;

import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

/**
 * Decides whether a run may start given the last execution of its settings: a completed one stops
 * it, a live one stops it, and one whose process died on this host is recovered (marked FAILED,
 * with its running steps) so that the run continues from its last checkpoint.
 */
final class RunGuard {
  private RunGuard() {}

  static void check(JobExecution last, JobOperator operator, RunObserver observer) {
    BatchStatus status = last.getStatus();
    if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
      throw new AlreadyCompletedException(last.getId());
    }
    if (!status.isRunning()) {
      return;
    }
    Optional<RunningProcess> process = RunningProcess.of(last.getJobParameters());
    if (process.isPresent() && process.get().isOnThisHost()) {
      if (process.get().isAlive()) {
        throw new AlreadyRunningException(
            "already running (execution " + last.getId() + ", pid " + process.get().pid() + ")");
      }
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

  /** Refuses to recover an execution whose process is alive on this host. */
  static void checkRecoverable(JobExecution execution) {
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

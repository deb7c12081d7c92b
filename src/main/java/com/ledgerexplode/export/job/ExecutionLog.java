package com.ledgerexplode.export.job;

import com.ledgerexplode.export.runs.Causes;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Logs an execution's start and end, and tags every log line of the execution's thread with its id
 * ({@link #EXECUTION_ID} in the MDC). The tag is left in place after the job, for the lines that
 * say how the run ended; whoever ran the job clears the MDC.
 */
public final class ExecutionLog implements JobExecutionListener {
  /** The MDC key that holds the id of the execution a log line belongs to. */
  public static final String EXECUTION_ID = "executionId";

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionLog.class);

  @Override
  public void beforeJob(JobExecution execution) {
    MDC.put(EXECUTION_ID, Long.toString(execution.getId()));
    LOG.info(
        "execution {} of run {} starts",
        execution.getId(),
        execution.getJobInstance().getInstanceId());
  }

  @Override
  public void afterJob(JobExecution execution) {
    BatchStatus status = execution.getStatus();
    String ended =
        String.format(
            Locale.ROOT,
            "execution %d ended %s in %s",
            execution.getId(),
            status,
            elapsed(execution.getStartTime(), execution.getEndTime()));
    if (status == BatchStatus.COMPLETED) {
      LOG.info(ended);
    } else if (status == BatchStatus.STOPPED) {
      LOG.warn("{}; the same run continues it from its last checkpoint", ended);
    } else {
      // the stack trace is logged where the run's failure is reported, once
      List<Throwable> failures = execution.getAllFailureExceptions();
      LOG.error(
          "{}: {}",
          ended,
          failures.isEmpty()
              ? Causes.lastCause(execution.getExitStatus().getExitDescription())
              : Causes.describe(failures.get(0)));
    }
    for (StepExecution step : execution.getStepExecutions()) {
      LOG.debug(
          "step {} {}: {} read, {} written, {} commits, {} rollbacks, {} skipped, in {}",
          step.getStepName(),
          step.getStatus(),
          step.getReadCount(),
          step.getWriteCount(),
          step.getCommitCount(),
          step.getRollbackCount(),
          step.getSkipCount(),
          elapsed(step.getStartTime(), step.getEndTime()));
    }
  }

  private static String elapsed(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
    if (start == null || end == null) {
      return "?";
    }
    Duration duration = Duration.between(start, end);
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}

package com.ledgerexplode.export.runs;

import com.ledgerexplode.export.outcome.ExportCounts;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Where a run's counts live: the export step's context, under {@link ExportJobNames#COUNTS}, saved
 * at each checkpoint with the chunk. One place for the job that writes them and the commands that
 * read them.
 */
public final class RunCounts {
  private RunCounts() {}

  public static void save(ExportCounts counts, ExecutionContext context) {
    counts.asMap().forEach((name, value) -> context.putLong(key(name), value));
  }

  /** The counts saved in this context; zero when none were. */
  public static ExportCounts load(ExecutionContext context) {
    return ExportCounts.fromMap(name -> context.getLong(key(name), 0));
  }

  /** The counts of a run: those of its last export step, which may be an earlier execution's. */
  public static ExportCounts of(JobRepository repository, JobExecution execution) {
    StepExecution step =
        repository.getLastStepExecution(execution.getJobInstance(), ExportJobNames.EXPORT_STEP);
    return step == null ? ExportCounts.ZERO : load(step.getExecutionContext());
  }

  /** The counts of one execution's own export step, zero when it had none. */
  public static ExportCounts ofExecution(JobExecution execution) {
    for (StepExecution step : execution.getStepExecutions()) {
      if (step.getStepName().equals(ExportJobNames.EXPORT_STEP)) {
        return load(step.getExecutionContext());
      }
    }
    return ExportCounts.ZERO;
  }

  private static String key(String name) {
    return ExportJobNames.COUNTS + "." + name;
  }
}

package com.ledgerexplode.export.runs;

import com.ledgerexplode.export.requests.RequestsCsvReader;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * How many partitions a run's export step has: a new run takes the job's {@code partitions}; a run
 * continued from a checkpoint keeps those it started with (its checkpoints are its partitions'),
 * whatever the job file now says, which then only sets how many run at once.
 */
public final class RunPartitions {
  private RunPartitions() {}

  /**
   * The partitions of the run these parameters identify: those its export step started with, else
   * {@code forANewRun}.
   */
  public static int of(JobRepository repository, JobParameters parameters, int forANewRun) {
    JobInstance instance = repository.getJobInstance(ExportJobNames.JOB, parameters);
    if (instance == null) {
      return forANewRun;
    }
    StepExecution export = repository.getLastStepExecution(instance, ExportJobNames.EXPORT_STEP);
    if (export == null) {
      return forANewRun;
    }
    ExecutionContext context = export.getExecutionContext();
    if (RunCounts.partitions(context).isPresent()) {
      return RunCounts.partitions(context).getAsInt();
    }
    // a checkpoint of one thread's reading, or an export step that never read: kept as one
    return context.containsKey(RequestsCsvReader.OFFSET_KEY) ? 1 : forANewRun;
  }
}

package com.ledgerexplode.export.runs;

import com.ledgerexplode.export.outcome.ExportCounts;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Where a run's counts live: the export step's context, under {@link ExportJobNames#COUNTS}, saved
 * at each checkpoint with the chunk; in a partitioned run, each partition's context, the run's
 * counts their sum. One place for the job that writes them and the commands that read them.
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

  /**
   * How many partitions a run has, as its export step's context says: none when it is not
   * partitioned.
   */
  public static OptionalInt partitions(ExecutionContext exportStep) {
    return exportStep.containsKey(ExportJobNames.PARTITIONS)
        ? OptionalInt.of((int) exportStep.getLong(ExportJobNames.PARTITIONS))
        : OptionalInt.empty();
  }

  /**
   * The counts of a run: those of its last export step, which may be an earlier execution's; of a
   * partitioned run, the sum of each partition's last.
   */
  public static ExportCounts of(JobRepository repository, JobExecution execution) {
    JobInstance instance = execution.getJobInstance();
    StepExecution export = repository.getLastStepExecution(instance, ExportJobNames.EXPORT_STEP);
    if (export == null) {
      return ExportCounts.ZERO;
    }
    OptionalInt partitions = partitions(export.getExecutionContext());
    if (partitions.isEmpty()) {
      return load(export.getExecutionContext());
    }
    ExportCounts sum = ExportCounts.ZERO;
    for (int i = 0; i < partitions.getAsInt(); i++) {
      StepExecution partition =
          repository.getLastStepExecution(instance, ExportJobNames.partitionExecutionName(i));
      if (partition != null) {
        sum = sum.plus(load(partition.getExecutionContext()));
      }
    }
    return sum;
  }

  /**
   * The counts of a run as one execution left them (or stands at, while it runs): its own export
   * step's, zero when it had none; of a partitioned run, the sum of each partition's latest up to
   * this execution (a partition completed earlier is not run again).
   */
  public static ExportCounts ofExecution(JobRepository repository, JobExecution execution) {
    StepExecution export = step(execution, ExportJobNames.EXPORT_STEP);
    if (export == null) {
      return ExportCounts.ZERO;
    }
    if (partitions(export.getExecutionContext()).isEmpty()) {
      return load(export.getExecutionContext());
    }
    Map<String, StepExecution> latest = new HashMap<>();
    for (JobExecution earlier : repository.getJobExecutions(execution.getJobInstance())) {
      if (earlier.getId() > execution.getId()) {
        continue;
      }
      for (StepExecution step : earlier.getStepExecutions()) {
        if (step.getStepName().startsWith(ExportJobNames.PARTITION_STEP + ":")) {
          latest.merge(step.getStepName(), step, (a, b) -> a.getId() > b.getId() ? a : b);
        }
      }
    }
    ExportCounts sum = ExportCounts.ZERO;
    for (StepExecution partition : latest.values()) {
      sum = sum.plus(load(partition.getExecutionContext()));
    }
    return sum;
  }

  private static @Nullable StepExecution step(JobExecution execution, String name) {
    for (StepExecution step : execution.getStepExecutions()) {
      if (step.getStepName().equals(name)) {
        return step;
      }
    }
    return null;
  }

  private static String key(String name) {
    return ExportJobNames.COUNTS + "." + name;
  }
}

package com.ledgerexplode.export.job;

import com.ledgerexplode.export.runs.ExportJobNames;
import com.ledgerexplode.export.runs.RunCounts;
import com.ledgerexplode.export.settings.ExportFiles;
import com.ledgerexplode.export.sink.JsonLinesParts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The join step of a partitioned JSON Lines run: once every partition has completed (in this
 * execution or an earlier one), joins their parts into the export and its rejects in input order
 * ({@link JsonLinesParts#join}), the joined files' checkpoint saved in this step's context with its
 * completion. A rerun after a failure here joins again from the parts, which stay until the
 * manifest is written.
 */
final class JoinTasklet implements Tasklet {
  private final Path output;
  private final JsonLinesParts.Hold held;
  private final JobRepository jobRepository;

  JoinTasklet(Path output, JsonLinesParts.Hold held, JobRepository jobRepository) {
    this.output = output;
    this.held = held;
    this.jobRepository = jobRepository;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
      throws Exception {
    StepExecution join = chunkContext.getStepContext().getStepExecution();
    JobInstance instance = join.getJobExecution().getJobInstance();
    StepExecution export = jobRepository.getLastStepExecution(instance, ExportJobNames.EXPORT_STEP);
    int partitions =
        export == null ? 0 : RunCounts.partitions(export.getExecutionContext()).orElse(0);
    if (partitions < 1) {
      throw new IllegalStateException("The run has no partitions to join");
    }
    List<JsonLinesParts.Part> parts = new ArrayList<>(partitions);
    for (int i = 0; i < partitions; i++) {
      StepExecution partition =
          jobRepository.getLastStepExecution(instance, ExportJobNames.partitionExecutionName(i));
      if (partition == null || partition.getStatus() != BatchStatus.COMPLETED) {
        throw new IllegalStateException(
            "Partition " + (i + 1) + " of " + partitions + " has not completed: nothing to join");
      }
      parts.add(
          new JsonLinesParts.Part(
              ExportFiles.part(output, i, partitions), partition.getExecutionContext()));
    }
    JsonLinesParts.join(held, output, parts, join.getExecutionContext());
    return RepeatStatus.FINISHED;
  }
}

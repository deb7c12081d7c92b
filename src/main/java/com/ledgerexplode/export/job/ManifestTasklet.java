package com.ledgerexplode.export.job;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.runs.Checkpoints;
import com.ledgerexplode.export.runs.RunCounts;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.export.sink.JsonLinesParts;
import com.ledgerexplode.export.sink.Manifest;
import com.ledgerexplode.export.sink.ManifestWriter;
import com.ledgerexplode.export.sink.ReportingDatabaseSink;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The manifest step: once the export step has completed, writes the manifest of a JSON Lines export
 * (last, so that a consumer never takes a half-written export for a finished one), then removes a
 * partitioned run's parts, joined into the export; or records the run in the reporting database.
 */
final class ManifestTasklet implements Tasklet {
  private final JobSettings settings;
  private final JobRepository jobRepository;
  private final @Nullable ReportingDatabaseSink reporting;

  ManifestTasklet(
      JobSettings settings,
      JobRepository jobRepository,
      @Nullable ReportingDatabaseSink reporting) {
    this.settings = settings;
    this.jobRepository = jobRepository;
    this.reporting = reporting;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
      throws Exception {
    JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
    ExportCounts counts = RunCounts.of(jobRepository, execution);
    Instant start =
        execution.getStartTime() == null
            ? Instant.now()
            : Checkpoints.instant(execution.getStartTime());
    Manifest manifest =
        new Manifest(
            execution.getId(), "COMPLETED", start, Instant.now(), settings.toMap(), counts);
    // the export step may have completed in an earlier execution of this run
    ExecutionContext output =
        Checkpoints.outputCheckpoint(jobRepository, execution.getJobInstance(), reporting != null);
    if (output == null) {
      throw new IllegalStateException("The run has no checkpoint of its output to record");
    }
    if (reporting != null) {
      reporting.recordRun(output.getString(ReportingDatabaseSink.RUN_KEY), manifest);
    } else {
      ManifestWriter.write(settings.outputPath(), manifest, output);
      JsonLinesParts.remove(settings.outputPath());
    }
    return RepeatStatus.FINISHED;
  }
}

package com.ledgerexplode.export.job;

import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestsCsvReader;
import com.ledgerexplode.export.runs.ExportJobNames;
import com.ledgerexplode.export.runs.JobDatabases;
import com.ledgerexplode.export.settings.ExportFiles;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.export.sink.ExportSink;
import com.ledgerexplode.export.sink.JsonLinesParts;
import com.ledgerexplode.export.sink.JsonLinesSink;
import com.ledgerexplode.export.sink.ReportingDatabaseSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The export job's wiring, nothing else, built with Spring Batch's builders (which check what they
 * build) rather than in an application context, whose start a run would pay for nothing: the job
 * has no bean another could want. Given by {@link ExportJobRunner}: the {@link JobSettings}, the
 * run's {@link JobDatabases}, the job repository and the transaction manager of its database (made
 * once, by {@link com.ledgerexplode.export.runs.JobRepositories}), the {@link RowSource} that
 * answers the rows (the engine over the store, its scope resolved before the job starts so that a
 * refused scope starts nothing, or the vendor's API), a {@link RunObserver} and the {@link
 * RunControl}.
 *
 * <p>With more than one partition, the export step is {@link PartitionedExport}'s, followed (for
 * JSON Lines) by the step that joins the parts ({@link JoinTasklet}), then the manifest's.
 *
 * <p>Closing it closes the reader and the writer (and so the sink), as the step does when it ends:
 * also when the job never ran its step (a partition closes its own).
 */
final class ExportJobWiring implements AutoCloseable {
  private static final String RECOVERED_MARK = "batch.recovered";

  private final Job job;
  private final @Nullable RequestsCsvReader requestsReader;
  private final @Nullable ExportWriter exportWriter;
  private final JsonLinesParts.@Nullable Hold held;

  ExportJobWiring(
      JobSettings settings,
      JobDatabases databases,
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      RowSource rowSource,
      RunObserver observer,
      RunControl control,
      int partitions)
      throws IOException {
    // a continuing run keeps its grid; the job's partitions then only set how many run at once
    ChunkExploder exploder = new ChunkExploder(rowSource, settings.defaults());
    JobBuilder builder =
        new JobBuilder(ExportJobNames.JOB, jobRepository)
            .listener(recoveredMarkRemover(jobRepository))
            .listener(new ExecutionLog());
    if (partitions == 1) {
      held = null;
      requestsReader = new RequestsCsvReader(settings.input());
      exportWriter =
          new ExportWriter(
              exploder, exportSink(settings, databases, jobRepository), settings.skipLimit());
      job =
          builder
              .start(exportStep(settings, jobRepository, transactionManager, observer, control))
              .next(manifestStep(settings, jobRepository, transactionManager, databases))
              .build();
      return;
    }
    requestsReader = null;
    exportWriter = null;
    if (settings.outputIsDatabase()) {
      // once, before the partitions open their sinks at once
      ReportingDatabaseSink.migrate(databases.reporting(settings.output()));
    }
    Step export =
        new PartitionedExport(
                settings,
                jobRepository,
                transactionManager,
                exploder,
                index -> partitionSink(settings, databases, jobRepository, index, partitions),
                observer,
                control,
                partitions,
                settings.partitions())
            .exportStep();
    Step manifest = manifestStep(settings, jobRepository, transactionManager, databases);
    if (settings.outputIsDatabase()) {
      held = null;
      job = builder.start(export).next(manifest).build();
      return;
    }
    // held from now to the end of the run, as a one-thread run holds its export
    JsonLinesParts.Hold hold = JsonLinesParts.hold(settings.outputPath());
    held = hold;
    try {
      job =
          builder
              .start(export)
              .next(
                  new StepBuilder(ExportJobNames.JOIN_STEP, jobRepository)
                      .tasklet(
                          new JoinTasklet(settings.outputPath(), hold, jobRepository),
                          transactionManager)
                      .build())
              .next(manifest)
              .build();
    } catch (RuntimeException e) {
      hold.close();
      throw e;
    }
  }

  Job job() {
    return job;
  }

  /**
   * Chunks of rows; each chunk's transaction is on the job repository's database, so that a
   * checkpoint commits with the chunk (and with its rows when the reporting database is that same
   * database).
   */
  private Step exportStep(
      JobSettings settings,
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      RunObserver observer,
      RunControl control) {
    RequestsCsvReader requestsReader = Objects.requireNonNull(this.requestsReader);
    ExportWriter exportWriter = Objects.requireNonNull(this.exportWriter);
    ProgressListener progress =
        new ProgressListener(settings, requestsReader, exportWriter, observer);
    return new StepBuilder(ExportJobNames.EXPORT_STEP, jobRepository)
        .<RequestItem, RequestItem>chunk(settings.chunkSize())
        .transactionManager(transactionManager)
        .reader(requestsReader)
        .writer(exportWriter)
        .listener(progress)
        .listener(control)
        .build();
  }

  private static Step manifestStep(
      JobSettings settings,
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      JobDatabases databases) {
    ReportingDatabaseSink reporting =
        settings.outputIsDatabase()
            ? new ReportingDatabaseSink(databases.reporting(settings.output()))
            : null;
    return new StepBuilder(ExportJobNames.MANIFEST_STEP, jobRepository)
        .tasklet(new ManifestTasklet(settings, jobRepository, reporting), transactionManager)
        .build();
  }

  private static ExportSink exportSink(
      JobSettings settings, JobDatabases databases, JobRepository jobRepository) {
    if (settings.outputIsDatabase()) {
      return new ReportingDatabaseSink(databases.reporting(settings.output()));
    }
    return jsonLinesSink(settings.outputPath(), settings, jobRepository);
  }

  /** The sink of one partition: its part of the export, or the reporting database. */
  private static ExportSink partitionSink(
      JobSettings settings,
      JobDatabases databases,
      JobRepository jobRepository,
      int index,
      int partitions) {
    if (settings.outputIsDatabase()) {
      return ReportingDatabaseSink.overMigrated(databases.reporting(settings.output()));
    }
    return jsonLinesSink(
        ExportFiles.part(settings.outputPath(), index, partitions), settings, jobRepository);
  }

  private static JsonLinesSink jsonLinesSink(
      Path output, JobSettings settings, JobRepository jobRepository) {
    return new JsonLinesSink(
        output,
        settings.overwrite(),
        context -> {
          StepContext step = StepSynchronizationManager.getContext();
          if (step != null) {
            jobRepository.updateExecutionContext(step.getStepExecution());
          }
        });
  }

  /**
   * A continuing execution inherits the context of the one it continues, with the mark that
   * JobOperator#recover left there; this execution is not recovered, and must remain recoverable.
   */
  private static JobExecutionListener recoveredMarkRemover(JobRepository jobRepository) {
    return new JobExecutionListener() {
      @Override
      public void beforeJob(JobExecution execution) {
        if (execution.getExecutionContext().remove(RECOVERED_MARK) != null) {
          jobRepository.updateExecutionContext(execution);
        }
      }
    };
  }

  @Override
  public void close() {
    try {
      if (exportWriter != null) {
        exportWriter.close();
      }
    } finally {
      try {
        if (requestsReader != null) {
          requestsReader.close();
        }
      } finally {
        release(held);
      }
    }
  }

  private static void release(JsonLinesParts.@Nullable Hold export) {
    if (export == null) {
      return;
    }
    try {
      export.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the export: " + e.getMessage(), e);
    }
  }
}

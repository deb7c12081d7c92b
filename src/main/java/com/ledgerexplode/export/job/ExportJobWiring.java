package com.ledgerexplode.export.job;

import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestsCsvReader;
import com.ledgerexplode.export.runs.ExportJobNames;
import com.ledgerexplode.export.runs.JobDatabases;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.export.sink.ExportSink;
import com.ledgerexplode.export.sink.JsonLinesSink;
import com.ledgerexplode.export.sink.ReportingDatabaseSink;
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
 * <p>Closing it closes the reader and the writer (and so the sink), as the step does when it ends:
 * also when the job never ran its step.
 */
final class ExportJobWiring implements AutoCloseable {
  private static final String RECOVERED_MARK = "batch.recovered";

  private final Job job;
  private final RequestsCsvReader requestsReader;
  private final ExportWriter exportWriter;

  ExportJobWiring(
      JobSettings settings,
      JobDatabases databases,
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      RowSource rowSource,
      RunObserver observer,
      RunControl control) {
    requestsReader = new RequestsCsvReader(settings.input());
    exportWriter =
        new ExportWriter(
            new ChunkExploder(rowSource, settings.defaults()),
            exportSink(settings, databases, jobRepository),
            settings.skipLimit());
    job =
        new JobBuilder(ExportJobNames.JOB, jobRepository)
            .listener(recoveredMarkRemover(jobRepository))
            .listener(new ExecutionLog())
            .start(exportStep(settings, jobRepository, transactionManager, observer, control))
            .next(manifestStep(settings, jobRepository, transactionManager, databases))
            .build();
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
    return new JsonLinesSink(
        settings.outputPath(),
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
      exportWriter.close();
    } finally {
      requestsReader.close();
    }
  }
}

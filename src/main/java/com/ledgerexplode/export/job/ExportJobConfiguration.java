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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The export job's wiring, nothing else. Given as beans by {@link ExportJobRunner}: the {@link
 * JobSettings}, the run's {@link JobDatabases}, the job repository and the transaction manager of
 * its database (made once, by {@link com.ledgerexplode.export.runs.JobRepositories}), the {@link
 * RowSource} that answers the rows (the engine over the store, its scope resolved before the job
 * starts so that a refused scope starts nothing, or the vendor's API) and a {@link RunObserver}.
 */
@Configuration(proxyBeanMethods = false)
class ExportJobConfiguration {
  private static final String RECOVERED_MARK = "batch.recovered";

  @Bean
  Job ledgerExportJob(
      JobRepository jobRepository,
      @Qualifier(ExportJobNames.EXPORT_STEP) Step exportStep,
      @Qualifier(ExportJobNames.MANIFEST_STEP) Step manifestStep) {
    return new JobBuilder(ExportJobNames.JOB, jobRepository)
        .listener(recoveredMarkRemover(jobRepository))
        .listener(new ExecutionLog())
        .start(exportStep)
        .next(manifestStep)
        .build();
  }

  /**
   * Chunks of rows; each chunk's transaction is on the job repository's database, so that a
   * checkpoint commits with the chunk (and with its rows when the reporting database is that same
   * database).
   */
  @Bean
  Step exportStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      JobSettings settings,
      RequestsCsvReader requestsReader,
      ExportWriter exportWriter,
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

  @Bean
  Step manifestStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      JobSettings settings,
      JobDatabases databases) {
    ReportingDatabaseSink reporting =
        settings.outputIsDatabase()
            ? new ReportingDatabaseSink(databases.reporting(settings.output()))
            : null;
    return new StepBuilder(ExportJobNames.MANIFEST_STEP, jobRepository)
        .tasklet(new ManifestTasklet(settings, jobRepository, reporting), transactionManager)
        .build();
  }

  @Bean
  RequestsCsvReader requestsReader(JobSettings settings) {
    return new RequestsCsvReader(settings.input());
  }

  @Bean
  ExportSink exportSink(JobSettings settings, JobDatabases databases, JobRepository jobRepository) {
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

  @Bean
  ExportWriter exportWriter(JobSettings settings, RowSource rowSource, ExportSink exportSink) {
    return new ExportWriter(
        new ChunkExploder(rowSource, settings.defaults()), exportSink, settings.skipLimit());
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
}

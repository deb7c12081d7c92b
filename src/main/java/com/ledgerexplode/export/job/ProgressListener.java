package com.ledgerexplode.export.job;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestsCsvReader;
import com.ledgerexplode.export.runs.RunCounts;
import com.ledgerexplode.export.settings.JobSettings;
import java.io.IOException;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Tells the run's {@link RunObserver} how the export step goes: when it starts (with the counts it
 * continues from) and after each chunk, from the step's own listeners, so that neither the reader
 * nor the writer knows of progress.
 */
final class ProgressListener
    implements StepExecutionListener, ChunkListener<RequestItem, RequestItem> {
  private final JobSettings settings;
  private final ExportWriter writer;
  private final RunObserver observer;

  ProgressListener(JobSettings settings, ExportWriter writer, RunObserver observer) {
    this.settings = settings;
    this.writer = writer;
    this.observer = observer;
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    ExportCounts before = RunCounts.load(stepExecution.getExecutionContext());
    observer.started(stepExecution.getJobExecutionId(), rowsTotal(), before);
  }

  @Override
  public void afterChunk(Chunk<RequestItem> chunk) {
    observer.chunkWritten(writer.counts());
  }

  private long rowsTotal() {
    try {
      return RequestsCsvReader.countRecords(settings.input());
    } catch (IOException e) {
      return -1; // progress without a total; the reader says what is wrong with the file
    }
  }
}

package com.ledgerexplode.export.job;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestsCsvReader;
import com.ledgerexplode.export.runs.RunCounts;
import com.ledgerexplode.export.settings.JobSettings;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Tells the run's {@link RunObserver} how the export step goes: when it starts (with the counts it
 * continues from, the requests file's size and where in it the step resumes) and after each chunk
 * (the counts, and the reader's byte offset), from the step's own listeners, so that neither the
 * reader nor the writer knows of progress. The file is never read ahead to count its rows.
 */
final class ProgressListener
    implements StepExecutionListener, ChunkListener<RequestItem, RequestItem> {
  private final JobSettings settings;
  private final RequestsCsvReader reader;
  private final ExportWriter writer;
  private final RunObserver observer;

  ProgressListener(
      JobSettings settings, RequestsCsvReader reader, ExportWriter writer, RunObserver observer) {
    this.settings = settings;
    this.reader = reader;
    this.writer = writer;
    this.observer = observer;
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    ExecutionContext context = stepExecution.getExecutionContext();
    ExportCounts before = RunCounts.load(context);
    observer.started(stepExecution.getJobExecutionId(), inputBytes(), before);
    observer.inputRead(context.getLong(RequestsCsvReader.OFFSET_KEY, 0));
  }

  @Override
  public void afterChunk(Chunk<RequestItem> chunk) {
    observer.chunkWritten(writer.counts());
    observer.inputRead(reader.offset());
  }

  private long inputBytes() {
    try {
      return Files.size(settings.input());
    } catch (IOException e) {
      return -1; // progress without a total; the reader says what is wrong with the file
    }
  }
}

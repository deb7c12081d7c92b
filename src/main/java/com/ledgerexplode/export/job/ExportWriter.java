package com.ledgerexplode.export.job;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.UnreadableRecord;
import com.ledgerexplode.export.runs.RunCounts;
import com.ledgerexplode.export.sink.ExportSink;
import java.util.List;
import java.util.function.LongSupplier;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The export step's writer: explodes the chunk, hands its output records to the sink, and keeps the
 * run's counts (the product's own counters, saved with each checkpoint), failing the step when more
 * records are unreadable than {@code skipLimit} allows (the chunk is then rolled back, so a rerun
 * with a higher limit continues from the last checkpoint). Not thread-safe: one step (or
 * partition), one thread.
 */
public final class ExportWriter implements ItemStreamWriter<RequestItem> {
  private final ChunkExploder exploder;
  private final ExportSink sink;
  private final int skipLimit;
  private final LongSupplier unreadableElsewhere;
  private ExportCounts counts = ExportCounts.ZERO;

  public ExportWriter(ChunkExploder exploder, ExportSink sink, int skipLimit) {
    this(exploder, sink, skipLimit, () -> 0);
  }

  /**
   * A partition's writer: the skip limit is the run's, so the unreadable records its other
   * partitions have committed count too.
   */
  ExportWriter(
      ChunkExploder exploder, ExportSink sink, int skipLimit, LongSupplier unreadableElsewhere) {
    this.exploder = exploder;
    this.sink = sink;
    this.skipLimit = skipLimit;
    this.unreadableElsewhere = unreadableElsewhere;
  }

  /** The run's counts so far, across its executions, up to the last chunk written. */
  public ExportCounts counts() {
    return counts;
  }

  @Override
  public void open(ExecutionContext context) {
    counts = RunCounts.load(context);
    sink.open(context);
  }

  @Override
  public void write(Chunk<? extends RequestItem> chunk) throws Exception {
    List<RowOutcome> outcomes = exploder.explode(chunk.getItems());
    ExportCounts after = counts.plus(outcomes);
    long unreadable = after.rowsUnreadable();
    if (unreadable > counts.rowsUnreadable()) {
      unreadable += unreadableElsewhere.getAsLong();
    }
    if (unreadable > skipLimit) {
      throw new SkipLimitExceededException(unreadable, skipLimit, lastUnreadable(outcomes));
    }
    sink.write(RowOutcome.recordsOf(outcomes));
    counts = after;
  }

  @Override
  public void update(ExecutionContext context) {
    sink.update(context);
    RunCounts.save(counts, context);
  }

  @Override
  public void close() {
    sink.close();
  }

  private static UnreadableRecord lastUnreadable(List<RowOutcome> outcomes) {
    UnreadableRecord last = null;
    for (RowOutcome outcome : outcomes) {
      if (outcome instanceof RowOutcome.Unreadable unreadable) {
        last = unreadable.record();
      }
    }
    if (last == null) {
      throw new IllegalStateException("no unreadable record in a chunk that exceeds the limit");
    }
    return last;
  }
}

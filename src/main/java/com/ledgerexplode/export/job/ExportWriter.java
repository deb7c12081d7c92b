package com.ledgerexplode.export.job;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.UnreadableRecord;
import com.ledgerexplode.export.runs.RunCounts;
import com.ledgerexplode.export.sink.ExportSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
  private final @Nullable AtomicLong runUnreadable;
  private ExportCounts counts = ExportCounts.ZERO;

  public ExportWriter(ChunkExploder exploder, ExportSink sink, int skipLimit) {
    this(exploder, sink, skipLimit, null);
  }

  /**
   * A partition's writer: the skip limit is the run's, all partitions together. {@code
   * runUnreadable} holds the unreadable records of the run's partitions, committed or in a chunk
   * being written: a chunk adds its own before it is written (refused if that passes the limit) and
   * takes them back if its transaction rolls back, so that partitions writing at once never pass
   * the limit together.
   */
  ExportWriter(
      ChunkExploder exploder, ExportSink sink, int skipLimit, @Nullable AtomicLong runUnreadable) {
    this.exploder = exploder;
    this.sink = sink;
    this.skipLimit = skipLimit;
    this.runUnreadable = runUnreadable;
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
    long added = after.rowsUnreadable() - counts.rowsUnreadable();
    AtomicLong run = runUnreadable;
    if (run == null) {
      if (after.rowsUnreadable() > skipLimit) {
        throw new SkipLimitExceededException(
            after.rowsUnreadable(), skipLimit, lastUnreadable(outcomes));
      }
    } else if (added > 0) {
      long total = run.addAndGet(added);
      if (total > skipLimit) {
        run.addAndGet(-added);
        throw new SkipLimitExceededException(total, skipLimit, lastUnreadable(outcomes));
      }
      giveBackOnRollback(run, added);
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

  /** The chunk's unreadable records leave the run's count if its transaction rolls back. */
  private static void giveBackOnRollback(AtomicLong run, long added) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            if (status != STATUS_COMMITTED) {
              run.addAndGet(-added);
            }
          }
        });
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

package com.ledgerexplode.export.job;

import com.ledgerexplode.export.requests.RequestItem;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Lets the process that runs a job ask it to stop at its next chunk boundary from another thread (a
 * signal handler). The ask only sets a flag; the export step's own thread, between chunks, marks
 * its execution to terminate, so that nothing touches the running execution from outside: it ends
 * STOPPED, its checkpoint committed and its databases closed after the step, and the same command
 * continues it. A stop asked before the step starts is applied as it starts. In a partitioned run
 * it is applied to every partition running, each at its own next chunk boundary.
 */
public final class RunControl
    implements StepExecutionListener, ChunkListener<RequestItem, RequestItem> {
  private final AtomicBoolean stopAsked = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Set<StepExecution> running = ConcurrentHashMap.newKeySet();

  /** Asks the run to stop after its current chunk; answers whether this is the first ask. */
  public boolean requestStop() {
    boolean first = stopAsked.compareAndSet(false, true);
    stopped.countDown();
    return first;
  }

  /**
   * Waits this long between attempts of the run unless a stop is asked meanwhile; answers whether
   * one was (an interrupt counts as one).
   */
  boolean awaitStop(Duration wait) {
    try {
      return stopped.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    running.add(stepExecution);
    applyStop();
  }

  @Override
  public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
    running.remove(stepExecution);
    return null;
  }

  @Override
  public void afterChunk(Chunk<RequestItem> chunk) {
    applyStop();
  }

  private void applyStop() {
    if (stopAsked.get()) {
      running.forEach(StepExecution::setTerminateOnly);
    }
  }
}

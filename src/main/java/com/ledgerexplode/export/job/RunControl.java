package com.ledgerexplode.export.job;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Lets the process that runs a job ask it to stop at its next chunk boundary, from another thread
 * (a signal handler): the execution then ends STOPPED, its checkpoint committed and its databases
 * closed after the step, and the same command continues it. A stop asked before the execution
 * exists is applied as soon as it starts.
 */
public final class RunControl {
  private final AtomicBoolean stopAsked = new AtomicBoolean();
  private final AtomicReference<@Nullable Running> running = new AtomicReference<>();

  private record Running(JobOperator operator, JobExecution execution) {}

  /** Asks the run to stop after its current chunk; answers whether this is the first ask. */
  public boolean requestStop() {
    boolean first = stopAsked.compareAndSet(false, true);
    Running now = running.get();
    if (now != null) {
      stop(now);
    }
    return first;
  }

  /** The listener that tells this control which execution runs, given to the job. */
  JobExecutionListener listener(JobOperator operator) {
    return new JobExecutionListener() {
      @Override
      public void beforeJob(JobExecution execution) {
        Running now = new Running(operator, execution);
        running.set(now);
        if (stopAsked.get()) {
          stop(now);
        }
      }

      @Override
      public void afterJob(JobExecution execution) {
        running.set(null);
      }
    };
  }

  private static void stop(Running now) {
    try {
      now.operator().stop(now.execution());
    } catch (JobExecutionNotRunningException alreadyOver) {
      // it ended on its own meanwhile: nothing to stop
    }
  }
}

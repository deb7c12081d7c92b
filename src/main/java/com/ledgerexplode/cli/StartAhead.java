package com.ledgerexplode.cli;

import com.ledgerexplode.store.Databases;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Work of every start done on a second thread while the main thread builds and parses the command
 * line: the main thread is alone for much of a start, and a one-row run is mostly start.
 *
 * <p>First Logback's initialisation, which any command does (Hikari, Spring Batch and ours log).
 * SLF4J gives a thread that asks for logging while another initialises it a substitute, whose
 * factory is no Logback context: so nothing on the main thread uses SLF4J before {@link
 * #awaitLogging()}, which {@link Main} calls before a command runs, and no command gets a logger
 * when picocli builds it (RunCommand's is in a holder).
 *
 * <p>Then, for a run (run, restart), what its job will do in any case: the JDBC drivers registered,
 * H2's engine loaded by opening a private in-memory database (the job repository is an H2 file
 * unless told otherwise, and opening it is a good part of a short run's start), and the Flight
 * Recorder's classes that Spring Batch's events initialise at the launch (some 0.1 s). Nothing of
 * it shows: no recording starts, no file is opened.
 */
final class StartAhead {
  private static final String EVENT =
      "org.springframework.batch.core.observability.jfr.events.job.JobLaunchEvent";

  private static volatile @Nullable CountDownLatch logging;

  private StartAhead() {}

  /** Starts the work for this command ({@link Main#commandNamed}; null: none named). */
  static void begin(@Nullable Class<?> command) {
    boolean run = command == RunCommand.class || command == ExecutionCommands.Restart.class;
    CountDownLatch latch = new CountDownLatch(1);
    logging = latch;
    Thread thread =
        new Thread(
            () -> {
              try {
                LoggerFactory.getILoggerFactory();
              } catch (RuntimeException | LinkageError unsaid) {
                // SLF4J keeps its failure and throws it to the main thread's first logger
              } finally {
                latch.countDown();
              }
              if (run) {
                warmTheJob();
              }
            },
            "start-ahead");
    thread.setDaemon(true);
    thread.start();
  }

  /** Returns once logging is initialised, at once if it was not begun here. */
  static void awaitLogging() {
    CountDownLatch latch = logging;
    if (latch == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Nothing here is said: what fails here fails the same way on the main thread, which says it in
   * its place (or exits before it needs any of it).
   */
  private static void warmTheJob() {
    try {
      Databases.loadDrivers();
      Databases.warmH2();
      Class.forName(EVENT, true, StartAhead.class.getClassLoader());
    } catch (ClassNotFoundException | RuntimeException | LinkageError unsaid) {
      // the main thread meets it, if it needs it
    }
  }
}

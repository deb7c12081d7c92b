package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A run in a child JVM, its output in a log file: waiting for the point to act on it, its id. */
final class ChildRuns {
  private ChildRuns() {}

  /**
   * Waits until {@code condition} holds, failing if the child ends first (with its log) or if the
   * time is up.
   */
  static void waitUntil(BooleanSupplier condition, Process child, Path log, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("the child ended before the kill: " + Files.readString(log));
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the run never reached the point of the kill");
  }

  /** The execution the child's log says it started. */
  static String executionOf(Path log) throws Exception {
    Matcher started = Pattern.compile("execution (\\d+) started").matcher(Files.readString(log));
    assertThat(started.find()).as("the child's log names its execution").isTrue();
    return started.group(1);
  }
}

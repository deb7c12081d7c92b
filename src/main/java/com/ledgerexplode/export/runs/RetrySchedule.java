package com.ledgerexplode.export.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The waits between a run's attempts while a database is lost: from one second, doubling up to
 * thirty, each drawn at random between half its step and its step (so that runs lost together do
 * not all come back at the same instant), and never past the deadline: the last attempt is made at
 * the deadline, and once it has passed there is no more wait. Not thread-safe.
 */
public final class RetrySchedule {
  static final Duration FIRST_STEP = Duration.ofSeconds(1);
  static final Duration LONGEST_STEP = Duration.ofSeconds(30);

  private final Instant since;
  private final Instant deadline;
  private final DoubleSupplier random;
  private Duration step = FIRST_STEP;

  /**
   * Retries from {@code since} (when the database was found lost) for {@code retryFor}; {@code
   * random} gives numbers in [0, 1).
   */
  public RetrySchedule(Instant since, Duration retryFor, DoubleSupplier random) {
    this.since = since;
    this.deadline = since.plus(retryFor);
    this.random = random;
  }

  /** When the database was found lost. */
  public Instant since() {
    return since;
  }

  /** When the run stops retrying. */
  public Instant deadline() {
    return deadline;
  }

  /** How long to wait before the next attempt, or nothing when the time is up. */
  public Optional<Duration> nextWait(Instant now) {
    if (!now.isBefore(deadline)) {
      return Optional.empty();
    }
    long stepMillis = step.toMillis();
    step = step.multipliedBy(2).compareTo(LONGEST_STEP) > 0 ? LONGEST_STEP : step.multipliedBy(2);
    long jittered = stepMillis / 2 + (long) (random.getAsDouble() * (stepMillis - stepMillis / 2));
    Duration left = Duration.between(now, deadline);
    Duration wait = Duration.ofMillis(jittered);
    return Optional.of(wait.compareTo(left) > 0 ? left : wait);
  }
}

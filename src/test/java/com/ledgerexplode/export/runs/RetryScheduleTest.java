package com.ledgerexplode.export.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private static final Instant LOST = Instant.parse("2026-11-30T02:10:03Z");

  /** The waits until the time is up, each attempt taking no time. */
  private static List<Duration> waits(RetrySchedule schedule) {
    List<Duration> waits = new ArrayList<>();
    Instant now = schedule.since();
    for (Optional<Duration> wait = schedule.nextWait(now);
        wait.isPresent();
        wait = schedule.nextWait(now)) {
      waits.add(wait.get());
      now = now.plus(wait.get());
    }
    return waits;
  }

  @Test
  void theStepsDoubleFromOneSecondUpToThirtyEachWaitTheirLongestWhenTheDrawIsHighest() {
    RetrySchedule schedule = new RetrySchedule(LOST, Duration.ofMinutes(5), () -> 0.999999);

    assertThat(waits(schedule).subList(0, 7))
        .extracting(Duration::toSeconds)
        .containsExactly(0L, 1L, 3L, 7L, 15L, 29L, 29L);
  }

  @Test
  void aWaitIsAtLeastHalfItsStep() {
    RetrySchedule schedule = new RetrySchedule(LOST, Duration.ofMinutes(5), () -> 0.0);

    assertThat(waits(schedule).subList(0, 7))
        .extracting(Duration::toMillis)
        .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 15000L, 15000L);
  }

  @Test
  void theWaitsAreJitteredBetweenHalfAndWholeStep() {
    double[] draws = {0.1, 0.9, 0.5};
    int[] next = {0};
    RetrySchedule schedule =
        new RetrySchedule(LOST, Duration.ofMinutes(1), () -> draws[next[0]++ % draws.length]);

    assertThat(waits(schedule).subList(0, 3))
        .extracting(Duration::toMillis)
        .containsExactly(550L, 1900L, 3000L);
  }

  @Test
  void theLastWaitEndsAtTheDeadlineAndNoneFollowsIt() {
    RetrySchedule schedule = new RetrySchedule(LOST, Duration.ofSeconds(10), () -> 0.999999);

    List<Duration> waits = waits(schedule);

    assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(schedule.deadline()).isEqualTo(LOST.plusSeconds(10));
    assertThat(schedule.nextWait(LOST.plusSeconds(10))).isEmpty();
    assertThat(schedule.nextWait(LOST.plusSeconds(60))).isEmpty();
  }

  @Test
  void anAttemptThatTookLongerThanTheTimeLeftEndsTheRetries() {
    RetrySchedule schedule = new RetrySchedule(LOST, Duration.ofSeconds(3), () -> 0.5);

    assertThat(schedule.nextWait(LOST)).contains(Duration.ofMillis(750));
    assertThat(schedule.nextWait(LOST.plusMillis(2900))).contains(Duration.ofMillis(100));
    assertThat(schedule.nextWait(LOST.plusSeconds(4))).isEmpty();
  }

  @Test
  void retryForZeroRetriesNothing() {
    assertThat(new RetrySchedule(LOST, Duration.ZERO, () -> 0.5).nextWait(LOST)).isEmpty();
  }
}

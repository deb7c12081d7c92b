package com.ledgerexplode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The live-heap probe's pace, which the benchmark's heap goals are judged on. */
class FloorBenchmarkProbeTest {
  @Test
  void aRunIsAskedForAFullCollectionEveryTenthOfItsTimedLength() {
    assertThat(FloorBenchmark.probeEvery(1.5)).isEqualTo(150);
    assertThat(FloorBenchmark.probeEvery(4.0)).isEqualTo(400);
  }

  @Test
  void theProbesWaitIsAtLeastATenthOfASecondAndAtMostASecond() {
    assertThat(FloorBenchmark.probeEvery(0.3)).isEqualTo(100);
    assertThat(FloorBenchmark.probeEvery(15.2)).isEqualTo(1000);
  }
}

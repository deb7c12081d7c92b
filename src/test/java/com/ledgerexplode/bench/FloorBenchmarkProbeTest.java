package com.ledgerexplode.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The benchmark's own rules: the pace of the live-heap probe its heap goals are judged on, and the
 * floor's asking the ledger what the product asks.
 */
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

  @Test
  void theBenchmarkFailsWhenTheFloorAsksTheLedgerOtherStatementsThanTheProduct() {
    FloorBenchmark.checkSameReads(11.3, 11.1);
    assertThatThrownBy(() -> FloorBenchmark.checkSameReads(11.0, 9.0))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the floor's statements per chunk 9.0, the product's 11.0");
  }
}

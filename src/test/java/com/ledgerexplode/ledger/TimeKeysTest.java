package com.ledgerexplode.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A twinned time's ISO-8601 twin is its key followed by ISO, and only those keys are twins. */
class TimeKeysTest {
  @Test
  void theTwinOfEveryTwinnedTimeIsItsKeyWithIsoAndIsATwin() {
    assertThat(TimeKeys.twin("billingTime")).isEqualTo("billingTimeISO");
    for (String key : TimeKeys.TWINNED) {
      assertThat(TimeKeys.isTwin(TimeKeys.twin(key))).as(key).isTrue();
    }
  }

  @Test
  void aLegacyOnlyTimeHasNoTwin() {
    for (String key : TimeKeys.LEGACY_ONLY) {
      assertThat(TimeKeys.isTwin(TimeKeys.twin(key))).as(key).isFalse();
    }
  }
}

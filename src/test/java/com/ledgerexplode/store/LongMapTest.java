package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LongMapTest {
  @Test
  void everyKeyKeepsItsValueAcrossPagesAndGrowth() {
    LongMap map = new LongMap();
    int n = 5 * LongMap.PAGE; // several pages, grown many times
    for (long key = 1; key <= n; key++) {
      map.put(key * 1000, key * 4 + 1); // ids that are multiples of 1000, as orgs' often are
    }
    assertThat(map.size()).isEqualTo(n);
    for (long key = 1; key <= n; key++) {
      assertThat(map.get(key * 1000)).isEqualTo(key * 4 + 1);
    }
    assertThat(map.get(999)).isZero();
    assertThat(map.get((n + 1) * 1000L)).isZero();
  }

  @Test
  void aLargeMapHoldsNoArrayLongerThanAPage() {
    LongMap map = new LongMap();
    for (long key = 1; key <= 20 * LongMap.PAGE; key++) {
      map.put(key, 1);
    }
    assertThat(map.longestArray()).isEqualTo(LongMap.PAGE);
  }

  @Test
  void aKeyPutAgainTakesTheNewValueAndIsCountedOnce() {
    LongMap map = new LongMap();
    map.put(7, 1);
    map.put(7, 2);
    assertThat(map.get(7)).isEqualTo(2);
    assertThat(map.size()).isOne();
  }

  @Test
  void keysAreEveryKeyOnce() {
    LongMap map = new LongMap();
    for (long key = 1; key <= 3 * LongMap.PAGE; key++) {
      map.put(key, key);
    }
    long[] keys = map.keys();
    Arrays.sort(keys);
    assertThat(keys).containsExactly(LongStream.rangeClosed(1, 3 * LongMap.PAGE).toArray());
  }

  @Test
  void aKeyNotPositiveOrAValueOfZeroIsRefused() {
    LongMap map = new LongMap();
    assertThatThrownBy(() -> map.put(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> map.put(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> map.put(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}

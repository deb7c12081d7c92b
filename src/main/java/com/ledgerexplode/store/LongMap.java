package com.ledgerexplode.store;

import java.util.Arrays;

/**
 * A map of positive long keys to long values, open-addressed in two arrays: the keys of a whole
 * snapshot (a million events) cost about 32 bytes each, where boxed keys in a {@code HashMap} would
 * cost three times as much. 0 stands for no value. Not thread-safe.
 */
final class LongMap {
  private static final long EMPTY = 0;

  private long[] keys = new long[16];
  private long[] values = new long[16];
  private int size;

  /** The value of this key, 0 when it has none. */
  long get(long key) {
    int slot = slot(keys, key);
    return keys[slot] == key ? values[slot] : EMPTY;
  }

  /** Gives the key this value (not 0), replacing any it had. */
  void put(long key, long value) {
    if (key <= 0 || value == EMPTY) {
      throw new IllegalArgumentException("key " + key + ", value " + value);
    }
    int slot = slot(keys, key);
    if (keys[slot] != key) {
      keys[slot] = key;
      size++;
      if (size * 2 > keys.length) {
        grow();
      }
      slot = slot(keys, key);
    }
    values[slot] = value;
  }

  int size() {
    return size;
  }

  /** The keys, in no particular order. */
  long[] keys() {
    long[] all = new long[size];
    int n = 0;
    for (long key : keys) {
      if (key != EMPTY) {
        all[n++] = key;
      }
    }
    return all;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = slot(keys, oldKeys[i]);
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }

  /** The slot of the key, or of the empty slot where it would go (linear probing). */
  private static int slot(long[] keys, long key) {
    int mask = keys.length - 1;
    int slot = (int) (mix(key) & mask);
    while (keys[slot] != EMPTY && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Spreads ids that are often consecutive or multiples of 1000 over the table. */
  private static long mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29);
  }

  @Override
  public String toString() {
    return "LongMap of " + size + ": " + Arrays.toString(keys());
  }
}

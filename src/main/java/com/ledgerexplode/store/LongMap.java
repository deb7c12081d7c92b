package com.ledgerexplode.store;

import java.util.Arrays;

/**
 * A map of positive long keys to long values, open-addressed, filled up to three quarters before it
 * doubles: the keys of a whole snapshot (a million events) cost about 21 bytes each, where boxed
 * keys in a {@code HashMap} would cost four times as much. Keys and values are held in pages of
 * {@value #PAGE} longs (64 KB), never in one array: a single array of a large map would be one of
 * the garbage collector's large objects, which take whole regions (1 MB in a heap of 256 MB) and
 * leave the rest of the last one empty, and so would grow the heap a large snapshot holds by as
 * much again. 0 stands for no value. Not thread-safe.
 */
final class LongMap {
  /** Longs per page: a power of two, small enough never to be a large object. */
  static final int PAGE = 8192;

  private static final int PAGE_BITS = Integer.numberOfTrailingZeros(PAGE);
  private static final long EMPTY = 0;

  private int capacity = 16;
  private long[][] keys = pages(capacity);
  private long[][] values = pages(capacity);
  private int size;

  /** The value of this key, 0 when it has none. */
  long get(long key) {
    int slot = slot(key);
    return at(keys, slot) == key ? at(values, slot) : EMPTY;
  }

  /** Gives the key this value (not 0), replacing any it had. */
  void put(long key, long value) {
    if (key <= 0 || value == EMPTY) {
      throw new IllegalArgumentException("key " + key + ", value " + value);
    }
    int slot = slot(key);
    if (at(keys, slot) != key) {
      set(keys, slot, key);
      size++;
      if (size > capacity / 4 * 3) {
        grow();
        slot = slot(key);
      }
    }
    set(values, slot, value);
  }

  int size() {
    return size;
  }

  /** The length of its longest array: at most {@link #PAGE}, however many keys it holds. */
  int longestArray() {
    return keys[0].length;
  }

  /** The keys, in no particular order. */
  long[] keys() {
    long[] all = new long[size];
    int n = 0;
    for (long[] page : keys) {
      for (long key : page) {
        if (key != EMPTY) {
          all[n++] = key;
        }
      }
    }
    return all;
  }

  private void grow() {
    long[][] oldKeys = keys;
    long[][] oldValues = values;
    capacity *= 2;
    keys = pages(capacity);
    values = pages(capacity);
    for (int p = 0; p < oldKeys.length; p++) {
      for (int i = 0; i < oldKeys[p].length; i++) {
        long key = oldKeys[p][i];
        if (key != EMPTY) {
          int slot = slot(key);
          set(keys, slot, key);
          set(values, slot, oldValues[p][i]);
        }
      }
    }
  }

  private static long[][] pages(int capacity) {
    long[][] pages = new long[Math.max(1, capacity / PAGE)][];
    for (int p = 0; p < pages.length; p++) {
      pages[p] = new long[Math.min(PAGE, capacity)];
    }
    return pages;
  }

  private static long at(long[][] pages, int slot) {
    return pages[slot >>> PAGE_BITS][slot & (PAGE - 1)];
  }

  private static void set(long[][] pages, int slot, long value) {
    pages[slot >>> PAGE_BITS][slot & (PAGE - 1)] = value;
  }

  /** The slot of the key, or of the empty slot where it would go (linear probing). */
  private int slot(long key) {
    int mask = capacity - 1;
    int slot = (int) (mix(key) & mask);
    long at;
    while ((at = at(keys, slot)) != EMPTY && at != key) {
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

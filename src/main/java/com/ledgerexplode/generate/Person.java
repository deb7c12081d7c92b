package com.ledgerexplode.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A generated customer while its block is written: how requests can name it, and a bounded sample
 * of its events to ask for (a reservoir, so that memory does not grow with the events).
 */
final class Person {
  static final int SAMPLE_SIZE = 16;

  final long orgId;
  final long customerId;
  final String firstName;
  final String lastName;
  final String mobile;
  final String mobileSource;
  final String email;
  final String externalId;
  final @Nullable String wechatAccount;

  /** Whether another customer of this org has (or will have) the same mobile in another source. */
  final boolean sharesMobile;

  /** Whether this is the second customer of such a pair: its mobile is ambiguous across sources. */
  final boolean secondOfPair;

  @Nullable Long groupId;
  @Nullable Long primaryCustomerId;

  private final List<EventRef> sample = new ArrayList<>();
  private long seen;

  Person(
      long orgId,
      long customerId,
      String firstName,
      String lastName,
      String mobile,
      String mobileSource,
      String email,
      String externalId,
      @Nullable String wechatAccount,
      boolean sharesMobile,
      boolean secondOfPair) {
    this.orgId = orgId;
    this.customerId = customerId;
    this.firstName = firstName;
    this.lastName = lastName;
    this.mobile = mobile;
    this.mobileSource = mobileSource;
    this.email = email;
    this.externalId = externalId;
    this.wechatAccount = wechatAccount;
    this.sharesMobile = sharesMobile;
    this.secondOfPair = secondOfPair;
  }

  boolean inGroup() {
    return groupId != null;
  }

  void remember(EventRef event, SplittableRandom random) {
    seen++;
    if (sample.size() < SAMPLE_SIZE) {
      sample.add(event);
    } else {
      long slot = random.nextLong(seen);
      if (slot < SAMPLE_SIZE) {
        sample.set((int) slot, event);
      }
    }
  }

  List<EventRef> sample() {
    return sample;
  }

  /** An event as requests select it. */
  record EventRef(long eventLogId, String eventName, String referenceId, boolean inGroup) {}
}

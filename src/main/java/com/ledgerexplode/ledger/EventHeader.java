package com.ledgerexplode.ledger;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What identifies an event and selects it: everything of an event but its sections. */
public record EventHeader(
    long orgId,
    long eventLogId,
    long customerId,
    @Nullable Long groupId,
    @Nullable String eventName,
    @Nullable Instant eventTime,
    @Nullable Long tillId,
    @Nullable String eventReferenceId,
    @Nullable String uniqueId) {

  public EventKey key() {
    return new EventKey(orgId, eventLogId);
  }
}

package com.ledgerexplode.ledger;

import org.jspecify.annotations.Nullable;

/**
 * What identifies an event and selects it, and what its type adds (always shown, loaded with it):
 * everything of an event but its sections.
 */
public record EventHeader(
    long orgId,
    long eventLogId,
    long customerId,
    @Nullable Long groupId,
    @Nullable String eventName,
    @Nullable LedgerTime eventTime,
    @Nullable Long tillId,
    @Nullable String eventReferenceId,
    @Nullable String uniqueId,
    TypeDetail typeDetail) {

  /** An event whose type adds nothing of its own. */
  public EventHeader(
      long orgId,
      long eventLogId,
      long customerId,
      @Nullable Long groupId,
      @Nullable String eventName,
      @Nullable LedgerTime eventTime,
      @Nullable Long tillId,
      @Nullable String eventReferenceId,
      @Nullable String uniqueId) {
    this(
        orgId,
        eventLogId,
        customerId,
        groupId,
        eventName,
        eventTime,
        tillId,
        eventReferenceId,
        uniqueId,
        TypeDetail.NONE);
  }

  public EventKey key() {
    return new EventKey(orgId, eventLogId);
  }
}

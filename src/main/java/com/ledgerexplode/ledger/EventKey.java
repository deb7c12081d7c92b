package com.ledgerexplode.ledger;

/** An event's identity: event log ids are unique within an org. */
public record EventKey(long orgId, long eventLogId) {}

package com.ledgerexplode.ledger;

/** A customer's identity: customer ids are unique within an org. */
public record CustomerKey(long orgId, long customerId) {}

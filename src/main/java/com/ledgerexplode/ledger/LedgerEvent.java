package com.ledgerexplode.ledger;

/** An event of the ledger, whole. */
public record LedgerEvent(EventHeader header, EventSections sections) {}

package com.ledgerexplode.ledger;

/** One line of a bill. */
public record LineItem(Fields<LineItemField> fields) {}

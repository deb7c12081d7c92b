package com.ledgerexplode.ledger;

import org.jspecify.annotations.Nullable;

/** One points entry an event earned in an alternate currency, named by the currency. */
public record AlternateCurrency(String name, @Nullable String identifier, PointsEntry entry) {}

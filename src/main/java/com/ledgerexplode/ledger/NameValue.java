package com.ledgerexplode.ledger;

import org.jspecify.annotations.Nullable;

/** A custom or extended field of an event. */
public record NameValue(String name, @Nullable String value) {}

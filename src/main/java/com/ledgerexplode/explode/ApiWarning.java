package com.ledgerexplode.explode;

import org.jspecify.annotations.Nullable;

/**
 * A warning in an answered request: 9021 names the event id or the reference id it is about; 9018
 * names the event whose alternate currencies matched no name asked for.
 */
public record ApiWarning(
    int code, String message, @Nullable String eventId, @Nullable String eventReferenceId) {}

package com.ledgerexplode.explode;

import org.jspecify.annotations.Nullable;

/**
 * A request that passed validation. {@code limit} null means every event from {@code offset} on.
 */
public record ValidRequest(
    IdentifierName identifierName,
    String identifierValue,
    Source source,
    @Nullable String accountId,
    Selection selection,
    EntityType type,
    boolean primaryUserOnly,
    Sections sections,
    int offset,
    @Nullable Integer limit) {}

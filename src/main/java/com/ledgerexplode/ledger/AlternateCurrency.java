package com.ledgerexplode.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** An alternate currency an event earned. */
public record AlternateCurrency(
    String name,
    @Nullable String identifier,
    @Nullable BigDecimal value,
    @Nullable LocalDate expiresOn) {}

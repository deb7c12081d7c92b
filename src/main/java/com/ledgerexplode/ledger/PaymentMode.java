package com.ledgerexplode.ledger;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** How (part of) a bill was paid. */
public record PaymentMode(String mode, @Nullable BigDecimal amount) {}

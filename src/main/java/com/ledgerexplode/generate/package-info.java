/**
 * Synthetic ledgers: a realistic snapshot and a matching requests CSV, deterministic for a seed and
 * written as they are made, so that millions of events take bounded memory.
 */
@NullMarked
package com.ledgerexplode.generate;

import org.jspecify.annotations.NullMarked;

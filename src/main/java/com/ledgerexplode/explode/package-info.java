/**
 * The explode engine: the semantics of {@code getLedgerExplodeInfo} over a chunk of requests, pure
 * Java. It reads the ledger only through {@link com.ledgerexplode.explode.LedgerPort}, a fixed
 * number of calls per chunk whatever the chunk's size. Values are non-null unless marked.
 */
@NullMarked
package com.ledgerexplode.explode;

import org.jspecify.annotations.NullMarked;

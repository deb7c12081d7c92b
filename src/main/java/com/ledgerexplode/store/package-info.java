/**
 * The relational ledger store (H2 or PostgreSQL): its schema, the {@link
 * com.ledgerexplode.explode.LedgerPort} over it, and the snapshot importer.
 */
@NullMarked
package com.ledgerexplode.store;

import org.jspecify.annotations.NullMarked;

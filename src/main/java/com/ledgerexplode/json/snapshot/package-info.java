/**
 * The ledger snapshot format (JSON Lines): its reader and writer, the store's side. Values are
 * non-null unless marked.
 */
@NullMarked
package com.ledgerexplode.json.snapshot;

import org.jspecify.annotations.NullMarked;

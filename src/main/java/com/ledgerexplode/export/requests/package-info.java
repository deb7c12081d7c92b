/**
 * The requests CSV: one pass over the file yields each record's cells and byte offset, as rows or
 * unreadable records. Values are non-null unless marked.
 */
@NullMarked
package com.ledgerexplode.export.requests;

import org.jspecify.annotations.NullMarked;

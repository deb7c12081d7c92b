/**
 * The API's JSON: event objects and envelopes as getLedgerExplodeInfo writes them. Values are
 * non-null unless marked.
 */
@NullMarked
package com.ledgerexplode.json.api;

import org.jspecify.annotations.NullMarked;

/**
 * JSON of the ledger and of the API: the snapshot format, and the API's event objects and
 * envelopes, written with Jackson's streaming generator so that decimals stay exact.
 */
@NullMarked
package com.ledgerexplode.json;

import org.jspecify.annotations.NullMarked;

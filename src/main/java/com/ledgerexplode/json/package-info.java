/**
 * How ledger values are written in JSON, shared by the snapshot format ({@code json.snapshot}) and
 * the API's objects ({@code json.api}), with Jackson's streaming generator so that decimals stay
 * exact. Values are non-null unless marked.
 */
@NullMarked
package com.ledgerexplode.json;

import org.jspecify.annotations.NullMarked;

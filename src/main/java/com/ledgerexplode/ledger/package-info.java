/**
 * The points ledger as data: orgs, customers and their identifiers, groups, events with their
 * points entries, bills and other sections. Records only; JDK only. Every record here is immutable,
 * and every value is non-null unless its accessor says {@code @Nullable}.
 */
@NullMarked
package com.ledgerexplode.ledger;

import org.jspecify.annotations.NullMarked;

/**
 * The vendor's API as a ledger: an HTTP client of {@code getLedgerExplodeInfo} that answers one
 * request row at a time, pages merged, with bounded concurrency, retries and a rate limit. Pure
 * Java with the JDK's {@code HttpClient}, resilience4j and Jackson's streaming API; no Spring, no
 * JDBC. Values are non-null unless marked.
 */
@NullMarked
package com.ledgerexplode.vendor;

import org.jspecify.annotations.NullMarked;

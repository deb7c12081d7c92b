/**
 * {@code serve}: getLedgerExplodeInfo over HTTP (Javalin on Jetty) from the ledger store, with its
 * credentials, per-credential rate limits and access log. Used by the command line only.
 */
@NullMarked
package com.ledgerexplode.serve;

import org.jspecify.annotations.NullMarked;

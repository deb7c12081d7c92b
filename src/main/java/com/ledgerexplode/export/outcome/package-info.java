/**
 * What a request row became (exploded, rejected, unreadable) and the output records derived from
 * it, in one place, for every sink. Values are non-null unless marked.
 */
@NullMarked
package com.ledgerexplode.export.outcome;

import org.jspecify.annotations.NullMarked;

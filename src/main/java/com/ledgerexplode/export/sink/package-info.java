/**
 * Where output records go: JSON Lines files with their manifest, or the reporting database. Values
 * are non-null unless marked.
 */
@NullMarked
package com.ledgerexplode.export.sink;

import org.jspecify.annotations.NullMarked;

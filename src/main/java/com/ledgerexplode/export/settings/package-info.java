/**
 * The settings of a run: a job file's keys, checked and typed at the edge. Values are non-null
 * unless marked.
 */
@NullMarked
package com.ledgerexplode.export.settings;

import org.jspecify.annotations.NullMarked;

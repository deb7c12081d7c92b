/**
 * The export job's parts: the requests CSV reader, the chunk exploder and the output sinks (JSON
 * Lines files with their manifest, or the reporting database). Values are non-null unless marked.
 */
@NullMarked
package com.ledgerexplode.export;

import org.jspecify.annotations.NullMarked;

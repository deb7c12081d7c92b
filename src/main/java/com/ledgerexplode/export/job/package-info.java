/**
 * The export job's wiring and its chunk: the writer that explodes a chunk and hands its records to
 * the sink, the manifest step, and the runner that launches it. Values are non-null unless marked.
 */
@NullMarked
package com.ledgerexplode.export.job;

import org.jspecify.annotations.NullMarked;

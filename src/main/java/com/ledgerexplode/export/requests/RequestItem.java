package com.ledgerexplode.export.requests;

/** One record of the requests CSV: a row, or a record that could not be read as one. */
public sealed interface RequestItem permits RequestRow, UnreadableRecord {
  /** The line on which the record starts (the header is line 1). */
  long line();
}

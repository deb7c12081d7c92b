package com.ledgerexplode.export.requests;

/**
 * A record of the requests CSV that is not a row: broken quoting, or more cells than the header.
 * {@code text} is the record as it stands in the file, without its final line break.
 */
public record UnreadableRecord(long line, String text, String message) implements RequestItem {}

package com.ledgerexplode.generate;

/**
 * What one generation wrote: counts (request rows, and apart from them the records that cannot be
 * read as rows), and the sizes of the two files in bytes.
 */
public record GenerationSummary(
    long customers,
    long events,
    long requestRows,
    long unreadableRecords,
    long ledgerBytes,
    long requestsBytes) {}

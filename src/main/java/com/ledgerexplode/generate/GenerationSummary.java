package com.ledgerexplode.generate;

/** What one generation wrote: counts, and the sizes of the two files in bytes. */
public record GenerationSummary(
    long customers, long events, long requestRows, long ledgerBytes, long requestsBytes) {}

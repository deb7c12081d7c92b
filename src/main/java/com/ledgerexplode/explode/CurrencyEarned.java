package com.ledgerexplode.explode;

import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.PointsEntry;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an event earned in one alternate currency, shaped as its points are: {@code earned} by
 * bucket, and, when the breakup is asked, {@code breakup} in the two buckets of {@link
 * ExplodedEvent#pointsEarnedBreakup()}.
 */
public record CurrencyEarned(
    String name,
    @Nullable String identifier,
    Map<Bucket, List<PointsEntry>> earned,
    @Nullable Map<Bucket, List<PointsEntry>> breakup) {}

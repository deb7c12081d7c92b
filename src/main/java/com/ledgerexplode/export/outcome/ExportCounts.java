package com.ledgerexplode.export.outcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What a run has written so far, across its executions: the product's own counters, carried in the
 * export step's context. {@code rowsRead() = rowsExploded + rowsRejected + rowsUnreadable}; {@code
 * eventsWritten} is the export's line count; {@code warnings} the warning lines.
 */
public record ExportCounts(
    long rowsExploded, long rowsRejected, long rowsUnreadable, long eventsWritten, long warnings) {

  public static final ExportCounts ZERO = new ExportCounts(0, 0, 0, 0, 0);

  /** Every record of the requests CSV read so far is one of the three outcomes. */
  public long rowsRead() {
    return rowsExploded + rowsRejected + rowsUnreadable;
  }

  /** These counts with the outcomes of one more chunk. */
  public ExportCounts plus(List<RowOutcome> outcomes) {
    long exploded = rowsExploded;
    long rejected = rowsRejected;
    long unreadable = rowsUnreadable;
    long events = eventsWritten;
    long warned = warnings;
    for (RowOutcome outcome : outcomes) {
      if (outcome instanceof RowOutcome.Exploded e) {
        exploded++;
        events += e.events().size();
        warned += e.warnings().size();
      } else if (outcome instanceof RowOutcome.Answered a) {
        exploded++;
        events += a.events().size();
        warned += a.warnings().size();
      } else if (outcome instanceof RowOutcome.Rejected) {
        rejected++;
      } else {
        unreadable++;
      }
    }
    return new ExportCounts(exploded, rejected, unreadable, events, warned);
  }

  /** The sum of these counts and another's: a partitioned run's are its partitions' sum. */
  public ExportCounts plus(ExportCounts other) {
    return new ExportCounts(
        rowsExploded + other.rowsExploded,
        rowsRejected + other.rowsRejected,
        rowsUnreadable + other.rowsUnreadable,
        eventsWritten + other.eventsWritten,
        warnings + other.warnings);
  }

  /** The counts as named values, for a context or a manifest: {@code rowsRead} first. */
  public Map<String, Long> asMap() {
    Map<String, Long> map = new LinkedHashMap<>();
    map.put("rowsRead", rowsRead());
    map.put("rowsExploded", rowsExploded);
    map.put("rowsRejected", rowsRejected);
    map.put("rowsUnreadable", rowsUnreadable);
    map.put("eventsWritten", eventsWritten);
    map.put("warnings", warnings);
    return map;
  }

  /** The counts {@link #asMap} gave, zero where a name is missing ({@code rowsRead} is derived). */
  public static ExportCounts fromMap(ToLongFunction<String> valueOf) {
    return new ExportCounts(
        valueOf.applyAsLong("rowsExploded"),
        valueOf.applyAsLong("rowsRejected"),
        valueOf.applyAsLong("rowsUnreadable"),
        valueOf.applyAsLong("eventsWritten"),
        valueOf.applyAsLong("warnings"));
  }
}

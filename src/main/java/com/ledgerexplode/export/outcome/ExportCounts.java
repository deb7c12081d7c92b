package com.ledgerexplode.export.outcome;

import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a run has written so far. {@code rowsRead = rowsExploded + rowsRejected + rowsUnreadable};
 * {@code eventsWritten} is the export's line count; {@code warnings} the warning lines.
 */
public record ExportCounts(
    long rowsRead,
    long rowsExploded,
    long rowsRejected,
    long rowsUnreadable,
    long eventsWritten,
    long warnings) {

  public static final ExportCounts ZERO = new ExportCounts(0, 0, 0, 0, 0, 0);

  /** These counts with the outcomes of one more chunk. */
  public ExportCounts plus(List<RowOutcome> outcomes) {
    long exploded = 0;
    long rejected = 0;
    long unreadable = 0;
    long events = 0;
    long warned = 0;
    for (RowOutcome outcome : outcomes) {
      if (outcome.isUnreadable()) {
        unreadable++;
      } else if (outcome.isRejected()) {
        rejected++;
      } else {
        exploded++;
      }
      events += outcome.events().size();
      warned += outcome.warnings().size();
    }
    return new ExportCounts(
        rowsRead + outcomes.size(),
        rowsExploded + exploded,
        rowsRejected + rejected,
        rowsUnreadable + unreadable,
        eventsWritten + events,
        warnings + warned);
  }

  /** Saves these counts under keys {@code prefix + ".rowsRead"} and so on. */
  public void saveTo(ExecutionContext context, String prefix) {
    context.putLong(prefix + ".rowsRead", rowsRead);
    context.putLong(prefix + ".rowsExploded", rowsExploded);
    context.putLong(prefix + ".rowsRejected", rowsRejected);
    context.putLong(prefix + ".rowsUnreadable", rowsUnreadable);
    context.putLong(prefix + ".eventsWritten", eventsWritten);
    context.putLong(prefix + ".warnings", warnings);
  }

  /** The counts {@link #saveTo} saved under {@code prefix}, zero where none. */
  public static ExportCounts loadFrom(ExecutionContext context, String prefix) {
    return new ExportCounts(
        context.getLong(prefix + ".rowsRead", 0),
        context.getLong(prefix + ".rowsExploded", 0),
        context.getLong(prefix + ".rowsRejected", 0),
        context.getLong(prefix + ".rowsUnreadable", 0),
        context.getLong(prefix + ".eventsWritten", 0),
        context.getLong(prefix + ".warnings", 0));
  }
}

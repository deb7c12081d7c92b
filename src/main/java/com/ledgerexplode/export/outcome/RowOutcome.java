package com.ledgerexplode.export.outcome;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.export.requests.UnreadableRecord;
import com.ledgerexplode.ledger.CustomerKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one item of the requests CSV became. Unreadable: no customer, no events, no error. Rejected:
 * the error alone. Exploded: the customer, its events in order, and the warnings (those of
 * selection, then the events' own in event order).
 */
public record RowOutcome(
    RequestItem item,
    @Nullable CustomerKey customer,
    List<ExplodedEvent> events,
    List<ApiWarning> warnings,
    @Nullable ApiError error) {

  public RowOutcome {
    events = List.copyOf(events);
    warnings = List.copyOf(warnings);
  }

  public static RowOutcome unreadable(UnreadableRecord record) {
    return new RowOutcome(record, null, List.of(), List.of(), null);
  }

  public static RowOutcome rejected(RequestRow row, ApiError error) {
    return new RowOutcome(row, null, List.of(), List.of(), error);
  }

  public static RowOutcome exploded(
      RequestRow row, CustomerKey customer, List<ExplodedEvent> events, List<ApiWarning> warnings) {
    return new RowOutcome(row, customer, events, warnings, null);
  }

  public boolean isUnreadable() {
    return item instanceof UnreadableRecord;
  }

  public boolean isRejected() {
    return error != null;
  }

  public boolean isExploded() {
    return customer != null;
  }
}

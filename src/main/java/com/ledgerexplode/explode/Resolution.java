package com.ledgerexplode.explode;

import com.ledgerexplode.ledger.CustomerKey;
import com.ledgerexplode.ledger.EventHeader;
import java.util.List;

/** What became of one request of a chunk before its events are exploded. */
public sealed interface Resolution {
  ApiRequest request();

  /** The request is answered with an error alone. */
  record Rejected(ApiRequest request, ApiError error) implements Resolution {}

  /**
   * The request's customer, and the events it selects in the API's order (all of them, before
   * offset and limit), with the warnings of selection.
   */
  record Resolved(
      ApiRequest request,
      ValidRequest valid,
      CustomerKey customer,
      List<EventHeader> events,
      List<ApiWarning> warnings)
      implements Resolution {

    public Resolved {
      events = List.copyOf(events);
      warnings = List.copyOf(warnings);
    }

    /** The events the request's own offset and limit select. */
    public List<EventHeader> window() {
      int from = Math.min(valid.offset(), events.size());
      Integer limit = valid.limit();
      int to = limit == null ? events.size() : (int) Math.min((long) from + limit, events.size());
      return events.subList(from, to);
    }
  }
}

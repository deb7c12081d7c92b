package com.ledgerexplode.explode;

import com.ledgerexplode.ledger.EventHeader;
import java.util.List;

/** Some events of a resolved request, to explode together with other requests' pages. */
public record EventPage(Resolution.Resolved resolved, List<EventHeader> events) {
  public EventPage {
    events = List.copyOf(events);
  }
}

package com.ledgerexplode.explode;

import java.util.List;

/** How a request selects events; ids and reference ids are distinct and in the order given. */
public sealed interface Selection {
  record ByEventIds(List<Long> eventIds) implements Selection {
    public ByEventIds {
      eventIds = List.copyOf(eventIds);
    }
  }

  record ByReference(String eventName, List<String> referenceIds) implements Selection {
    public ByReference {
      referenceIds = List.copyOf(referenceIds);
    }
  }
}

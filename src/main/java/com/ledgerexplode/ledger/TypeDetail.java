package com.ledgerexplode.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an event's type adds to it, as the ledger gave it: {@code details} (keys of the output's
 * eventDetails) and {@code blocks} (the type's event-level blocks), each in the ledger's key order.
 * Values are JSON as Java: {@link String}, {@link java.math.BigDecimal} (any number, its scale
 * kept), {@link Boolean}, {@link LedgerTime} (the keys of {@link TimeKeys}), {@link java.util.List}
 * and {@link Map} (ordered) of these; never null.
 */
public record TypeDetail(Map<String, Object> details, Map<String, Object> blocks) {
  public static final TypeDetail NONE = new TypeDetail(Map.of(), Map.of());

  public TypeDetail {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    blocks = Collections.unmodifiableMap(new LinkedHashMap<>(blocks));
  }

  public boolean isEmpty() {
    return details.isEmpty() && blocks.isEmpty();
  }
}

package com.ledgerexplode.ledger;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields given for one ledger entry, in the enum's order; a field not given is absent (never
 * null). Values have the Java type of their {@link FieldType}.
 */
public record Fields<F extends Enum<F> & FieldSpec>(Map<F, Object> values) {

  public Fields {
    values = Collections.unmodifiableMap(copy(values));
  }

  private static <F extends Enum<F> & FieldSpec> Map<F, Object> copy(Map<F, Object> values) {
    if (values instanceof EnumMap<F, Object> enumMap) {
      return new EnumMap<>(enumMap);
    }
    if (values.isEmpty()) {
      return Map.of();
    }
    return new EnumMap<>(values);
  }

  public @Nullable Object get(F field) {
    return values.get(field);
  }

  /** These fields without those the predicate names. */
  public Fields<F> without(java.util.function.Predicate<F> drop) {
    for (F field : values.keySet()) {
      if (drop.test(field)) {
        Map<F, Object> kept = new EnumMap<>(values);
        kept.keySet().removeIf(drop);
        return new Fields<>(kept);
      }
    }
    return this;
  }
}

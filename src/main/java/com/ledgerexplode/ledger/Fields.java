package com.ledgerexplode.ledger;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The fields given for one ledger entry, in the enum's order; a field not given is absent (never
 * null). Values have the Java type of their {@link FieldType}.
 */
public record Fields<F extends Enum<F> & FieldSpec>(Map<F, Object> values) {

  public Fields {
    values = Collections.unmodifiableMap(values instanceof Built<F> built ? built : copy(values));
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

  /**
   * Each field given and its value, in the enum's order, as {@code values().forEach} does, without
   * the entry an {@link EnumMap}'s iteration makes for each.
   */
  public void forEach(BiConsumer<? super F, Object> action) {
    for (F field : values.keySet()) {
      Object value = values.get(field);
      if (value != null) {
        action.accept(field, value);
      }
    }
  }

  /** These fields without those the predicate names. */
  public Fields<F> without(Predicate<F> drop) {
    for (F field : values.keySet()) {
      if (drop.test(field)) {
        // put one by one: an EnumMap made from this unmodifiable view would make an entry for each
        Built<F> kept = new Built<>(field.getDeclaringClass());
        forEach(
            (f, value) -> {
              if (!drop.test(f)) {
                kept.put(f, value);
              }
            });
        return new Fields<>(kept);
      }
    }
    return this;
  }

  /**
   * Fields put one by one, kept as they are put rather than copied again when built: what a reader
   * of many entries makes (the store's rows).
   */
  public static final class Builder<F extends Enum<F> & FieldSpec> {
    private final Built<F> values;
    private boolean built;

    public Builder(Class<F> type) {
      values = new Built<>(type);
    }

    public Builder<F> put(F field, Object value) {
      if (built) {
        throw new IllegalStateException("the fields are built");
      }
      values.put(field, value);
      return this;
    }

    /** The fields put; the builder takes no more. */
    public Fields<F> build() {
      built = true;
      return new Fields<>(values);
    }
  }

  /** The map of fields a {@link Builder} or {@link #without} made, which nothing else holds. */
  private static final class Built<F extends Enum<F>> extends EnumMap<F, Object> {
    private static final long serialVersionUID = 1L;

    Built(Class<F> type) {
      super(type);
    }
  }
}

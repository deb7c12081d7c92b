package com.ledgerexplode.json.snapshot;

import com.ledgerexplode.json.JsonValues;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.TimeKeys;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verbatim objects of an event's type ({@code details}, {@code blocks}) as snapshot JSON: read
 * strictly (no null, times as ISO-8601, never a time's ISO twin, the vendor's string-typed amounts
 * as strings) and written back, times in ISO-8601 with the fraction's digits as read. The store
 * keeps them in this form too.
 */
public final class TypeDetailJson {
  private TypeDetailJson() {}

  /** Amounts the vendor writes as strings: a number here would come out as a number. */
  static final Set<String> STRING_TYPED =
      Set.of(
          "pointsRedeemed",
          "targetValue",
          "achievedValue",
          "triggerValue",
          "totalPointsDeducted",
          "pointsDeductedStr");

  /** Rows (array elements) whose points and program the vendor writes as strings too. */
  static final Set<String> STRING_TYPED_ROWS = Set.of("pointsBreakup", "pointsTransferDetails");

  private static final Set<String> STRING_TYPED_IN_ROWS =
      Stream.concat(STRING_TYPED.stream(), Stream.of("points", "programId"))
          .collect(Collectors.toUnmodifiableSet());

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /** An object of the snapshot, checked; {@code path} names it in a reason ({@code blocks}). */
  static Map<String, Object> read(JsonNode object, String path) throws SnapshotReader.Invalid {
    return read(object, path, true);
  }

  /**
   * @param snapshot whether the object comes from a snapshot, whose times may be no finer than
   *     microseconds (what the ledger keeps); text the store kept is read as it was written
   */
  private static Map<String, Object> read(JsonNode object, String path, boolean snapshot)
      throws SnapshotReader.Invalid {
    if (!object.isObject()) {
      throw new SnapshotReader.Invalid(path + ": not an object: " + object);
    }
    return object(object, path, STRING_TYPED, snapshot);
  }

  private static Map<String, Object> object(
      JsonNode node, String path, Set<String> stringTyped, boolean snapshot)
      throws SnapshotReader.Invalid {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      String at = path + "." + key;
      if (TimeKeys.isTwin(key)) {
        throw new SnapshotReader.Invalid(
            at + ": the export writes a time's ISO twin; give " + twinOf(key) + " alone");
      }
      values.put(key, value(field.getValue(), at, key, stringTyped, snapshot));
    }
    return values;
  }

  private static String twinOf(String key) {
    return key.substring(0, key.length() - 3);
  }

  private static Object value(
      JsonNode node, String path, @Nullable String key, Set<String> stringTyped, boolean snapshot)
      throws SnapshotReader.Invalid {
    if (node.isNull()) {
      throw new SnapshotReader.Invalid(path + ": is null (leave an absent value out)");
    }
    if (key != null && stringTyped.contains(key) && !node.isString()) {
      throw new SnapshotReader.Invalid(path + ": the vendor writes it as a string: " + node);
    }
    if (key != null && TimeKeys.isTime(key)) {
      if (!node.isString()) {
        throw new SnapshotReader.Invalid(path + ": not an ISO-8601 time: " + node);
      }
      return time(node.stringValue(), path, snapshot);
    }
    if (node.isObject()) {
      return object(node, path, STRING_TYPED, snapshot);
    }
    if (node.isArray()) {
      Set<String> inElements =
          key != null && STRING_TYPED_ROWS.contains(key) ? STRING_TYPED_IN_ROWS : STRING_TYPED;
      List<Object> elements = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        String at = path + "[" + i + "]";
        elements.add(
            element.isObject()
                ? object(element, at, inElements, snapshot)
                : value(element, at, null, inElements, snapshot));
      }
      return elements;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return new BigDecimal(node.bigIntegerValue());
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    throw new SnapshotReader.Invalid(path + ": not a JSON value: " + node);
  }

  /** ISO-8601 with an offset, its fraction's digits kept, or a date alone (its midnight, UTC). */
  private static LedgerTime time(String text, String path, boolean snapshot)
      throws SnapshotReader.Invalid {
    LedgerTime time;
    try {
      time =
          text.length() == 10 ? LedgerTime.midnight(LocalDate.parse(text)) : LedgerTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new SnapshotReader.Invalid(path + ": not an ISO-8601 time: '" + text + "'");
    }
    return snapshot ? SnapshotReader.noFinerThanMicroseconds(time, path, text) : time;
  }

  /** Writes a value as the snapshot holds it: times in ISO-8601. */
  public static void write(JsonGenerator g, Object value) {
    if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        g.writeName((String) entry.getKey());
        write(g, entry.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object element : list) {
        write(g, element);
      }
      g.writeEndArray();
    } else if (value instanceof LedgerTime time) {
      g.writeString(time.iso());
    } else if (value instanceof BigDecimal decimal) {
      JsonValues.writeDecimal(g, decimal);
    } else if (value instanceof Boolean bool) {
      g.writeBoolean(bool);
    } else {
      g.writeString((String) value);
    }
  }

  /** An object as text, for the store; null when there is nothing to keep. */
  public static @Nullable String toText(Map<String, Object> object) {
    if (object.isEmpty()) {
      return null;
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonValues.generator(out, false)) {
      write(g, object);
    }
    return out.toString();
  }

  /**
   * An object from the text {@link #toText} wrote (empty for null).
   *
   * @throws IllegalStateException when the text is not such an object (the store was altered)
   */
  public static Map<String, Object> fromText(@Nullable String text) {
    if (text == null) {
      return Map.of();
    }
    try {
      return read(MAPPER.readTree(text), "stored", false);
    } catch (SnapshotReader.Invalid | JacksonException e) {
      throw new IllegalStateException(
          "A stored event detail is not readable: " + e.getMessage(), e);
    }
  }
}

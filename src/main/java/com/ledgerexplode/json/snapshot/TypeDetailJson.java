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
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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
    if (!object.isObject()) {
      throw new SnapshotReader.Invalid(path + ": not an object: " + object);
    }
    try (JsonParser p = MAPPER.treeAsTokens(object)) {
      p.nextToken();
      return object(p, path, STRING_TYPED, true);
    }
  }

  /**
   * The object at the parser's {@code START_OBJECT}, read to its {@code END_OBJECT}.
   *
   * @param snapshot whether the object comes from a snapshot, whose times may be no finer than
   *     microseconds (what the ledger keeps); text the store kept is read as it was written
   */
  private static Map<String, Object> object(
      JsonParser p, String path, Set<String> stringTyped, boolean snapshot)
      throws SnapshotReader.Invalid {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key = p.nextName(); key != null; key = p.nextName()) {
      if (TimeKeys.isTwin(key)) {
        throw new SnapshotReader.Invalid(
            path
                + "."
                + key
                + ": the export writes a time's ISO twin; give "
                + twinOf(key)
                + " alone");
      }
      p.nextToken();
      values.put(key, value(p, path, key, -1, stringTyped, snapshot));
    }
    return values;
  }

  private static String twinOf(String key) {
    return key.substring(0, key.length() - 3);
  }

  /**
   * The value at the parser's current token, a property {@code key} of the object at {@code path},
   * or (key null) the element {@code index} of the array at {@code path}.
   */
  private static Object value(
      JsonParser p,
      String path,
      @Nullable String key,
      int index,
      Set<String> stringTyped,
      boolean snapshot)
      throws SnapshotReader.Invalid {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      throw new SnapshotReader.Invalid(
          at(path, key, index) + ": is null (leave an absent value out)");
    }
    if (key != null && stringTyped.contains(key) && token != JsonToken.VALUE_STRING) {
      throw new SnapshotReader.Invalid(
          at(path, key, index) + ": the vendor writes it as a string: " + p.readValueAsTree());
    }
    if (key != null && TimeKeys.isTime(key)) {
      if (token != JsonToken.VALUE_STRING) {
        throw new SnapshotReader.Invalid(
            at(path, key, index) + ": not an ISO-8601 time: " + p.readValueAsTree());
      }
      return time(p.getString(), path, key, snapshot);
    }
    return switch (token) {
      case START_OBJECT -> object(p, at(path, key, index), STRING_TYPED, snapshot);
      case START_ARRAY ->
          array(
              p,
              at(path, key, index),
              key != null && STRING_TYPED_ROWS.contains(key) ? STRING_TYPED_IN_ROWS : STRING_TYPED,
              snapshot);
      case VALUE_STRING -> p.getString();
      case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
      case VALUE_NUMBER_INT ->
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? new BigDecimal(p.getBigIntegerValue())
              : BigDecimal.valueOf(p.getLongValue());
      case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
      default ->
          throw new SnapshotReader.Invalid(
              at(path, key, index) + ": not a JSON value: " + p.readValueAsTree());
    };
  }

  /** The array at the parser's {@code START_ARRAY}, read to its {@code END_ARRAY}. */
  private static List<Object> array(
      JsonParser p, String path, Set<String> stringTyped, boolean snapshot)
      throws SnapshotReader.Invalid {
    List<Object> elements = new ArrayList<>();
    for (JsonToken element = p.nextToken();
        element != JsonToken.END_ARRAY;
        element = p.nextToken()) {
      int i = elements.size();
      elements.add(
          element == JsonToken.START_OBJECT
              ? object(p, path + "[" + i + "]", stringTyped, snapshot)
              : value(p, path, null, i, stringTyped, snapshot));
    }
    return elements;
  }

  /** The path of a property ({@code key}) or an array's element ({@code index}). */
  private static String at(String path, @Nullable String key, int index) {
    return key != null ? path + "." + key : path + "[" + index + "]";
  }

  /** ISO-8601 with an offset, its fraction's digits kept, or a date alone (its midnight, UTC). */
  private static LedgerTime time(String text, String path, String key, boolean snapshot)
      throws SnapshotReader.Invalid {
    LedgerTime time;
    try {
      time =
          text.length() == 10 ? LedgerTime.midnight(LocalDate.parse(text)) : LedgerTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new SnapshotReader.Invalid(path + "." + key + ": not an ISO-8601 time: '" + text + "'");
    }
    return snapshot ? SnapshotReader.noFinerThanMicroseconds(time, path + "." + key, text) : time;
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
    try (JsonParser p = MAPPER.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new SnapshotReader.Invalid("stored: not an object: " + text);
      }
      Map<String, Object> object = object(p, "stored", STRING_TYPED, false);
      if (p.nextToken() != null) {
        throw new SnapshotReader.Invalid("stored: more than one object: " + text);
      }
      return object;
    } catch (SnapshotReader.Invalid | JacksonException e) {
      throw new IllegalStateException(
          "A stored event detail is not readable: " + e.getMessage(), e);
    }
  }
}

package com.ledgerexplode.export.outcome;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON the export's files and tables share: compact, UTF-8, written with Jackson's generator.
 */
public final class ExportJson {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * As {@link #JSON}, with nothing written between values: lines end with what their writer says.
   */
  private static final JsonFactory LINES =
      JsonFactory.builder().rootValueSeparator((String) null).build();

  private ExportJson() {}

  /** Writes one value to {@code out}. */
  public static void write(ByteArrayOutputStream out, Consumer<JsonGenerator> value) {
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      value.accept(g);
    }
  }

  /**
   * A generator of values one after another on {@code out}, with nothing between them (the caller
   * writes each line's end, {@code writeRaw('\n')}), each written as {@link #write} writes it: one
   * generator for many lines, rather than one for each.
   */
  public static JsonGenerator linesGenerator(OutputStream out) {
    return LINES.createGenerator(ObjectWriteContext.empty(), out);
  }

  /** One JSON value, as text. */
  public static String text(Consumer<JsonGenerator> value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Writes the fields of the JSON object {@code objectText} into the object {@code g} is in, as
   * they are: in their order, numbers with their own digits ({@code 12.50} stays {@code 12.50}).
   */
  public static void copyFields(JsonGenerator g, String objectText) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), objectText)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      int depth = 1;
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        switch (token) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          default -> {}
        }
        if (depth == 0) {
          return;
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
          g.writeNumber(p.getString());
        } else {
          g.copyCurrentEvent(p);
        }
      }
      throw new IllegalArgumentException("a JSON object cut short");
    }
  }

  /**
   * The JSON object {@code objectText} as a tree of maps (in its key order), lists, strings,
   * booleans and exact decimals read from the number's own digits ({@code 12.50} stays {@code
   * 12.50}); a null is kept as null.
   *
   * @throws IllegalArgumentException when the text is not one JSON object
   */
  public static Map<String, @Nullable Object> tree(String objectText) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), objectText)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return object(p);
    }
  }

  private static Map<String, @Nullable Object> object(JsonParser p) {
    Map<String, @Nullable Object> object = new LinkedHashMap<>();
    for (String name = p.nextName(); name != null; name = p.nextName()) {
      object.put(name, value(p, p.nextToken()));
    }
    return object;
  }

  private static @Nullable Object value(JsonParser p, @Nullable JsonToken token) {
    if (token == null) {
      throw new IllegalArgumentException("a JSON object cut short");
    }
    return switch (token) {
      case START_OBJECT -> object(p);
      case START_ARRAY -> {
        List<@Nullable Object> array = new ArrayList<>();
        for (JsonToken element = p.nextToken();
            element != JsonToken.END_ARRAY;
            element = p.nextToken()) {
          array.add(value(p, element));
        }
        yield array;
      }
      case VALUE_STRING -> p.getString();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new BigDecimal(p.getString());
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw new IllegalArgumentException("not a JSON value: " + token);
    };
  }

  /** One JSON object holding what {@code fields} writes, as text. */
  public static String object(Consumer<JsonGenerator> fields) {
    return text(
        g -> {
          g.writeStartObject();
          fields.accept(g);
          g.writeEndObject();
        });
  }
}

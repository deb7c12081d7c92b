package com.ledgerexplode.export.outcome;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
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

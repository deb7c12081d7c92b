package com.ledgerexplode.export.outcome;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON the export's files and tables share: compact, UTF-8, written with Jackson's generator.
 */
public final class ExportJson {
  private static final JsonFactory JSON = new JsonFactory();

  private ExportJson() {}

  /** Writes one value to {@code out}. */
  public static void write(ByteArrayOutputStream out, Consumer<JsonGenerator> value) {
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      value.accept(g);
    }
  }

  /** One JSON value, as text. */
  public static String text(Consumer<JsonGenerator> value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toString(StandardCharsets.UTF_8);
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

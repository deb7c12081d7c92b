package com.ledgerexplode.json;

import com.ledgerexplode.ledger.FieldSpec;
import com.ledgerexplode.ledger.FieldType;
import com.ledgerexplode.ledger.Fields;
import com.ledgerexplode.ledger.LedgerTime;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** How ledger values are written in JSON: shared by the snapshot writer and the API's objects. */
public final class JsonValues {
  private JsonValues() {}

  /**
   * The mapper, built when a generator is first asked for: what only formats values (a run's
   * manifest) does not load Jackson's databind, some 350 classes.
   */
  private static final class Mapper {
    static final JsonMapper MAPPER =
        JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  }

  /** A generator on {@code out} that leaves it open when closed (callers own their streams). */
  public static JsonGenerator generator(Writer out, boolean pretty) {
    ObjectWriter writer = Mapper.MAPPER.writer();
    return (pretty ? writer.withDefaultPrettyPrinter() : writer).createGenerator(out);
  }

  /** Writes each field given, in the enum's order, as {@code "name": value}. */
  public static <F extends Enum<F> & FieldSpec> void writeFields(
      JsonGenerator g, Fields<F> fields) {
    fields
        .values()
        .forEach((field, value) -> writeProperty(g, field.jsonName(), field.type(), value));
  }

  public static void writeProperty(JsonGenerator g, String name, FieldType type, Object value) {
    g.writeName(name);
    writeValue(g, type, value);
  }

  public static void writeValue(JsonGenerator g, FieldType type, Object value) {
    switch (type) {
      case DECIMAL -> writeDecimal(g, (BigDecimal) value);
      case INTEGER -> g.writeNumber((Long) value);
      case TEXT -> g.writeString((String) value);
      case DATE -> g.writeString(date((LocalDate) value));
      case TIMESTAMP -> g.writeString(((LedgerTime) value).iso());
    }
  }

  /** An exact decimal as a JSON number, in plain notation, with the scale the ledger gave it. */
  public static void writeDecimal(JsonGenerator g, BigDecimal value) {
    g.writeNumber(value.toPlainString());
  }

  public static String date(LocalDate date) {
    return date.toString();
  }

  /** ISO-8601 in UTC, e.g. {@code 2024-08-20T11:29:02Z}: a moment of the run, not the ledger's. */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}

package com.ledgerexplode.json.api;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiResponse;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.CurrencyEarned;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.json.JsonValues;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventType;
import com.ledgerexplode.ledger.EventType.PointsPlace;
import com.ledgerexplode.ledger.FieldSpec;
import com.ledgerexplode.ledger.Fields;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.LineItem;
import com.ledgerexplode.ledger.NameValue;
import com.ledgerexplode.ledger.PaymentMode;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import com.ledgerexplode.ledger.TimeKeys;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the API's v2.1 JSON: event objects in the vendor's shapes and key order (PRODUCT.md,
 * "Explode semantics"), and the response envelope. A section the event does not carry is absent,
 * never null; where an event type's points sit is {@link EventType#pointsPlace()}.
 */
public final class EventJson {
  private EventJson() {}

  /**
   * The API's envelope as text, followed by a newline: what {@code explode} prints and the server
   * answers, byte for byte.
   */
  public static String responseText(ApiResponse response, boolean pretty) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JsonValues.generator(text, pretty)) {
      writeResponse(g, response);
    }
    return text.append('\n').toString();
  }

  /** The API's envelope: {@code {"events":[...],"warnings":[...]}}, or the error alone. */
  public static void writeResponse(JsonGenerator g, ApiResponse response) {
    g.writeStartObject();
    ApiError error = response.error();
    if (error != null) {
      g.writeName("warnings");
      g.writeStartArray();
      g.writeEndArray();
      g.writeName("errors");
      g.writeStartArray();
      writeStatus(g, error.code(), error.message());
      g.writeEndArray();
    } else {
      g.writeName("events");
      g.writeStartArray();
      for (ExplodedEvent event : response.events()) {
        g.writeStartObject();
        writeEventFields(g, event);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeName("warnings");
      g.writeStartArray();
      for (ApiWarning warning : response.warnings()) {
        writeStatus(g, warning.code(), warning.message());
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeStatus(JsonGenerator g, int code, String message) {
    g.writeStartObject();
    g.writeBooleanProperty("status", false);
    g.writeNumberProperty("code", code);
    g.writeStringProperty("message", message);
    g.writeEndObject();
  }

  /** The fields of one event object, without its braces, so that callers can add their own. */
  public static void writeEventFields(JsonGenerator g, ExplodedEvent event) {
    EventHeader header = event.header();
    PointsPlace place = EventType.pointsPlaceOf(header.eventName());
    g.writeNumberProperty("eventLogId", header.eventLogId());
    optionalString(g, "eventName", header.eventName());
    Map<String, Object> details = header.typeDetail().details();
    g.writeName("eventDetails");
    g.writeStartObject();
    // the vendor writes a type's display name first, its other details after the till
    if (details.containsKey(DISPLAY_NAME)) {
      writeTree(g, DISPLAY_NAME, details.get(DISPLAY_NAME));
    }
    if (header.eventTime() != null) {
      writeTime(g, "eventTime", header.eventTime());
    }
    if (header.tillId() != null) {
      g.writeNumberProperty("tillId", header.tillId());
    }
    for (Map.Entry<String, Object> detail : details.entrySet()) {
      if (!detail.getKey().equals(DISPLAY_NAME)) {
        writeTree(g, detail.getKey(), detail.getValue());
      }
    }
    if (event.maxConversionDate() != null) {
      writeTime(g, "maxConversionDate", LedgerTime.midnight(event.maxConversionDate()));
    }
    g.writeEndObject();
    if (event.billDetails() != null) {
      writeBill(g, event.billDetails(), event);
    } else if (place == PointsPlace.EVENT) {
      writeEarned(g, event, ALL_BUCKETS);
    }
    if (event.customFields() != null) {
      writeNameValues(g, "customFields", event.customFields());
    }
    if (event.extendedFields() != null) {
      writeNameValues(g, "extendedFields", event.extendedFields());
    }
    if (event.paymentModes() != null) {
      g.writeName("paymentModes");
      g.writeStartArray();
      for (PaymentMode mode : event.paymentModes()) {
        g.writeString(mode.mode());
      }
      g.writeEndArray();
    }
    Map<String, Object> blocks = header.typeDetail().blocks();
    for (Map.Entry<String, Object> block : blocks.entrySet()) {
      if (!EventType.AFTER_UNIQUE_ID.contains(block.getKey())
          && !block.getKey().equals(TARGET_COMPLETED_DETAILS)) {
        writeTree(g, block.getKey(), block.getValue());
      }
    }
    if (place == PointsPlace.TARGET_COMPLETED_DETAILS) {
      writeTargetCompletedDetails(g, event, blocks.get(TARGET_COMPLETED_DETAILS));
    }
    optionalString(g, "eventReferenceId", header.eventReferenceId());
    optionalString(g, "uniqueId", header.uniqueId());
    for (Map.Entry<String, Object> block : blocks.entrySet()) {
      if (EventType.AFTER_UNIQUE_ID.contains(block.getKey())) {
        writeTree(g, block.getKey(), block.getValue());
      }
    }
    g.writeNumberProperty("orgId", header.orgId());
  }

  private static final String DISPLAY_NAME = "eventDisplayName";
  private static final String TARGET_COMPLETED_DETAILS = "targetCompletedDetails";
  private static final String SOURCE_TYPE = "sourceType";

  /**
   * The target's block with the engine's points inserted after its sourceType (at its end when it
   * has none), so that a milestone's mileStoneName follows them as the vendor writes it.
   */
  private static void writeTargetCompletedDetails(
      JsonGenerator g, ExplodedEvent event, @Nullable Object block) {
    g.writeName(TARGET_COMPLETED_DETAILS);
    g.writeStartObject();
    boolean written = false;
    if (block instanceof Map<?, ?> target) {
      for (Map.Entry<?, ?> entry : target.entrySet()) {
        writeTree(g, (String) entry.getKey(), entry.getValue());
        if (entry.getKey().equals(SOURCE_TYPE)) {
          writeEarned(g, event, TARGET_BUCKETS);
          written = true;
        }
      }
    }
    if (!written) {
      writeEarned(g, event, TARGET_BUCKETS);
    }
    g.writeEndObject();
  }

  /** A value of the ledger's type detail, verbatim but for its times (legacy, with twins). */
  private static void writeTree(JsonGenerator g, String name, @Nullable Object value) {
    if (value instanceof LedgerTime time) {
      writeTime(g, name, time);
      return;
    }
    g.writeName(name);
    writeTreeValue(g, value);
  }

  private static void writeTreeValue(JsonGenerator g, @Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writeTree(g, (String) entry.getKey(), entry.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object element : list) {
        writeTreeValue(g, element);
      }
      g.writeEndArray();
    } else if (value instanceof BigDecimal decimal) {
      JsonValues.writeDecimal(g, decimal);
    } else if (value instanceof Boolean bool) {
      g.writeBoolean(bool);
    } else if (value instanceof LedgerTime time) {
      g.writeString(time.legacy());
    } else {
      g.writeString(String.valueOf(value));
    }
  }

  private static final List<Bucket> ALL_BUCKETS = List.of(Bucket.values());

  /** A target's points: it earns no regular points. */
  private static final List<Bucket> TARGET_BUCKETS = List.of(Bucket.PROMO, Bucket.PROMISED);

  /** The name of each time of {@link TimeKeys#TWINNED}'s ISO-8601 twin, made once. */
  private static final Map<String, String> TWIN_NAMES =
      TimeKeys.TWINNED.stream().collect(Collectors.toUnmodifiableMap(name -> name, TimeKeys::twin));

  /**
   * A time in the vendor's legacy form, followed for the keys of {@link TimeKeys#TWINNED} by its
   * ISO-8601 twin ({@code eventTimeISO}).
   */
  private static void writeTime(JsonGenerator g, String name, LedgerTime time) {
    g.writeStringProperty(name, time.legacy());
    String twin = TWIN_NAMES.get(name);
    if (twin != null) {
      g.writeStringProperty(twin, time.iso());
    }
  }

  /** One field as the vendor types it: times in their legacy form (with their twin). */
  private static void writeField(JsonGenerator g, FieldSpec field, @Nullable Object value) {
    if (value == null) {
      return;
    }
    switch (field.type()) {
      case DATE -> writeTime(g, field.jsonName(), LedgerTime.midnight((LocalDate) value));
      case TIMESTAMP -> writeTime(g, field.jsonName(), (LedgerTime) value);
      default -> JsonValues.writeProperty(g, field.jsonName(), field.type(), value);
    }
  }

  private static void writeFields(
      JsonGenerator g, Fields<PointsField> fields, List<PointsField> order) {
    for (PointsField field : order) {
      writeField(g, field, fields.get(field));
    }
  }

  /** pointsEarned, then the sections that go with it: its breakup and the alternate currencies. */
  private static void writeEarned(JsonGenerator g, ExplodedEvent event, List<Bucket> buckets) {
    writeBuckets(g, "pointsEarned", event.pointsEarned(), buckets);
    if (event.pointsEarnedBreakup() != null) {
      writeBreakup(g, "pointsEarnedBreakup", event.pointsEarnedBreakup());
    }
    List<CurrencyEarned> currencies = event.alternateCurrencyValueEarned();
    if (currencies == null) {
      return;
    }
    g.writeName("alternateCurrencyValueEarned");
    g.writeStartArray();
    for (CurrencyEarned currency : currencies) {
      g.writeStartObject();
      writeBucketArrays(g, currency.earned(), buckets);
      writeCurrencyName(g, currency);
      g.writeEndObject();
    }
    g.writeEndArray();
    if (event.pointsEarnedBreakup() != null) {
      g.writeName("alternateCurrencyValueEarnedBreakup");
      g.writeStartArray();
      for (CurrencyEarned currency : currencies) {
        g.writeStartObject();
        writeBreakupArrays(g, currency.breakup() == null ? Map.of() : currency.breakup());
        writeCurrencyName(g, currency);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  private static void writeCurrencyName(JsonGenerator g, CurrencyEarned currency) {
    g.writeStringProperty("alternateCurrencyName", currency.name());
    optionalString(g, "alternateCurrencyIdentifier", currency.identifier());
  }

  private static void writeBuckets(
      JsonGenerator g, String name, Map<Bucket, List<PointsEntry>> entries, List<Bucket> buckets) {
    g.writeName(name);
    g.writeStartObject();
    writeBucketArrays(g, entries, buckets);
    g.writeEndObject();
  }

  private static void writeBucketArrays(
      JsonGenerator g, Map<Bucket, List<PointsEntry>> entries, List<Bucket> buckets) {
    for (Bucket bucket : buckets) {
      g.writeName(bucket.jsonName());
      g.writeStartArray();
      for (PointsEntry entry : entries.getOrDefault(bucket, List.of())) {
        g.writeStartObject();
        writeFields(g, entry.fields(), EARNED_ORDER.getOrDefault(bucket, List.of()));
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  /** The vendor's fields of a pointsEarned entry, in its order, per bucket. */
  private static final Map<Bucket, List<PointsField>> EARNED_ORDER =
      Map.of(
          Bucket.REGULAR,
          List.of(
              PointsField.VALUE,
              PointsField.EXPIRES_ON,
              PointsField.PROGRAM_ID,
              PointsField.PROGRAM_NAME,
              PointsField.EXPIRY_TYPE,
              PointsField.RETURN_POINTS),
          Bucket.PROMO,
          List.of(
              PointsField.PROMOTION_ID,
              PointsField.PROMOTION_NAME,
              PointsField.PROGRAM_ID,
              PointsField.PROGRAM_NAME,
              PointsField.VALUE,
              PointsField.EXPIRES_ON,
              PointsField.EXPIRY_TYPE,
              PointsField.PROMOTION_START_DATE,
              PointsField.PROMOTION_END_DATE,
              PointsField.RETURNED_POINTS),
          Bucket.PROMISED,
          List.of(
              PointsField.VALUE,
              PointsField.CONVERSION_DATE,
              PointsField.PROGRAM_ID,
              PointsField.PROGRAM_NAME));

  /** A breakup row's fields after its value (and, for promised rows, its conversion date). */
  private static final List<PointsField> BREAKUP_AWARD =
      List.of(
          PointsField.AWARDED_ON,
          PointsField.SOURCE_VALUE,
          PointsField.PROGRAM_ID,
          PointsField.PROGRAM_NAME,
          PointsField.ALLOCATION_STRATEGY_ID,
          PointsField.ALLOCATION_STRATEGY_NAME,
          PointsField.POINTS_CATEGORY_ID,
          PointsField.POINTS_CATEGORY_NAME,
          PointsField.EXPIRY_STRATEGY_ID,
          PointsField.EXPIRY_STRATEGY_NAME);

  private static void writeBreakup(
      JsonGenerator g, String name, Map<Bucket, List<PointsEntry>> breakup) {
    g.writeName(name);
    g.writeStartObject();
    writeBreakupArrays(g, breakup);
    g.writeEndObject();
  }

  private static void writeBreakupArrays(JsonGenerator g, Map<Bucket, List<PointsEntry>> breakup) {
    g.writeName("regular");
    g.writeStartArray();
    for (PointsEntry entry : breakup.getOrDefault(Bucket.REGULAR, List.of())) {
      writeRegularBreakupRow(g, entry);
    }
    g.writeEndArray();
    g.writeName("promised");
    g.writeStartArray();
    for (PointsEntry entry : breakup.getOrDefault(Bucket.PROMISED, List.of())) {
      Fields<PointsField> f = entry.fields();
      g.writeStartObject();
      writeFields(g, f, List.of(PointsField.VALUE, PointsField.CONVERSION_DATE));
      writeFields(g, f, BREAKUP_AWARD);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** A regular or promotional entry as a regular breakup row: a promotion's own in its details. */
  private static void writeRegularBreakupRow(JsonGenerator g, PointsEntry entry) {
    Fields<PointsField> f = entry.fields();
    g.writeStartObject();
    writeFields(g, f, List.of(PointsField.VALUE, PointsField.EXPIRES_ON));
    writeFields(g, f, BREAKUP_AWARD);
    writeFields(g, f, List.of(PointsField.EXPIRY_TYPE));
    boolean promo = entry.bucket() == Bucket.PROMO;
    if (promo
        && (f.get(PointsField.PROMOTION_ID) != null || f.get(PointsField.PROMOTION_NAME) != null)) {
      g.writeName("promotionDetails");
      g.writeStartObject();
      writeFields(g, f, List.of(PointsField.PROMOTION_ID, PointsField.PROMOTION_NAME));
      g.writeEndObject();
    }
    Object returned = f.get(promo ? PointsField.RETURNED_POINTS : PointsField.RETURN_POINTS);
    if (returned != null) {
      g.writeName("returnPoints");
      JsonValues.writeDecimal(g, (BigDecimal) returned);
    }
    g.writeEndObject();
  }

  private static void writeBill(JsonGenerator g, Bill bill, ExplodedEvent event) {
    g.writeName("billDetails");
    g.writeStartObject();
    bill.fields().forEach((field, value) -> writeField(g, field, value));
    writeEarned(g, event, ALL_BUCKETS);
    g.writeName("lineItems");
    g.writeStartArray();
    for (LineItem item : bill.lineItems()) {
      g.writeStartObject();
      item.fields().forEach((field, value) -> writeField(g, field, value));
      if (!item.points().isEmpty()) {
        Map<Bucket, List<PointsEntry>> earned = new EnumMap<>(Bucket.class);
        for (PointsEntry entry : item.points()) {
          earned.computeIfAbsent(entry.bucket(), b -> new ArrayList<>()).add(entry);
        }
        writeBuckets(g, "pointsEarned", earned, ALL_BUCKETS);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeNameValues(JsonGenerator g, String name, List<NameValue> values) {
    g.writeName(name);
    g.writeStartArray();
    for (NameValue value : values) {
      g.writeStartObject();
      g.writeStringProperty("name", value.name());
      optionalString(g, "value", value.value());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void optionalString(JsonGenerator g, String name, @Nullable String value) {
    if (value != null) {
      g.writeStringProperty(name, value);
    }
  }
}

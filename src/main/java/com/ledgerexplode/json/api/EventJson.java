package com.ledgerexplode.json.api;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiResponse;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.json.JsonValues;
import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.LineItem;
import com.ledgerexplode.ledger.NameValue;
import com.ledgerexplode.ledger.PaymentMode;
import com.ledgerexplode.ledger.PointsEntry;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the API's v2.1 JSON: event objects, in the API's field order, and the response envelope. A
 * section the event does not carry is absent, never null.
 */
public final class EventJson {
  private EventJson() {}

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
    g.writeNumberProperty("eventLogId", header.eventLogId());
    optionalString(g, "eventName", header.eventName());
    g.writeName("eventDetails");
    g.writeStartObject();
    if (header.eventTime() != null) {
      g.writeStringProperty("eventTime", JsonValues.apiEventTime(header.eventTime()));
      g.writeStringProperty("eventTimeISO", JsonValues.timestamp(header.eventTime()));
    }
    if (header.tillId() != null) {
      g.writeNumberProperty("tillId", header.tillId());
    }
    g.writeEndObject();
    optionalString(g, "eventReferenceId", header.eventReferenceId());
    optionalString(g, "uniqueId", header.uniqueId());
    g.writeNumberProperty("orgId", header.orgId());
    writeBuckets(g, "pointsEarned", event.pointsEarned());
    if (event.pointsEarnedBreakup() != null) {
      writeBuckets(g, "pointsEarnedBreakup", event.pointsEarnedBreakup());
    }
    if (event.billDetails() != null) {
      writeBill(g, event.billDetails());
    }
    if (event.customFields() != null) {
      writeNameValues(g, "customFields", event.customFields());
    }
    if (event.extendedFields() != null) {
      writeNameValues(g, "extendedFields", event.extendedFields());
    }
    if (event.paymentModes() != null) {
      writePaymentModes(g, event.paymentModes());
    }
    if (event.maxConversionDate() != null) {
      g.writeStringProperty("maxConversionDate", JsonValues.date(event.maxConversionDate()));
    }
    if (event.alternateCurrencyValueEarned() != null) {
      writeCurrencies(g, event.alternateCurrencyValueEarned());
    }
  }

  private static void writeBuckets(
      JsonGenerator g, String name, Map<Bucket, List<PointsEntry>> buckets) {
    g.writeName(name);
    g.writeStartObject();
    for (Bucket bucket : Bucket.values()) {
      g.writeName(bucket.jsonName());
      g.writeStartArray();
      for (PointsEntry entry : buckets.getOrDefault(bucket, List.of())) {
        g.writeStartObject();
        JsonValues.writeFields(g, entry.fields());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeBill(JsonGenerator g, Bill bill) {
    g.writeName("billDetails");
    g.writeStartObject();
    JsonValues.writeFields(g, bill.fields());
    g.writeName("lineItems");
    g.writeStartArray();
    for (LineItem item : bill.lineItems()) {
      g.writeStartObject();
      JsonValues.writeFields(g, item.fields());
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

  private static void writePaymentModes(JsonGenerator g, List<PaymentMode> modes) {
    g.writeName("paymentModes");
    g.writeStartArray();
    for (PaymentMode mode : modes) {
      g.writeStartObject();
      g.writeStringProperty("mode", mode.mode());
      if (mode.amount() != null) {
        g.writeName("amount");
        JsonValues.writeDecimal(g, mode.amount());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeCurrencies(JsonGenerator g, List<AlternateCurrency> currencies) {
    g.writeName("alternateCurrencyValueEarned");
    g.writeStartArray();
    for (AlternateCurrency currency : currencies) {
      g.writeStartObject();
      g.writeStringProperty("alternateCurrencyName", currency.name());
      optionalString(g, "alternateCurrencyIdentifier", currency.identifier());
      if (currency.value() != null) {
        g.writeName("value");
        JsonValues.writeDecimal(g, currency.value());
      }
      if (currency.expiresOn() != null) {
        g.writeStringProperty("expiresOn", JsonValues.date(currency.expiresOn()));
      }
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

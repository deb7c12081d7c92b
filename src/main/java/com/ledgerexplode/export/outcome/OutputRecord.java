package com.ledgerexplode.export.outcome;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.export.requests.UnreadableRecord;
import com.ledgerexplode.json.api.EventJson;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * One record of the output, as PRODUCT.md's "Export files" defines it: an exploded event (a line of
 * the export), or a rejected row, a warning or an unreadable record (lines of the rejects file).
 * Every sink writes records, never outcomes, and each record's JSON is written here alone ({@link
 * #writeFields}): the JSON Lines sink writes it as a line, the reporting database keeps it in its
 * JSON columns, so that what one carries the other carries too.
 */
public sealed interface OutputRecord {
  /** The request line the record answers (for an unreadable record, the line it starts on). */
  long line();

  /** Whether the record is a line of the export, else of the rejects file. */
  boolean isEvent();

  /** The record's fields, in the contract's order, inside an object the caller opens. */
  void writeFields(JsonGenerator g);

  /** The record's {@code "request"} object as JSON text; null for an unreadable record. */
  @Nullable String requestJson();

  /** The record as one compact JSON object. */
  default String json() {
    return ExportJson.object(this::writeFields);
  }

  /**
   * A record that answers a row of the requests: its line is the row's, and its {@code "request"}
   * holds the row's cells but those it {@link #leftOut leaves out}.
   */
  sealed interface RowRecord extends OutputRecord {
    /** The row the record answers. */
    RequestRow row();

    /** The row's cells the record's request leaves out; none unless it says so. */
    default Set<String> leftOut() {
      return Set.of();
    }

    @Override
    default long line() {
      return row().line();
    }

    @Override
    default String requestJson() {
      return OutputRecord.requestJson(row(), leftOut());
    }

    /** The record's {@code "request"} object. */
    default void writeRequest(JsonGenerator g) {
      g.writeName("request");
      g.writeStartObject();
      writeRequestFields(g, row(), leftOut());
      g.writeEndObject();
    }
  }

  /**
   * A line of the export: the request it answers, then what {@link #writeAnswerFields} writes (the
   * customer and the event object's fields), whichever ledger the event came from.
   */
  sealed interface EventLine extends RowRecord {
    /** What follows the request: the customer, then the event object's fields. */
    void writeAnswerFields(JsonGenerator g);

    @Override
    default boolean isEvent() {
      return true;
    }

    @Override
    default void writeFields(JsonGenerator g) {
      writeRequest(g);
      writeAnswerFields(g);
    }
  }

  /**
   * An exploded event: the request it answers, the resolved customer, then the API's v2.1 event
   * object.
   */
  record Event(RequestRow row, long customerId, ExplodedEvent event) implements EventLine {
    @Override
    public void writeAnswerFields(JsonGenerator g) {
      g.writeNumberProperty("customerId", customerId);
      EventJson.writeEventFields(g, event);
    }
  }

  /**
   * An event as the vendor's API returned it, for a job that reads the API: the request it answers,
   * the customer when known (see {@code VendorAnswer}), then the API's event object's fields as the
   * API sent them, in its key order, numbers with its digits.
   *
   * @param eventJson the API's event object, compact JSON text
   */
  record ApiEvent(RequestRow row, @Nullable Long customerId, String eventJson)
      implements EventLine {
    @Override
    public void writeAnswerFields(JsonGenerator g) {
      if (customerId != null) {
        g.writeNumberProperty("customerId", customerId);
      }
      ExportJson.copyFields(g, eventJson);
    }
  }

  /** A row rejected whole with an API error. */
  record Reject(RequestRow row, ApiError error) implements RowRecord {
    @Override
    public boolean isEvent() {
      return false;
    }

    @Override
    public void writeFields(JsonGenerator g) {
      g.writeStringProperty("kind", "rejected");
      writeRequest(g);
      g.writeNumberProperty("code", error.code());
      g.writeStringProperty("message", error.message());
    }
  }

  /**
   * A warning of an exploded row. Its request leaves out the row's event ids and reference ids: the
   * one concerned is named in {@code eventId} or {@code eventReferenceId}, so that the rejects file
   * grows with the input, never with its square.
   */
  record Warning(RequestRow row, ApiWarning warning) implements RowRecord {
    /** The cells a warning's request leaves out. */
    static final Set<String> LEFT_OUT =
        Set.of(ApiParameter.EVENT_IDS.apiName(), ApiParameter.EVENT_REFERENCE_IDS.apiName());

    @Override
    public Set<String> leftOut() {
      return LEFT_OUT;
    }

    @Override
    public boolean isEvent() {
      return false;
    }

    @Override
    public void writeFields(JsonGenerator g) {
      g.writeStringProperty("kind", "warning");
      writeRequest(g);
      g.writeNumberProperty("code", warning.code());
      g.writeStringProperty("message", warning.message());
      String eventId = warning.eventId();
      if (eventId != null) {
        g.writeStringProperty("eventId", eventId);
      }
      String eventReferenceId = warning.eventReferenceId();
      if (eventReferenceId != null) {
        g.writeStringProperty("eventReferenceId", eventReferenceId);
      }
    }
  }

  /** A record of the requests CSV that could not be read as a row. */
  record UnreadableLine(UnreadableRecord record) implements OutputRecord {
    @Override
    public long line() {
      return record.line();
    }

    @Override
    public boolean isEvent() {
      return false;
    }

    @Override
    public void writeFields(JsonGenerator g) {
      g.writeStringProperty("kind", "unreadable");
      g.writeNumberProperty("line", record.line());
      g.writeStringProperty("text", record.text());
      g.writeStringProperty("message", record.message());
    }

    @Override
    public @Nullable String requestJson() {
      return null;
    }
  }

  private static String requestJson(RequestRow row, Set<String> leftOut) {
    return ExportJson.object(g -> writeRequestFields(g, row, leftOut));
  }

  private static void writeRequestFields(JsonGenerator g, RequestRow row, Set<String> leftOut) {
    g.writeNumberProperty("line", row.line());
    for (Map.Entry<String, String> cell : row.cells().entrySet()) {
      if (!leftOut.contains(cell.getKey())) {
        g.writeStringProperty(cell.getKey(), cell.getValue());
      }
    }
  }
}

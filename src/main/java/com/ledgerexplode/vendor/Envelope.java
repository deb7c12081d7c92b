package com.ledgerexplode.vendor;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.ErrorCodes;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * One page of the API's envelope, {@code {"events":[...],"warnings":[...],"errors":[...]}}, read
 * with Jackson's streaming parser. Each event is copied token by token into its own compact text,
 * numbers written with the digits the API sent, so that nothing of it is lost or reordered. The
 * customer is that of the answer's {@code Ledger-Customer-Id} header, when given.
 */
record Envelope(
    List<VendorEvent> events,
    List<String> eventLogIds,
    List<ApiWarning> warnings,
    @Nullable ApiError error,
    @Nullable Long customerId) {
  private static final JsonFactory JSON = new JsonFactory();

  /** The body is not the API's JSON; the reason says where, never what the body holds. */
  static final class NotApiJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotApiJsonException(String why) {
      super(why);
    }
  }

  static Envelope parse(byte[] body) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
      Envelope envelope = read(p);
      if (p.nextToken() != null) {
        throw new NotApiJsonException("content after the envelope");
      }
      return envelope;
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw new NotApiJsonException(
          at == null ? "malformed JSON" : "malformed JSON at byte " + at.getByteOffset());
    }
  }

  private static Envelope read(JsonParser p) {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new NotApiJsonException("not a JSON object");
    }
    List<VendorEvent> events = null;
    List<String> ids = new ArrayList<>();
    List<ApiWarning> warnings = new ArrayList<>();
    List<ApiError> errors = null;
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken value = p.nextToken();
      switch (name) {
        case "events" -> {
          expectArray(value, name);
          events = new ArrayList<>();
          while (p.nextToken() == JsonToken.START_OBJECT) {
            events.add(copyEvent(p, ids));
          }
          expectEnd(p, name);
        }
        case "warnings" -> {
          expectArray(value, name);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Status status = status(p, name);
            warnings.add(ErrorCodes.warningOf(status.code, status.message));
          }
          expectEnd(p, name);
        }
        case "errors" -> {
          expectArray(value, name);
          errors = new ArrayList<>();
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Status status = status(p, name);
            errors.add(new ApiError(status.code, status.message));
          }
          expectEnd(p, name);
        }
        default -> p.skipChildren();
      }
    }
    if (errors != null && !errors.isEmpty()) {
      return new Envelope(List.of(), List.of(), List.of(), errors.get(0), null);
    }
    if (events == null) {
      throw new NotApiJsonException("neither events nor errors");
    }
    return new Envelope(events, ids, warnings, null, null);
  }

  /** This page with the customer its answer named ({@code Ledger-Customer-Id}). */
  Envelope withCustomer(@Nullable Long customer) {
    return new Envelope(events, eventLogIds, warnings, error, customer);
  }

  private static void expectArray(JsonToken value, String name) {
    if (value != JsonToken.START_ARRAY) {
      throw new NotApiJsonException(name + " is not an array");
    }
  }

  private static void expectEnd(JsonParser p, String name) {
    if (p.currentToken() != JsonToken.END_ARRAY) {
      throw new NotApiJsonException(name + " holds something else than objects");
    }
  }

  private record Status(int code, String message) {}

  private static Status status(JsonParser p, String array) {
    Integer code = null;
    String message = null;
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken value = p.nextToken();
      if (name.equals("code") && value == JsonToken.VALUE_NUMBER_INT) {
        code = p.getIntValue();
      } else if (name.equals("message") && value == JsonToken.VALUE_STRING) {
        message = p.getString();
      } else {
        p.skipChildren();
      }
    }
    if (code == null || message == null) {
      throw new NotApiJsonException("an item of " + array + " has no code or message");
    }
    return new Status(code, message);
  }

  /** Copies the event object the parser is at; its top-level eventLogId goes to {@code ids}. */
  private static VendorEvent copyEvent(JsonParser p, List<String> ids) {
    StringWriter text = new StringWriter();
    String eventLogId = null;
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), text)) {
      int depth = 0;
      JsonToken token = p.currentToken();
      do {
        switch (token) {
          case START_OBJECT, START_ARRAY -> {
            depth++;
            g.copyCurrentEvent(p);
          }
          case END_OBJECT, END_ARRAY -> {
            depth--;
            g.copyCurrentEvent(p);
          }
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getString());
          default -> g.copyCurrentEvent(p);
        }
        if (depth == 1 && token.isScalarValue() && "eventLogId".equals(p.currentName())) {
          eventLogId = p.getString();
        }
        if (depth == 0) {
          break;
        }
        token = p.nextToken();
        if (token == null) {
          throw new NotApiJsonException("an event is cut short");
        }
      } while (true);
    }
    ids.add(eventLogId == null ? "" : eventLogId);
    return new VendorEvent(text.toString());
  }
}

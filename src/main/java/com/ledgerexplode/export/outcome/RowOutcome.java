package com.ledgerexplode.export.outcome;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.export.requests.UnreadableRecord;
import com.ledgerexplode.ledger.CustomerKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one record of the requests CSV became: exploded (a customer, its events and warnings),
 * rejected with an API error, or unreadable. {@link #records()} turns it into the output records
 * every sink writes, in the one place where that is decided.
 */
public sealed interface RowOutcome {
  /** The line on which the record starts (the header is line 1). */
  long line();

  /** This outcome's output records, in the order the export writes them. */
  List<OutputRecord> records();

  /** The output records of these outcomes, in order. */
  static List<OutputRecord> recordsOf(List<? extends RowOutcome> outcomes) {
    List<OutputRecord> records = new ArrayList<>();
    outcomes.forEach(outcome -> records.addAll(outcome.records()));
    return records;
  }

  /** The outcome of a request row (read as one): its line is the row's. */
  sealed interface OfRow extends RowOutcome {
    RequestRow row();

    @Override
    default long line() {
      return row().line();
    }
  }

  /**
   * The row's customer, its events in the API's order, and its warnings: those of selection, then
   * the events' own in event order.
   */
  record Exploded(
      RequestRow row, CustomerKey customer, List<ExplodedEvent> events, List<ApiWarning> warnings)
      implements OfRow {
    public Exploded {
      events = List.copyOf(events);
      warnings = List.copyOf(warnings);
    }

    @Override
    public List<OutputRecord> records() {
      return eventsThenWarnings(
          events,
          event -> new OutputRecord.Event(row, customer.customerId(), event),
          row,
          warnings);
    }
  }

  /**
   * The row as the vendor's API answered it: the customer when known, the API's event objects as it
   * returned them (compact JSON text), and its warnings, merged as {@link Exploded}'s are.
   */
  record Answered(
      RequestRow row, @Nullable Long customerId, List<String> events, List<ApiWarning> warnings)
      implements OfRow {
    public Answered {
      events = List.copyOf(events);
      warnings = List.copyOf(warnings);
    }

    @Override
    public List<OutputRecord> records() {
      return eventsThenWarnings(
          events, event -> new OutputRecord.ApiEvent(row, customerId, event), row, warnings);
    }
  }

  /** An answered row's records: a line per event, then a warning line per warning. */
  private static <E> List<OutputRecord> eventsThenWarnings(
      List<E> events, Function<E, OutputRecord> line, RequestRow row, List<ApiWarning> warnings) {
    List<OutputRecord> records = new ArrayList<>(events.size() + warnings.size());
    events.forEach(event -> records.add(line.apply(event)));
    warnings.forEach(warning -> records.add(new OutputRecord.Warning(row, warning)));
    return records;
  }

  /** The row is answered with an API error alone. */
  record Rejected(RequestRow row, ApiError error) implements OfRow {
    @Override
    public List<OutputRecord> records() {
      return List.of(new OutputRecord.Reject(row, error));
    }
  }

  /** The record could not be read as a row. */
  record Unreadable(UnreadableRecord record) implements RowOutcome {
    @Override
    public long line() {
      return record.line();
    }

    @Override
    public List<OutputRecord> records() {
      return List.of(new OutputRecord.UnreadableLine(record));
    }
  }
}

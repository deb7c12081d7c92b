package com.ledgerexplode.export.outcome;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.export.requests.UnreadableRecord;
import com.ledgerexplode.ledger.CustomerKey;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The row's customer, its events in the API's order, and its warnings: those of selection, then
   * the events' own in event order.
   */
  record Exploded(
      RequestRow row, CustomerKey customer, List<ExplodedEvent> events, List<ApiWarning> warnings)
      implements RowOutcome {
    public Exploded {
      events = List.copyOf(events);
      warnings = List.copyOf(warnings);
    }

    @Override
    public long line() {
      return row.line();
    }

    @Override
    public List<OutputRecord> records() {
      List<OutputRecord> records = new ArrayList<>(events.size() + warnings.size());
      for (ExplodedEvent event : events) {
        records.add(new OutputRecord.Event(row, customer.customerId(), event));
      }
      addWarnings(records, row, warnings);
      return records;
    }
  }

  /**
   * The row as the vendor's API answered it: the customer when known, the API's event objects as it
   * returned them (compact JSON text), and its warnings, merged as {@link Exploded}'s are.
   */
  record Answered(
      RequestRow row, @Nullable Long customerId, List<String> events, List<ApiWarning> warnings)
      implements RowOutcome {
    public Answered {
      events = List.copyOf(events);
      warnings = List.copyOf(warnings);
    }

    @Override
    public long line() {
      return row.line();
    }

    @Override
    public List<OutputRecord> records() {
      List<OutputRecord> records = new ArrayList<>(events.size() + warnings.size());
      for (String event : events) {
        records.add(new OutputRecord.ApiEvent(row, customerId, event));
      }
      addWarnings(records, row, warnings);
      return records;
    }
  }

  private static void addWarnings(
      List<OutputRecord> records, RequestRow row, List<ApiWarning> warnings) {
    for (ApiWarning warning : warnings) {
      records.add(new OutputRecord.Warning(row, warning));
    }
  }

  /** The row is answered with an API error alone. */
  record Rejected(RequestRow row, ApiError error) implements RowOutcome {
    @Override
    public long line() {
      return row.line();
    }

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

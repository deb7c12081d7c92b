package com.ledgerexplode.vendor;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiWarning;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The API's answer to one row, its pages merged: the events of the row's window in the API's order
 * and its warnings (the request's own first, then each event's own in event order), or an error
 * alone; and the customer the request resolved to, when known: the {@code Ledger-Customer-Id}
 * header of the answer (which our {@code serve} sends; the vendor's envelope names no customer),
 * else, for a request naming its customer by {@code id} ({@code cuid}, {@code CustomerID}), that
 * id; else none.
 */
public record VendorAnswer(
    List<VendorEvent> events,
    List<ApiWarning> warnings,
    @Nullable ApiError error,
    @Nullable Long customerId) {

  public VendorAnswer {
    events = List.copyOf(events);
    warnings = List.copyOf(warnings);
  }

  static VendorAnswer rejected(ApiError error) {
    return new VendorAnswer(List.of(), List.of(), error, null);
  }
}

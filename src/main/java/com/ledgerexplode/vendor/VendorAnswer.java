package com.ledgerexplode.vendor;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiWarning;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The API's answer to one row, its pages merged: the events of the row's window in the API's order
 * and its warnings (the request's own first, then each event's own in event order), or an error
 * alone.
 */
public record VendorAnswer(
    List<VendorEvent> events, List<ApiWarning> warnings, @Nullable ApiError error) {

  public VendorAnswer {
    events = List.copyOf(events);
    warnings = List.copyOf(warnings);
  }

  static VendorAnswer rejected(ApiError error) {
    return new VendorAnswer(List.of(), List.of(), error);
  }
}

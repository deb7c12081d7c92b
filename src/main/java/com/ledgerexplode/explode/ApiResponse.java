package com.ledgerexplode.explode;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The API's answer to one request: events and warnings, or an error alone. */
public record ApiResponse(
    List<ExplodedEvent> events, List<ApiWarning> warnings, @Nullable ApiError error) {

  public ApiResponse {
    events = List.copyOf(events);
    warnings = List.copyOf(warnings);
  }

  /**
   * The answer to a resolved or rejected request given its exploded events: the one place where a
   * request's warnings are merged, those of selection first, then each event's own in event order.
   */
  public static ApiResponse of(Resolution resolution, List<ExplodedEvent> events) {
    if (resolution instanceof Resolution.Rejected rejected) {
      return new ApiResponse(List.of(), List.of(), rejected.error());
    }
    List<ApiWarning> warnings = new ArrayList<>(((Resolution.Resolved) resolution).warnings());
    events.forEach(event -> warnings.addAll(event.warnings()));
    return new ApiResponse(events, warnings, null);
  }
}

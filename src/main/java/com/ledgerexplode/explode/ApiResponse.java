package com.ledgerexplode.explode;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The API's answer to one request: events and warnings, or an error alone. */
public record ApiResponse(
    List<ExplodedEvent> events, List<ApiWarning> warnings, @Nullable ApiError error) {

  public ApiResponse {
    events = List.copyOf(events);
    warnings = List.copyOf(warnings);
  }
}

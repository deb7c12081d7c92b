package com.ledgerexplode.export.job;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.explode.ApiResponse;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.explode.Resolution;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.ledger.CustomerKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows answered by the engine over the ledger store: resolved together, then their events
 * exploded in rounds of {@code pageSize} events per row ({@link ExplodeEngine#explodeWindows}). The
 * outcome is the same for every page size; only the size of each engine call changes.
 *
 * <p>Thread-safe when its engine is.
 */
final class StoreRows implements RowSource {
  private final ExplodeEngine engine;
  private final int pageSize;

  /**
   * @param pageSize events per request per engine call, at least 1
   */
  StoreRows(ExplodeEngine engine, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, not " + pageSize);
    }
    this.engine = engine;
    this.pageSize = pageSize;
  }

  @Override
  public List<RowOutcome> explode(List<RequestRow> rows, List<ApiRequest> requests) {
    List<Resolution> resolutions = requests.isEmpty() ? List.of() : engine.resolve(requests);
    List<List<ExplodedEvent>> events = engine.explodeWindows(resolutions, pageSize);
    List<RowOutcome> outcomes = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      RequestRow row = rows.get(i);
      Resolution resolution = resolutions.get(i);
      ApiResponse response = ApiResponse.of(resolution, events.get(i));
      ApiError error = response.error();
      if (error != null) {
        outcomes.add(new RowOutcome.Rejected(row, error));
      } else {
        CustomerKey customer = ((Resolution.Resolved) resolution).customer();
        outcomes.add(
            new RowOutcome.Exploded(row, customer, response.events(), response.warnings()));
      }
    }
    return outcomes;
  }
}

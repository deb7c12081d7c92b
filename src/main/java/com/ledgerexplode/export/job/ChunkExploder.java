package com.ledgerexplode.export.job;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.explode.ApiResponse;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.explode.Resolution;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.export.requests.UnreadableRecord;
import com.ledgerexplode.ledger.CustomerKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Explodes a chunk of request items: the chunk's rows are resolved together (the job's defaults
 * applied), then their events are exploded in rounds of {@code pageSize} events per row ({@link
 * ExplodeEngine#explodeWindows}). The outcome is the same for every page size; only the size of
 * each engine call changes.
 *
 * <p>Thread-safe when its engine is.
 */
public final class ChunkExploder {
  private final ExplodeEngine engine;
  private final Map<ApiParameter, String> defaults;
  private final int pageSize;

  /**
   * @param defaults the job's defaults, for the parameters a row does not give
   * @param pageSize events per request per engine call, at least 1
   */
  public ChunkExploder(ExplodeEngine engine, Map<ApiParameter, String> defaults, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, not " + pageSize);
    }
    this.engine = engine;
    this.defaults = defaults.isEmpty() ? Map.of() : new EnumMap<>(defaults);
    this.pageSize = pageSize;
  }

  /** One outcome per item, in the chunk's order. */
  public List<RowOutcome> explode(List<? extends RequestItem> chunk) {
    List<RequestRow> rows = new ArrayList<>();
    List<ApiRequest> requests = new ArrayList<>();
    for (RequestItem item : chunk) {
      if (item instanceof RequestRow row) {
        rows.add(row);
        requests.add(row.request().withDefaults(defaults));
      }
    }
    List<Resolution> resolutions = requests.isEmpty() ? List.of() : engine.resolve(requests);
    List<List<ExplodedEvent>> events = engine.explodeWindows(resolutions, pageSize);

    List<RowOutcome> outcomes = new ArrayList<>(chunk.size());
    int next = 0;
    for (RequestItem item : chunk) {
      if (item instanceof UnreadableRecord unreadable) {
        outcomes.add(new RowOutcome.Unreadable(unreadable));
        continue;
      }
      RequestRow row = rows.get(next);
      Resolution resolution = resolutions.get(next);
      ApiResponse response = ApiResponse.of(resolution, events.get(next));
      next++;
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

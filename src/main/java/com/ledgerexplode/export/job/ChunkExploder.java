package com.ledgerexplode.export.job;

import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.export.requests.UnreadableRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Explodes a chunk of request items: the job's defaults applied to its rows, the rows answered
 * together by the job's ledger (a {@link RowSource}: the engine over the store, or the vendor's
 * API), and the unreadable records kept in their place.
 *
 * <p>Thread-safe when its source is.
 */
public final class ChunkExploder {
  private final RowSource source;
  private final Map<ApiParameter, String> defaults;

  /**
   * Over the ledger store, through the engine.
   *
   * @param defaults the job's defaults, for the parameters a row does not give
   * @param pageSize events per request per engine call, at least 1
   */
  public ChunkExploder(ExplodeEngine engine, Map<ApiParameter, String> defaults, int pageSize) {
    this(new StoreRows(engine, pageSize), defaults);
  }

  /**
   * @param defaults the job's defaults, for the parameters a row does not give
   */
  ChunkExploder(RowSource source, Map<ApiParameter, String> defaults) {
    this.source = source;
    this.defaults = defaults.isEmpty() ? Map.of() : new EnumMap<>(defaults);
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
    List<RowOutcome> answered = source.explode(rows, requests);
    List<RowOutcome> outcomes = new ArrayList<>(chunk.size());
    int next = 0;
    for (RequestItem item : chunk) {
      if (item instanceof UnreadableRecord unreadable) {
        outcomes.add(new RowOutcome.Unreadable(unreadable));
      } else {
        outcomes.add(answered.get(next++));
      }
    }
    return outcomes;
  }
}

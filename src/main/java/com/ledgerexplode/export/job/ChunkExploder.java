package com.ledgerexplode.export.job;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.explode.ApiResponse;
import com.ledgerexplode.explode.ErrorCodes;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.explode.Resolution;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.export.requests.UnreadableRecord;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.ledger.CustomerKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
  private final int maxEventIdsPerRow;

  /**
   * @param defaults the job's defaults, for the parameters a row does not give
   * @param pageSize events per request per engine call, at least 1
   */
  public ChunkExploder(ExplodeEngine engine, Map<ApiParameter, String> defaults, int pageSize) {
    this(engine, defaults, pageSize, JobSettings.DEFAULT_MAX_EVENT_IDS_PER_ROW);
  }

  /**
   * @param maxEventIdsPerRow a row asking for more event ids is rejected whole with 11012, before
   *     anything of it is resolved
   */
  public ChunkExploder(
      ExplodeEngine engine,
      Map<ApiParameter, String> defaults,
      int pageSize,
      int maxEventIdsPerRow) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, not " + pageSize);
    }
    this.engine = engine;
    this.defaults = defaults.isEmpty() ? Map.of() : new EnumMap<>(defaults);
    this.pageSize = pageSize;
    this.maxEventIdsPerRow = maxEventIdsPerRow;
  }

  /** One outcome per item, in the chunk's order. */
  public List<RowOutcome> explode(List<? extends RequestItem> chunk) {
    List<RequestRow> rows = new ArrayList<>();
    List<ApiRequest> requests = new ArrayList<>();
    for (RequestItem item : chunk) {
      if (item instanceof RequestRow row && tooManyEventIds(row) == null) {
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
      ApiError tooMany = tooManyEventIds((RequestRow) item);
      if (tooMany != null) {
        outcomes.add(new RowOutcome.Rejected((RequestRow) item, tooMany));
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

  /** The rejection of a row that asks for more event ids than the job allows, else null. */
  private @Nullable ApiError tooManyEventIds(RequestRow row) {
    String eventIds = row.request().get(ApiParameter.EVENT_IDS);
    if (eventIds == null) {
      return null;
    }
    long count = eventIds.chars().filter(c -> c == ',').count() + 1;
    if (count <= maxEventIdsPerRow) {
      return null;
    }
    return new ApiError(
        ErrorCodes.BAD_VALUE,
        "eventIds holds "
            + count
            + " ids, more than this job's maxEventIdsPerRow of "
            + maxEventIdsPerRow);
  }
}

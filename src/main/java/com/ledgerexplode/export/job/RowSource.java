package com.ledgerexplode.export.job;

import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestRow;
import java.util.List;

/**
 * What answers a chunk's rows: the engine over the ledger store ({@link StoreRows}), or the
 * vendor's API ({@link VendorRows}). {@link ChunkExploder} gives it the rows, the job's defaults
 * already applied, and keeps the chunk's unreadable records in their place.
 */
interface RowSource {
  /**
   * One outcome per row, in order: exploded (or answered), or rejected with the API's error.
   *
   * @param requests each row's request with the job's defaults, in the rows' order
   */
  List<RowOutcome> explode(List<RequestRow> rows, List<ApiRequest> requests);
}

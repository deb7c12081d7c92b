package com.ledgerexplode.export.job;

import com.ledgerexplode.export.outcome.OutputRecord;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.testing.InMemoryLedger;
import java.util.List;
import java.util.Map;

/**
 * The outcomes and output records of request items over the in-memory test ledger, for sinks'
 * tests.
 */
public final class ChunkExploderAccess {
  private ChunkExploderAccess() {}

  public static List<OutputRecord> records(List<RequestItem> items) throws Exception {
    return RowOutcome.recordsOf(outcomes(items));
  }

  public static List<RowOutcome> outcomes(List<RequestItem> items) throws Exception {
    return new ChunkExploder(InMemoryLedger.engine(), Map.of(), 2).explode(items);
  }
}

package com.ledgerexplode.export.sink;

import com.ledgerexplode.export.outcome.RowOutcome;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * Where a chunk's outcomes go: written in input order, every item accounted for. Its restart state
 * lives in the step's ExecutionContext, so a restarted step writes each outcome exactly once.
 */
public interface ExportSink extends ItemStream {
  void write(List<RowOutcome> outcomes) throws Exception;
}

package com.ledgerexplode.export.sink;

import com.ledgerexplode.export.outcome.OutputRecord;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * Where a chunk's output records go, in input order (see {@link OutputRecord}). Its restart state
 * lives in the step's ExecutionContext, so a restarted step writes each record exactly once.
 */
public interface ExportSink extends ItemStream {
  void write(List<OutputRecord> records) throws Exception;
}

package com.ledgerexplode.export.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.requests.RequestsCsvReader.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The split a partitioned run keeps in its export step's context, for its continuations. */
class PartitionedExportTest {
  @Test
  void theSplitKeptInTheExportStepsContextReadsBackAsItWas() {
    List<Range> split =
        List.of(
            new Range(120, 2, 5_000),
            new Range(5_000, 61, 5_000),
            new Range(5_000, 61, Long.MAX_VALUE));

    String kept = PartitionedExport.encode(split);

    assertThat(kept).isEqualTo("120:2:5000;5000:61:5000;5000:61:-1");
    assertThat(PartitionedExport.decode(kept)).isEqualTo(split);
  }
}

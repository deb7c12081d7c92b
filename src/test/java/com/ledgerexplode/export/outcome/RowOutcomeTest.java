package com.ledgerexplode.export.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.job.ChunkExploderAccess;
import com.ledgerexplode.testing.Requests;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PRODUCT.md's "Export files": what each outcome becomes, in one place for every sink. */
class RowOutcomeTest {
  @Test
  void anExplodedRowIsItsEventsThenItsWarningsARejectedOrUnreadableOneALineEach() throws Exception {
    List<OutputRecord> records = ChunkExploderAccess.records(Requests.oneOfEach());

    assertThat(records)
        .extracting(r -> r.getClass().getSimpleName() + "@" + r.line())
        .containsExactly("Event@2", "Warning@2", "UnreadableLine@3", "Warning@4", "Reject@5");
  }

  @Test
  void aWarningsRequestLeavesOutTheRowsEventIdsAndReferenceIdsOthersKeepEveryCell()
      throws Exception {
    List<OutputRecord> records = ChunkExploderAccess.records(Requests.oneOfEach());

    assertThat(records.get(0).requestJson()).contains("\"eventIds\":\"18608684,999\"");
    assertThat(records.get(1).requestJson())
        .isEqualTo(
            "{\"line\":2,\"identifierName\":\"mobile\",\"identifierValue\":\"917406401004\","
                + "\"source\":\"INSTORE\"}");
    assertThat(records.get(3).requestJson())
        .doesNotContain("eventReferenceIds")
        .contains("\"eventName\":\"GenericEvent\"");
    assertThat(records.get(4).requestJson()).contains("\"eventIds\":\"1\"");
    assertThat(records.get(2).requestJson()).isNull();
  }

  @Test
  void countsFollowTheOutcomesRowsReadIsTheirSum() throws Exception {
    ExportCounts counts =
        ExportCounts.ZERO.plus(ChunkExploderAccess.outcomes(Requests.oneOfEach()));

    assertThat(counts).isEqualTo(new ExportCounts(2, 1, 1, 1, 2));
    assertThat(counts.rowsRead()).isEqualTo(4);
  }
}

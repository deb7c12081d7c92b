package com.ledgerexplode.export.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.export.job.ChunkExploderAccess;
import com.ledgerexplode.export.requests.RequestRow;
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

  @Test
  void aRowTheApiAnsweredIsItsEventsAsTheApiSentThemAfterTheRequestAndTheCustomerWhenKnown() {
    RequestRow row = Requests.row(7, "identifierName=mobile", "identifierValue=917406401004");
    String event =
        "{\"eventLogId\":9,\"zeta\":{\"points\":120.000,\"big\":12345678901234567890},"
            + "\"exp\":1.0E10,\"list\":[1,\"a\\\"b\",null,true],\"alpha\":\"\u00e9\"}";
    ApiWarning warning = new ApiWarning(9021, "No event found for eventId 99", "99", null);

    List<OutputRecord> known =
        new RowOutcome.Answered(row, 1001L, List.of(event), List.of(warning)).records();
    List<OutputRecord> unknown =
        new RowOutcome.Answered(row, null, List.of(event), List.of()).records();

    String request =
        "{\"request\":{\"line\":7,\"identifierName\":\"mobile\","
            + "\"identifierValue\":\"917406401004\"},";
    assertThat(known)
        .extracting(r -> r.getClass().getSimpleName())
        .containsExactly("ApiEvent", "Warning");
    assertThat(known.get(0).isEvent()).isTrue();
    assertThat(known.get(0).json())
        .isEqualTo(request + "\"customerId\":1001," + event.substring(1));
    assertThat(unknown.get(0).json()).isEqualTo(request + event.substring(1));
    assertThat(
            ExportCounts.ZERO.plus(
                List.of(new RowOutcome.Answered(row, 1001L, List.of(event), List.of(warning)))))
        .isEqualTo(new ExportCounts(1, 0, 0, 1, 1));
  }
}

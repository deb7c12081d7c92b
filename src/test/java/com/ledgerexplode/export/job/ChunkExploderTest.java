package com.ledgerexplode.export.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.testing.InMemoryLedger;
import com.ledgerexplode.testing.Requests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkExploderTest {
  private static ExplodeEngine engine;

  @BeforeAll
  static void engine() throws Exception {
    engine = InMemoryLedger.engine();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 1000})
  void theOutcomeIsTheSameForEveryPageSize(int pageSize) {
    List<RowOutcome> whole =
        new ChunkExploder(engine, Map.of(), Integer.MAX_VALUE).explode(Requests.mixedChunk());

    List<RowOutcome> paged =
        new ChunkExploder(engine, Map.of(), pageSize).explode(Requests.mixedChunk());

    assertThat(paged).isEqualTo(whole);
  }

  @Test
  void eachItemGetsItsOutcomeInChunkOrder() {
    List<RowOutcome> outcomes =
        new ChunkExploder(engine, Map.of(), 2).explode(Requests.mixedChunk());

    assertThat(outcomes).extracting(RowOutcome::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(outcomes)
        .extracting(
            o -> o instanceof RowOutcome.Exploded,
            o -> o instanceof RowOutcome.Rejected,
            o -> o instanceof RowOutcome.Unreadable)
        .extracting(t -> t.toList().toString())
        .containsExactly(
            "[true, false, false]",
            "[false, false, true]",
            "[false, true, false]",
            "[true, false, false]",
            "[true, false, false]",
            "[false, true, false]");
    RowOutcome.Exploded first = (RowOutcome.Exploded) outcomes.get(0);
    assertThat(first.events())
        .extracting(e -> e.header().eventLogId())
        .containsExactly(18608683L, 18608684L, 18608686L, 18608690L, 18608689L);
    assertThat(first.warnings())
        .extracting(ApiWarning::code, ApiWarning::eventId)
        .startsWith(org.assertj.core.groups.Tuple.tuple(9021, "999"))
        .hasSize(1 + 5);
    assertThat(((RowOutcome.Rejected) outcomes.get(2)).error().code()).isEqualTo(8015);
    assertThat(((RowOutcome.Rejected) outcomes.get(5)).error().code()).isEqualTo(8013);
  }

  @Test
  void theJobsDefaultsApplyToRowsThatDoNotGiveTheFlag() {
    RequestRow row =
        Requests.row(
            2,
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventIds=18608683");
    RequestRow overriding =
        Requests.row(
            3,
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventIds=18608683",
            "getBillDetails=false");

    List<RowOutcome> outcomes =
        new ChunkExploder(engine, Map.of(ApiParameter.GET_BILL_DETAILS, "true"), 10)
            .explode(List.of(row, overriding));

    ExplodedEvent defaulted = ((RowOutcome.Exploded) outcomes.get(0)).events().get(0);
    ExplodedEvent overridden = ((RowOutcome.Exploded) outcomes.get(1)).events().get(0);
    assertThat(defaulted.billDetails()).isNotNull();
    assertThat(overridden.billDetails()).isNull();
    assertThat(((RowOutcome.Exploded) outcomes.get(0)).row()).isEqualTo(row);
  }

  @Test
  void aRowAskingForMoreEventIdsThanTheJobAllowsIs11012InTheValidationTablesOrder()
      throws Exception {
    String eleven = "1,2,3,4,5,6,7,8,9,10,11";
    RequestRow tooMany =
        Requests.row(
            2,
            "identifierName=mobile",
            "identifierValue=000",
            "source=INSTORE",
            "eventIds=" + eleven);
    RequestRow earlierCodeFirst =
        Requests.row(3, "identifierName=mobile", "source=INSTORE", "eventIds=" + eleven);
    RequestRow atTheLimit =
        Requests.row(
            4,
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventIds=18608683,2,3,4,5,6,7,8,9,10");

    List<RowOutcome> outcomes =
        new ChunkExploder(InMemoryLedger.engine(10), Map.of(), 10)
            .explode(List.of(tooMany, earlierCodeFirst, atTheLimit));

    // 11012 before 8015 (no such customer), after 11013 (no identifier value)
    assertThat(outcomes.get(0))
        .isEqualTo(
            new RowOutcome.Rejected(
                tooMany,
                new com.ledgerexplode.explode.ApiError(
                    11012, "At most 10 eventIds are allowed per request, 11 given")));
    assertThat(((RowOutcome.Rejected) outcomes.get(1)).error().code()).isEqualTo(11013);
    assertThat(((RowOutcome.Exploded) outcomes.get(2)).events()).hasSize(1);
  }
}

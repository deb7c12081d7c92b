package com.ledgerexplode.explode;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.store.Databases;
import com.ledgerexplode.testing.StatementCounter;
import com.ledgerexplode.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine explodes a whole chunk with a number of SQL statements that does not grow with the
 * chunk's size: no lookup per row or per event.
 */
class ChunkStatementsTest {

  static List<TestDatabase> databases() {
    return FixtureLedgers.databases();
  }

  /** {@code size} requests cycling through every kind of request of the fixture ledger. */
  private static List<ApiRequest> chunk(int size) {
    String[][] kinds = {
      {
        "identifierName=mobile",
        "identifierValue=917406401004",
        "source=INSTORE",
        "eventIds=18608683,18608684,999",
        "getBillDetails=true",
        "getPointsEarnedBreakup=true",
        "getCustomFields=true",
        "getExtendedFields=true",
        "getPaymentMode=true",
        "includeAlternateCurrencies=true",
        "getMaxConversionDetails=true"
      },
      {
        "identifierName=email",
        "identifierValue=ana@example.com",
        "source=ALL",
        "eventName=GenericEvent",
        "eventReferenceIds=gen-1,nope"
      },
      {
        "identifierName=id",
        "identifierValue=1002",
        "source=INSTORE",
        "type=USERGROUP2",
        "eventIds=18608683,18608685"
      },
      {"identifierName=mobile", "identifierValue=919000000099", "source=ALL", "eventIds=1"},
      {"identifierName=phone", "identifierValue=1", "source=INSTORE", "eventIds=1"},
      {
        "identifierName=mobile",
        "identifierValue=919000000003",
        "source=INSTORE",
        "type=USERGROUP2",
        "eventIds=1"
      },
    };
    List<ApiRequest> requests = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      requests.add(FixtureLedgers.request(kinds[i % kinds.length]));
    }
    return requests;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aChunkOfAThousandRequestsTakesAsManyStatementsAsAChunkOfTen(TestDatabase db)
      throws Exception {
    StatementCounter counter = new StatementCounter(FixtureLedgers.dataSource(db));
    ExplodeEngine engine = FixtureLedgers.engine(counter, DataScope.SELF, List.of());

    counter.reset();
    List<ApiResponse> ten = engine.answer(chunk(10));
    int statementsForTen = counter.count();

    counter.reset();
    List<ApiResponse> thousand = engine.answer(chunk(1000));
    int statementsForThousand = counter.count();

    System.out.printf(
        "[%s] statements per chunk: %d for 10 requests, %d for 1000 requests%n",
        db, statementsForTen, statementsForThousand);
    assertThat(thousand.get(0).events()).hasSize(2);
    assertThat(ten.get(2).events()).hasSize(2);
    assertThat(statementsForThousand).isEqualTo(statementsForTen);
    assertThat(statementsForTen).as("the figure README gives").isEqualTo(11);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void pagedTheStatementsGrowWithTheLongestRowsPagesNeverWithTheRows(TestDatabase db)
      throws Exception {
    StatementCounter counter = new StatementCounter(FixtureLedgers.dataSource(db));
    ExplodeEngine engine = FixtureLedgers.engine(counter, DataScope.SELF, List.of());

    counter.reset();
    engine.explodeWindows(engine.resolve(chunk(10)), 1);
    int statementsForTen = counter.count();

    counter.reset();
    engine.explodeWindows(engine.resolve(chunk(1000)), 1);
    int statementsForThousand = counter.count();

    System.out.printf(
        "[%s] statements per chunk with pages of 1 event: %d for 10 requests, %d for 1000%n",
        db, statementsForTen, statementsForThousand);
    assertThat(statementsForThousand).isEqualTo(statementsForTen);
    assertThat(statementsForTen).as("the figure README gives").isEqualTo(17);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theStatementsOfAChunkAreFewerThanTheParsedStatementsAnH2DatabaseKeeps(TestDatabase db)
      throws Exception {
    StatementCounter counter = new StatementCounter(FixtureLedgers.dataSource(db));
    ExplodeEngine engine = FixtureLedgers.engine(counter, DataScope.SELF, List.of());

    counter.reset();
    engine.answer(chunk(1000));
    engine.explodeWindows(engine.resolve(chunk(1000)), 1);
    Set<String> texts = new HashSet<>(counter.statements());

    // H2 keeps the parsed statements of a session by their text (Databases.h2Settings): when a
    // chunk asks more texts than it keeps, each is parsed again at every chunk
    assertThat(texts).hasSizeLessThanOrEqualTo(Databases.H2_STATEMENTS_KEPT);
    System.out.printf("[%s] statement texts of a chunk: %d%n", db, texts.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void equalRequestsInOneChunkEachGetTheAnswerTheyGetAlone(TestDatabase db) throws Exception {
    ExplodeEngine engine = FixtureLedgers.engine(db, DataScope.SELF, List.of());
    List<ApiRequest> kinds = chunk(6);
    // every kind three times, each a request of its own (equal, not the same object)
    List<ApiRequest> repeated = new ArrayList<>(chunk(18));
    List<ApiResponse> answers = engine.answer(repeated);
    for (int i = 0; i < repeated.size(); i++) {
      ApiResponse alone = engine.answer(List.of(kinds.get(i % kinds.size()))).get(0);
      assertThat(answers.get(i)).as("request %d", i).isEqualTo(alone);
    }
    assertThat(answers.get(0).events()).hasSize(2);
    assertThat(answers.get(12).events()).hasSize(2);
  }
}

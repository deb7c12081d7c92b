package com.ledgerexplode.explode;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.testing.InMemoryLedger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Validation and the engine over arbitrary requests: no request makes either throw; a request is
 * accepted or rejected with a code of PRODUCT.md's validation table, and the engine answers every
 * request with events and warnings of documented codes, or one documented error.
 */
class RequestValidationPropertyTest {
  /** The codes of the validation table, before any ledger is read. */
  private static final Set<Integer> VALIDATION_CODES =
      Set.of(11013, 8013, 8003, 8015, 11021, 11023, 11017, 11014, 9022, 9005, 11012);

  /** The table's codes after resolution against the ledger (8015 again, 11019, 1632). */
  private static final Set<Integer> ERROR_CODES = union(VALIDATION_CODES, Set.of(11019, 1632));

  private static final Set<Integer> WARNING_CODES =
      Set.of(ErrorCodes.EVENT_NOT_FOUND, ErrorCodes.NO_ALTERNATE_CURRENCY);

  private static final int MAX_EVENT_IDS = 1000;

  private static ExplodeEngine engine;

  private static synchronized ExplodeEngine engine() throws Exception {
    if (engine == null) {
      engine = InMemoryLedger.engine(MAX_EVENT_IDS);
    }
    return engine;
  }

  @Property(tries = 3000)
  void validationAcceptsARequestOrRejectsItWithACodeOfItsTable(
      @ForAll("requests") ApiRequest request) {
    try {
      RequestValidator.validate(request, MAX_EVENT_IDS);
    } catch (RequestRejectedException rejected) {
      assertThat(rejected.error().code()).isIn(VALIDATION_CODES);
      assertThat(rejected.error().message()).isNotBlank();
    }
  }

  @Property(tries = 1000)
  void theEngineAnswersEveryRequestWithDocumentedCodesOnly(@ForAll("requests") ApiRequest request)
      throws Exception {
    List<ApiResponse> answers = engine().answer(List.of(request));

    assertThat(answers).hasSize(1);
    ApiResponse answer = answers.get(0);
    if (answer.error() != null) {
      assertThat(answer.error().code()).isIn(ERROR_CODES);
      assertThat(answer.events()).isEmpty();
    }
    assertThat(answer.warnings()).allSatisfy(w -> assertThat(w.code()).isIn(WARNING_CODES));
  }

  @Provide
  Arbitrary<ApiRequest> requests() {
    List<Arbitrary<String>> values =
        java.util.Arrays.stream(ApiParameter.values())
            .map(parameter -> valueOf(parameter).injectNull(0.6))
            .toList();
    return Combinators.combine(values)
        .as(
            given -> {
              Map<ApiParameter, String> params = new EnumMap<>(ApiParameter.class);
              ApiParameter[] parameters = ApiParameter.values();
              for (int i = 0; i < parameters.length; i++) {
                String value = given.get(i);
                if (value != null) {
                  params.put(parameters[i], value);
                }
              }
              return ApiRequest.of(params);
            });
  }

  /** Values as the API knows them, as a careless file writes them, and anything at all. */
  private static Arbitrary<String> valueOf(ApiParameter parameter) {
    Arbitrary<String> known =
        switch (parameter) {
          case IDENTIFIER_NAME ->
              Arbitraries.of(
                  "mobile",
                  "id",
                  "email",
                  "externalid",
                  "cuid",
                  "CustomerID",
                  "primaryUserId",
                  "MOBILE",
                  "phone");
          case IDENTIFIER_VALUE ->
              Arbitraries.oneOf(
                  Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25),
                  Arbitraries.of("-1", "0", "1e5", " 12 ", "9".repeat(40), "a@b.c"));
          case SOURCE -> Arbitraries.of("INSTORE", "instore", "ALL", "WECHAT", "NOWHERE");
          case EVENT_IDS, ACCOUNT_ID -> ids();
          case EVENT_NAME ->
              Arbitraries.of("NewBill", "TransactionAdd", "ReturnBill", "newbill", "Nothing");
          case EVENT_REFERENCE_IDS ->
              Arbitraries.strings()
                  .withChars("ab1 -")
                  .ofMaxLength(4)
                  .list()
                  .ofMaxSize(12)
                  .map(list -> String.join(",", list));
          case TYPE -> Arbitraries.of("CUSTOMER", "usergroup2", "GROUP");
          case ALTERNATE_CURRENCY_NAMES -> Arbitraries.of("stars", "stars,,miles", " , ", "x");
          case OFFSET, LIMIT ->
              Arbitraries.oneOf(
                  Arbitraries.integers().map(String::valueOf),
                  Arbitraries.of("9".repeat(30), "1.5", "-0", "ten"));
          default -> Arbitraries.of("true", "false", "TRUE", "False", "yes", "1");
        };
    Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(30);
    return Arbitraries.frequencyOf(Tuple.of(8, known), Tuple.of(2, anything));
  }

  /** Lists of ids, some of them large (past the job's maximum), some not ids at all. */
  private static Arbitrary<String> ids() {
    Arbitrary<String> element =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.longs().between(1, 50_000_000).map(String::valueOf)),
            Tuple.of(
                1, Arbitraries.of("0", "-3", "", " ", "1.0", "9".repeat(25), "x", " 7 ", "+8")));
    Arbitrary<String> few = element.list().ofMaxSize(15).map(list -> String.join(",", list));
    Arbitrary<String> many =
        Arbitraries.integers()
            .between(MAX_EVENT_IDS - 2, MAX_EVENT_IDS + 2)
            .map(
                n ->
                    LongStream.rangeClosed(1, n)
                        .mapToObj(Long::toString)
                        .collect(Collectors.joining(",")));
    return Arbitraries.frequencyOf(Tuple.of(20, few), Tuple.of(1, many));
  }

  private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
  }
}

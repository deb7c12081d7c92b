package com.ledgerexplode.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.generate.RequestsRun.Outcome;
import com.ledgerexplode.testing.InMemoryLedger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-made {@code sample-input/} answers, line by line, as its README's table says (job org
 * 50406, data scope SELF).
 */
class SampleInputTest {
  private static final Path SAMPLE = Path.of("sample-input");
  private static List<Outcome> outcomes;

  @BeforeAll
  static void explodeTheSample() throws Exception {
    InMemoryLedger ledger = InMemoryLedger.read(SAMPLE.resolve("ledger.jsonl"));
    outcomes =
        RequestsRun.run(ledger, SAMPLE.resolve("requests.csv"), 50406, DataScope.SELF, List.of());
  }

  @Test
  void goodRowsWriteTheirEventsInOrderWithTheirWarnings() {
    expectEvents(2, 18608683L);
    expectEvents(3, 18608690L, 18608691L);
    expectEvents(4, 18608683L);
    expectEvents(5, 18608683L, 18608710L);
    expectEvents(6, 18608683L);
    expectWarnings(6, "9021 eventId 18608710");
    expectEvents(7, 18608683L);
    expectEvents(8, 18608700L);
    expectEvents(9, 18608683L);
    expectWarnings(9, "9018 eventId 18608683");
    expectEvents(10, 18608683L);
    expectWarnings(10, "9021 eventId 99999999");
    expectEvents(11, 18608700L);
    expectWarnings(11, "9021 eventReferenceId NOREF-1");
    expectEvents(12, 18608740L);
    expectEvents(13, 18608730L);
    expectEvents(14);
    expectWarnings(14, "9021 eventId 18608800");
    expectEvents(15, 18608683L);
  }

  @Test
  void oneEventOfEachTypeAndTheOtherNamesOfTheCustomerIdAnswer() {
    expectEvents(
        27, 18608750L, 18608752L, 18608753L, 18608754L, 18608755L, 18608756L, 18608757L, 18608758L,
        18608759L, 18608760L, 18608761L, 18608700L);
    expectEvents(28, 18608751L);
    expectEvents(32, 18608683L);
    expectEvents(33, 18608755L);
    expectEvents(34, 18608683L, 18608710L, 18608751L);
  }

  @Test
  void theSampleHoldsEveryEventNameOfTheVendor() throws Exception {
    InMemoryLedger ledger = InMemoryLedger.read(SAMPLE.resolve("ledger.jsonl"));
    assertThat(
            ledger.events().values().stream()
                .map(e -> e.header().eventName())
                .collect(java.util.stream.Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(com.ledgerexplode.ledger.EventType.values())
                .map(com.ledgerexplode.ledger.EventType::eventName)
                .toList());
  }

  @Test
  void eachDefectRowIsRejectedWithItsCode() {
    expectRejected(16, 8013, "Identifier name missing or incorrect");
    expectRejected(17, 8003, "Source is missing or incorrect");
    expectRejected(18, 8015, "Identifier value missing or incorrect");
    expectRejected(19, 11021, "Pass either eventIds or eventName with eventReferenceIds, not both");
    expectRejected(20, 11023, "Pass eventIds, or eventName with eventReferenceIds");
    expectRejected(21, 11017, "Event id is not a positive integer: 'abc'");
    expectRejected(22, 9022, "At most 10 eventReferenceIds are allowed, 11 given");
    expectRejected(23, 11012, "Invalid value for getBillDetails: 'yes'");
    expectRejected(24, 8015, "Customer not found for the given identifiers");
    expectRejected(25, 8015, "The identifier matches 2 customers, not one");
    expectRejected(26, 1632, "The customer is in no group");
    expectRejected(29, 11013, "identifierName, identifierValue and source are required");
    expectRejected(30, 11014, "Event name not found :DelayedAccrual");
    expectRejected(31, 9005, "An alternateCurrencyNames name is blank");
    expectRejected(35, 1632, "The customer is the primary member of no group");
  }

  @Test
  void theTotalsAreThoseOfTheReadme() {
    assertThat(outcomes).hasSize(34);
    assertThat(outcomes.stream().filter(o -> o.errorCode() == null)).hasSize(19);
    assertThat(outcomes.stream().mapToInt(o -> o.eventLogIds().size()).sum()).isEqualTo(33);
    assertThat(outcomes.stream().mapToInt(o -> o.warnings().size()).sum()).isEqualTo(5);
  }

  private static Outcome line(long line) {
    return outcomes.stream().filter(o -> o.line() == line).findFirst().orElseThrow();
  }

  private static void expectEvents(long line, Long... eventLogIds) {
    Outcome outcome = line(line);
    assertThat(outcome.errorCode()).as("line %d rejected", line).isNull();
    assertThat(outcome.eventLogIds()).as("line %d", line).containsExactly(eventLogIds);
    if (!List.of(6L, 9L, 10L, 11L, 14L).contains(line)) {
      assertThat(outcome.warnings()).as("line %d", line).isEmpty();
    }
  }

  private static void expectWarnings(long line, String... warnings) {
    assertThat(line(line).warnings().stream().map(SampleInputTest::describe))
        .as("line %d", line)
        .containsExactly(warnings);
  }

  private static void expectRejected(long line, int code, String message) {
    assertThat(line(line).errorCode()).as("line %d", line).isEqualTo(code);
    assertThat(line(line).errorMessage()).as("line %d", line).isEqualTo(message);
  }

  private static String describe(ApiWarning w) {
    return w.code()
        + (w.eventReferenceId() != null
            ? " eventReferenceId " + w.eventReferenceId()
            : " eventId " + w.eventId());
  }
}

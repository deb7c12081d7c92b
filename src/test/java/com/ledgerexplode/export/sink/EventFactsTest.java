package com.ledgerexplode.export.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.ledger.LedgerTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EventFactsTest {
  @Property(tries = 2000)
  void aTimeAsTheExportWritesItReadsAsLedgerTimeReadsIt(@ForAll("times") LedgerTime time) {
    String iso = time.iso();

    assertThat(EventFacts.utcIso(iso)).isEqualTo(time.instant()).isEqualTo(parsed(iso));
  }

  @Property(tries = 5000)
  void anyOtherTextIsLeftToLedgerTime(@ForAll("nearlyTimes") String text) {
    Instant read = EventFacts.utcIso(text);

    if (read != null) {
      assertThat(read).isEqualTo(parsed(text));
    }
  }

  private static Instant parsed(String text) {
    try {
      return LedgerTime.parse(text).instant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Provide
  Arbitrary<LedgerTime> times() {
    return Combinators.combine(
            Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L),
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, 999_999_999))
        .as(
            (seconds, digits, nanos) -> {
              int kept = nanos - nanos % (int) Math.pow(10, 9 - digits);
              return new LedgerTime(Instant.ofEpochSecond(seconds, kept), digits);
            });
  }

  /** The export's times with a character changed, dropped or added somewhere. */
  @Provide
  Arbitrary<String> nearlyTimes() {
    return Combinators.combine(
            times(),
            Arbitraries.integers().between(0, 31),
            Arbitraries.of('0', '9', '5', '2', '3', '-', ':', 'T', 't', 'Z', 'z', '.', '+', ' '),
            Arbitraries.integers().between(0, 2))
        .as(
            (time, at, c, how) -> {
              StringBuilder b = new StringBuilder(time.iso());
              int i = Math.min(at, b.length() - (how == 2 ? 0 : 1));
              switch (how) {
                case 0 -> b.setCharAt(i, c);
                case 1 -> b.deleteCharAt(i);
                default -> b.insert(i, c);
              }
              return b.toString();
            });
  }
}

package com.ledgerexplode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A ledger time is written and read by hand in the forms the ledger uses, and by the JDK's
 * formatters otherwise: the two must agree on every time and every text, valid or not.
 */
class LedgerTimePropertyTest {
  private static final DateTimeFormatter LEGACY_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Years -2 to 10001, so that the formatters' signs and fifth digits are crossed too. */
  private static final long FIRST = Instant.parse("-0002-01-01T00:00:00Z").getEpochSecond();

  private static final long LAST = Instant.parse("+10001-12-31T23:59:59Z").getEpochSecond();

  @Property(tries = 3000)
  void isoIsTheIsoInstantOfTheSecondsWithTheFractionsDigits(@ForAll("times") LedgerTime time) {
    String seconds =
        DateTimeFormatter.ISO_INSTANT.format(time.instant().truncatedTo(ChronoUnit.SECONDS));
    String fraction = time.fraction();
    assertThat(time.iso())
        .isEqualTo(
            seconds.substring(0, seconds.length() - 1)
                + (fraction.isEmpty() ? "" : "." + fraction)
                + "Z");
  }

  @Property(tries = 3000)
  void legacyIsTheLegacyPatternWithTheFractionsDigitsOrZero(@ForAll("times") LedgerTime time) {
    String fraction = time.fraction();
    assertThat(time.legacy())
        .isEqualTo(
            LEGACY_SECONDS.format(time.instant()) + "." + (fraction.isEmpty() ? "0" : fraction));
  }

  @Property(tries = 3000)
  void aTimeWrittenWithAnyOffsetReadsAsTheFormatterReadsIt(
      @ForAll("times") LedgerTime time, @ForAll("offsets") ZoneOffset offset) {
    String text = withOffset(time, offset);
    assertThat(LedgerTime.parse(text)).isEqualTo(LedgerTime.parseAnyForm(text));
  }

  @Property(tries = 5000)
  void aTextWithOneCharacterChangedDroppedOrAddedReadsAsTheFormatterReadsItOrIsRefusedAsItRefusesIt(
      @ForAll("times") LedgerTime time,
      @ForAll("offsets") ZoneOffset offset,
      @ForAll @IntRange(min = 0, max = 40) int position,
      @ForAll("replacements") char replacement,
      @ForAll @IntRange(min = 0, max = 2) int how) {
    StringBuilder written = new StringBuilder(withOffset(time, offset));
    int at = Math.min(position, written.length() - (how == 2 ? 0 : 1));
    switch (how) {
      case 0 -> written.setCharAt(at, replacement);
      case 1 -> written.deleteCharAt(at);
      default -> written.insert(at, replacement);
    }
    String text = written.toString();
    LedgerTime expected;
    try {
      expected = LedgerTime.parseAnyForm(text);
    } catch (DateTimeParseException refused) {
      assertThatThrownBy(() -> LedgerTime.parse(text))
          .isInstanceOf(DateTimeParseException.class)
          .hasMessage(refused.getMessage());
      return;
    }
    assertThat(LedgerTime.parse(text)).isEqualTo(expected);
  }

  @Example
  void theFormsTheLedgerWritesAreReadByHandAndOthersByTheFormatter() {
    assertThat(LedgerTime.parsePlain("2024-08-20T11:29:02.5Z"))
        .isEqualTo(new LedgerTime(Instant.parse("2024-08-20T11:29:02.500Z"), 1));
    assertThat(LedgerTime.parsePlain("2024-08-20t11:29:02+05:30"))
        .isEqualTo(new LedgerTime(Instant.parse("2024-08-20T05:59:02Z"), 0));
    assertThat(LedgerTime.parsePlain("2024-08-20T11:29Z")).isNull();
    assertThat(LedgerTime.parse("2024-08-20T11:29Z"))
        .isEqualTo(new LedgerTime(Instant.parse("2024-08-20T11:29:00Z"), 0));
    assertThat(LedgerTime.parsePlain("2024-02-30T11:29:02Z")).isNull();
    assertThatThrownBy(() -> LedgerTime.parse("2024-02-30T11:29:02Z"))
        .isInstanceOf(DateTimeParseException.class);
  }

  @Provide
  Arbitrary<LedgerTime> times() {
    Arbitrary<Long> seconds =
        Arbitraries.oneOf(
            Arbitraries.longs().between(FIRST, LAST),
            Arbitraries.longs().between(-86_400L * 3, 86_400L * 3),
            Arbitraries.of(
                FIRST,
                LAST,
                Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("9999-12-31T23:59:59Z").getEpochSecond(),
                Instant.parse("0000-12-31T23:59:59Z").getEpochSecond(),
                Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond()));
    return Combinators.combine(
            seconds,
            Arbitraries.integers().between(0, 999_999_999),
            Arbitraries.integers().between(0, 9))
        .as(
            (second, nanos, digits) -> {
              int unit = (int) Math.pow(10, 9 - digits);
              return new LedgerTime(
                  Instant.ofEpochSecond(second, (long) (nanos / unit) * unit), digits);
            });
  }

  @Provide
  Arbitrary<ZoneOffset> offsets() {
    return Arbitraries.oneOf(
        Arbitraries.just(ZoneOffset.UTC),
        Arbitraries.integers()
            .between(-18 * 60, 18 * 60)
            .map(minutes -> ZoneOffset.ofTotalSeconds(minutes * 60)));
  }

  @Provide
  Arbitrary<Character> replacements() {
    return Arbitraries.of(
        '0', '1', '2', '3', '5', '9', '-', ':', 'T', 't', 'Z', 'z', '.', '+', ' ', 'x', '\u0663');
  }

  /** The time as written with this offset: the fraction with its digits, the offset's id. */
  private static String withOffset(LedgerTime time, ZoneOffset offset) {
    String fraction = time.fraction();
    return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .format(time.instant().atOffset(offset))
        + (fraction.isEmpty() ? "" : "." + fraction)
        + offset.getId();
  }
}

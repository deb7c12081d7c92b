package com.ledgerexplode.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A time of the ledger: its instant and how many digits its fraction of a second was given with
 * ({@code 02.5} has one, {@code 02.120} three, {@code 02} none), so that every form it is written
 * in keeps the ledger's digits (PRODUCT.md, "Dates and times").
 *
 * @param fractionDigits 0 to 9; the instant has no non-zero digit beyond them
 */
public record LedgerTime(Instant instant, int fractionDigits) {
  private static final int NANO_DIGITS = 9;

  public LedgerTime {
    if (fractionDigits < 0 || fractionDigits > NANO_DIGITS) {
      throw new IllegalArgumentException("fraction digits not 0 to 9: " + fractionDigits);
    }
    if (nanoOfSecond(instant) % tenTo(NANO_DIGITS - fractionDigits) != 0) {
      throw new IllegalArgumentException(
          instant + " has more than " + fractionDigits + " fraction digits");
    }
  }

  /**
   * An instant with the digits an ISO-8601 instant writes ({@link DateTimeFormatter#ISO_INSTANT}:
   * none, 3, 6 or 9): what a time read as a bare instant, as the store did before it kept the
   * digits, had.
   */
  public static LedgerTime of(Instant instant) {
    int digits = NANO_DIGITS;
    while (digits > 0 && nanoOfSecond(instant) % tenTo(NANO_DIGITS - digits + 3) == 0) {
      digits -= 3;
    }
    return new LedgerTime(instant, digits);
  }

  /** A date alone: its midnight, UTC, with no fraction. */
  public static LedgerTime midnight(LocalDate date) {
    return new LedgerTime(date.atStartOfDay(ZoneOffset.UTC).toInstant(), 0);
  }

  /**
   * An ISO-8601 time with an offset ({@code 2024-08-20T11:29:02.5Z}, {@code ...+05:30}), its
   * fraction's digits as written.
   *
   * @throws DateTimeParseException when the text is not one
   */
  public static LedgerTime parse(String text) {
    Instant instant =
        OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    int digits = 0;
    int dot = text.indexOf('.', Math.max(text.indexOf('T'), text.indexOf('t')));
    if (dot >= 0) {
      while (dot + 1 + digits < text.length() && Character.isDigit(text.charAt(dot + 1 + digits))) {
        digits++;
      }
    }
    return new LedgerTime(instant, digits);
  }

  /**
   * ISO-8601 in UTC, the fraction with its digits and only when it has some: {@code
   * 2024-08-20T11:29:02.5Z}, {@code 2024-08-20T11:29:02Z}.
   */
  public String iso() {
    String seconds = DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    String fraction = fraction();
    return seconds.substring(0, seconds.length() - 1)
        + (fraction.isEmpty() ? "" : "." + fraction)
        + "Z";
  }

  /** The fraction's digits ({@code 5}, {@code 120}); empty when the time has none. */
  public String fraction() {
    if (fractionDigits == 0) {
      return "";
    }
    // the nine digits of the nanoseconds, zero-padded, without String.format's parsing of a
    // pattern for every time written
    char[] digits = new char[NANO_DIGITS];
    int nanos = nanoOfSecond(instant);
    for (int i = NANO_DIGITS - 1; i >= 0; i--) {
      digits[i] = (char) ('0' + nanos % 10);
      nanos /= 10;
    }
    return new String(digits, 0, fractionDigits);
  }

  @SuppressWarnings("JavaInstantGetSecondsGetNano") // the fraction alone is what is wanted
  private static int nanoOfSecond(Instant instant) {
    return instant.getNano();
  }

  private static int tenTo(int power) {
    int value = 1;
    for (int i = 0; i < power; i++) {
      value *= 10;
    }
    return value;
  }
}

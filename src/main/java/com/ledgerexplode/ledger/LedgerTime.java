package com.ledgerexplode.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A time of the ledger: its instant and how many digits its fraction of a second was given with
 * ({@code 02.5} has one, {@code 02.120} three, {@code 02} none), so that every form it is written
 * in keeps the ledger's digits (PRODUCT.md, "Dates and times").
 *
 * @param fractionDigits 0 to 9; the instant has no non-zero digit beyond them
 */
public record LedgerTime(Instant instant, int fractionDigits) {
  private static final int NANO_DIGITS = 9;
  private static final long SECONDS_PER_DAY = 86_400;
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  /** {@code yyyy-MM-ddTHH:mm:ss}. */
  private static final int DATE_TIME_LENGTH = 19;

  /** The days of 0001-01-01 and 9999-12-31: the years written with four digits and no sign. */
  private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();

  private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  /** The legacy form as read: its fraction of 0 to 9 digits optional. */
  private static final DateTimeFormatter LEGACY =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter(Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter LEGACY_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

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
    LedgerTime plain = parsePlain(text);
    return plain != null ? plain : parseAnyForm(text);
  }

  /** {@link #parse} by {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}: every form it reads. */
  static LedgerTime parseAnyForm(String text) {
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
   * {@link #parse} of the form the ledger's times come in ({@code yyyy-MM-ddTHH:mm:ss}, a fraction
   * of 1 to 9 digits or none, {@code Z} or {@code ±HH:MM}), without a formatter's parse of each
   * field into a map; null for any other text, valid or not, which {@link #parseAnyForm} reads or
   * refuses.
   */
  static @Nullable LedgerTime parsePlain(String text) {
    int length = text.length();
    if (length < 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || (text.charAt(10) != 'T' && text.charAt(10) != 't')
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int at = 19;
    int fractionDigits = 0;
    int nanos = 0;
    if (text.charAt(at) == '.') {
      at++;
      while (at < length && isAsciiDigit(text.charAt(at))) {
        if (++fractionDigits > NANO_DIGITS) {
          return null;
        }
        nanos = nanos * 10 + (text.charAt(at++) - '0');
      }
      if (fractionDigits == 0) {
        return null;
      }
      nanos *= tenTo(NANO_DIGITS - fractionDigits);
    }
    int offsetSeconds;
    char sign = at < length ? text.charAt(at) : ' ';
    if ((sign == 'Z' || sign == 'z') && at + 1 == length) {
      offsetSeconds = 0;
    } else if ((sign == '+' || sign == '-') && at + 6 == length && text.charAt(at + 3) == ':') {
      int offsetHours = digits(text, at + 1, 2);
      int offsetMinutes = digits(text, at + 4, 2);
      if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) {
        return null;
      }
      offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
      if (offsetSeconds > MAX_OFFSET_SECONDS) {
        return null;
      }
      offsetSeconds = sign == '-' ? -offsetSeconds : offsetSeconds;
    } else {
      return null;
    }
    long epochSecond =
        LocalDate.of(year, month, day).toEpochDay() * SECONDS_PER_DAY
            + hour * 3600L
            + minute * 60L
            + second
            - offsetSeconds;
    return new LedgerTime(Instant.ofEpochSecond(epochSecond, nanos), fractionDigits);
  }

  /** The number of {@code count} ASCII digits at {@code from}; -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isAsciiDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * ISO-8601 in UTC, the fraction with its digits and only when it has some: {@code
   * 2024-08-20T11:29:02.5Z}, {@code 2024-08-20T11:29:02Z}.
   */
  public String iso() {
    StringBuilder text = new StringBuilder(DATE_TIME_LENGTH + NANO_DIGITS + 2);
    if (!appendUtc(text, 'T')) {
      String seconds =
          DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
      String fraction = fraction();
      return seconds.substring(0, seconds.length() - 1)
          + (fraction.isEmpty() ? "" : "." + fraction)
          + "Z";
    }
    if (fractionDigits > 0) {
      appendFraction(text.append('.'), fractionDigits);
    }
    return text.append('Z').toString();
  }

  /**
   * The vendor's legacy form, UTC: {@code yyyy-MM-dd HH:mm:ss.S}, the fraction's digits as the
   * ledger has them ({@code .5}, {@code .120}), {@code .0} when it has none.
   */
  public String legacy() {
    StringBuilder text = new StringBuilder(DATE_TIME_LENGTH + NANO_DIGITS + 1);
    if (!appendUtc(text, ' ')) {
      String fraction = fraction();
      return LEGACY_SECONDS.format(instant) + "." + (fraction.isEmpty() ? "0" : fraction);
    }
    appendFraction(text.append('.'), Math.max(fractionDigits, 1));
    return text.toString();
  }

  /**
   * The instant of a time in the vendor's legacy form ({@link #legacy}), its fraction of 0 to 9
   * digits optional, UTC.
   *
   * @throws DateTimeParseException when the text is not one
   */
  public static Instant parseLegacy(String text) {
    return LEGACY.parse(text, Instant::from);
  }

  /**
   * Appends {@code yyyy-MM-dd}, the separator, {@code HH:mm:ss} in UTC ({@link TimeText}); false,
   * having appended nothing, when the year is not 1 to 9999.
   */
  private boolean appendUtc(StringBuilder text, char separator) {
    long epochSecond = instant.getEpochSecond();
    long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    // outside these days a LocalDateTime may not hold the instant (Instant.MAX's year)
    return day >= FIRST_DAY
        && day <= LAST_DAY
        && TimeText.appendDateTime(
            text, LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC), separator);
  }

  /** The first {@code digits} of the nine digits of the nanoseconds. */
  private void appendFraction(StringBuilder text, int digits) {
    TimeText.appendDigits(text, nanoOfSecond(instant) / tenTo(NANO_DIGITS - digits), digits);
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

package com.ledgerexplode.ledger;

import java.time.LocalDateTime;

/**
 * Dates and times written by hand in the ISO-8601 shapes the ledger and its outputs use, for the
 * years 1 to 9999 (four digits, no sign), without a formatter's field map per value: a writer falls
 * back to a formatter for any other year.
 */
public final class TimeText {
  private TimeText() {}

  /**
   * Appends {@code yyyy-MM-dd}, the separator, {@code HH:mm:ss}.
   *
   * @return false, having appended nothing, when the year is not 1 to 9999
   */
  public static boolean appendDateTime(StringBuilder out, LocalDateTime time, char separator) {
    int year = time.getYear();
    if (year < 1 || year > 9999) {
      return false;
    }
    appendDigits(out, year, 4);
    appendDigits(out.append('-'), time.getMonthValue(), 2);
    appendDigits(out.append('-'), time.getDayOfMonth(), 2);
    appendDigits(out.append(separator), time.getHour(), 2);
    appendDigits(out.append(':'), time.getMinute(), 2);
    appendDigits(out.append(':'), time.getSecond(), 2);
    return true;
  }

  /** Appends {@code value} (not negative) in at least {@code width} digits, zero-padded. */
  public static void appendDigits(StringBuilder out, int value, int width) {
    for (int power = 10, digits = 1; digits < width; power *= 10, digits++) {
      if (value < power) {
        out.append('0');
      }
    }
    out.append(value);
  }
}

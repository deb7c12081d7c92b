package com.ledgerexplode.store;

import com.ledgerexplode.ledger.TimeText;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Values as PostgreSQL reads them from text: COPY FROM STDIN's rows appended to a buffer ({@link
 * #row}) then sent into a table ({@link #copyIn}), as the import writes the ledger ({@link
 * RowSink#copy}); one value's text ({@link #text}), as the reporting database sends the elements of
 * its arrays. A value is a {@code Long}, {@code Integer}, {@code Short}, {@code BigDecimal} (or any
 * number: its {@code toString}), {@code Boolean}, {@code String}, {@code LocalDate}, {@code
 * OffsetDateTime}, or null; each reaches its column as PgJDBC would bind it.
 */
public final class CopyText {
  private CopyText() {}

  /** Appends a row, its values in the order of the columns {@link #copyIn} names, and its end. */
  public static void row(StringBuilder b, @Nullable Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append('\t');
      }
      Object value = values[i];
      if (value == null) {
        b.append("\\N");
      } else if (value instanceof String s) {
        escape(b, s);
      } else {
        value(b, value);
      }
    }
    b.append('\n');
  }

  /**
   * A value as PostgreSQL reads it from text (COPY's or an array's element), before COPY escapes
   * it: a string as it is, a date or a time in ISO-8601 of any year, a number as its {@code
   * toString}.
   */
  public static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    StringBuilder b = new StringBuilder(32);
    value(b, value);
    return b.toString();
  }

  private static void value(StringBuilder b, Object value) {
    if (value instanceof Long l) {
      b.append(l.longValue());
    } else if (value instanceof Integer i) {
      b.append(i.intValue());
    } else if (value instanceof Boolean bool) {
      b.append(bool ? 't' : 'f');
    } else if (value instanceof OffsetDateTime time) {
      if (TimeText.appendDateTime(b, time.toLocalDateTime(), 'T')) {
        fractionAndOffset(b, time);
      } else {
        era(b, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time), time.getYear());
      }
    } else if (value instanceof LocalDate date) {
      era(b, date.toString(), date.getYear());
    } else {
      b.append(value); // numbers
    }
  }

  /**
   * After a time's date and time ({@link TimeText#appendDateTime}), the rest of what {@link
   * DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes: the fraction's digits without trailing zeros,
   * the offset ({@code Z}, {@code +05:30}).
   */
  private static void fractionAndOffset(StringBuilder b, OffsetDateTime time) {
    int nanos = time.getNano();
    if (nanos != 0) {
      int width = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        width--;
      }
      TimeText.appendDigits(b.append('.'), nanos, width);
    }
    b.append(time.getOffset().getId());
  }

  /**
   * Sends {@code rows} (made by {@link #row}) into {@code table}'s {@code columns} (a column list),
   * in the connection's transaction.
   *
   * @return how many rows were written
   */
  public static long copyIn(CopyManager copy, String table, String columns, CharSequence rows)
      throws SQLException {
    // bytes encoded here, whole: PgJDBC's copyIn(Reader) encodes each 64 K characters on its own,
    // which splits a character outside the Basic Multilingual Plane into two '?'; and written at
    // once, without copyIn(InputStream)'s buffer of its own for each COPY
    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
    CopyIn in = copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
    try {
      in.writeToCopy(bytes, 0, bytes.length);
      return in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  /**
   * An ISO-8601 date or time as PostgreSQL reads it for any year: ISO's year 0 and before are
   * PostgreSQL's 1 BC and before ({@code 0000-06-01} is {@code 0001-06-01 BC}), and a year past
   * 9999 is written without ISO's sign ({@code +10000-01-01} is {@code 10000-01-01}), as PgJDBC
   * binds them.
   */
  static void era(StringBuilder b, String iso, int year) {
    int monthDash = iso.indexOf('-', 1);
    if (year >= 1 && year <= 9999) {
      b.append(iso);
      return;
    }
    String shown = Integer.toString(year <= 0 ? 1 - year : year);
    b.append("0".repeat(Math.max(0, 4 - shown.length()))).append(shown);
    b.append(iso, monthDash, iso.length());
    if (year <= 0) {
      b.append(" BC");
    }
  }

  /**
   * COPY's text format: a backslash, a tab, a line break are escaped; the runs between them are
   * appended whole.
   */
  private static void escape(StringBuilder b, String s) {
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      String escaped =
          switch (s.charAt(i)) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> null;
          };
      if (escaped != null) {
        b.append(s, run, i).append(escaped);
        run = i + 1;
      }
    }
    b.append(s, run, s.length());
  }
}

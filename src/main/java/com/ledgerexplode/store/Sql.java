package com.ledgerexplode.store;

import com.ledgerexplode.ledger.FieldSpec;
import com.ledgerexplode.ledger.FieldType;
import com.ledgerexplode.ledger.Fields;
import com.ledgerexplode.ledger.LedgerTime;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/** How ledger values go into and come out of the store's columns, the same on H2 and PostgreSQL. */
final class Sql {
  private Sql() {}

  /** SQLState of a unique or primary key violation, on H2 and PostgreSQL alike. */
  static final String UNIQUE_VIOLATION = "23505";

  /**
   * Whether the failure is a unique or primary key violation: its own SQLState, or that of an
   * exception it chains (a batch's failure carries its statement's as the next exception).
   */
  static boolean isUniqueViolation(SQLException failure) {
    for (SQLException e = failure; e != null; e = e.getNextException()) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())
          || (e.getCause() instanceof SQLException cause
              && UNIQUE_VIOLATION.equals(cause.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /** A column's name as SQL text: {@code value} is a keyword in H2, so it is always quoted. */
  static String column(String name) {
    return name.equals("value") ? "\"value\"" : name;
  }

  /**
   * The columns of these fields, comma-separated, in the enum's order; a time's column is followed
   * by that of its fraction's digits ({@link #digitsColumn}).
   */
  static String columns(FieldSpec[] fields) {
    StringJoiner joiner = new StringJoiner(", ");
    for (FieldSpec field : fields) {
      joiner.add(column(field.column()));
      if (field.type() == FieldType.TIMESTAMP) {
        joiner.add(digitsColumn(field.column()));
      }
    }
    return joiner.toString();
  }

  /**
   * The column beside a time's that keeps how many digits its fraction was given with; NULL in the
   * rows written before it existed (V5), which read as they did then ({@link LedgerTime#of}).
   */
  static String digitsColumn(String timeColumn) {
    return timeColumn + "_fraction_digits";
  }

  static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  /** A single SQL array parameter of these ids (distinct), for {@code col = ANY(?)}. */
  static Array longs(Connection connection, Collection<Long> values) throws SQLException {
    return connection.createArrayOf("bigint", new LinkedHashSet<>(values).toArray(new Long[0]));
  }

  static Array texts(Connection connection, Collection<String> values) throws SQLException {
    return connection.createArrayOf("varchar", new LinkedHashSet<>(values).toArray(new String[0]));
  }

  /** A value as a row of a {@link RowSink} holds it: a decimal as its plain text. */
  static @Nullable Object value(FieldType type, @Nullable Object value) {
    if (type == FieldType.TIMESTAMP) {
      throw new IllegalArgumentException("a time takes two columns: putTime");
    }
    return value instanceof BigDecimal decimal ? decimal.toPlainString() : value;
  }

  /**
   * Puts a time at {@code index} of a row and its fraction's digits at the next index (both null
   * for no time).
   */
  static void putTime(@Nullable Object[] row, int index, @Nullable LedgerTime time) {
    if (time != null) {
      row[index] = OffsetDateTime.ofInstant(time.instant(), ZoneOffset.UTC);
      row[index + 1] = (short) time.fractionDigits();
    }
  }

  /** Puts each field given into the row from {@code first} on, in the enum's order. */
  static <F extends Enum<F> & FieldSpec> void putFields(
      @Nullable Object[] row, int first, F[] all, Fields<F> fields) {
    int index = first;
    for (F field : all) {
      if (field.type() == FieldType.TIMESTAMP) {
        putTime(row, index, (LedgerTime) fields.get(field));
        index += 2;
      } else {
        row[index++] = value(field.type(), fields.get(field));
      }
    }
  }

  /**
   * Reads the fields from {@code first} on, {@code all} being the enum's constants (its {@code
   * values()}, kept by the caller rather than copied for every row); a NULL column is a field not
   * given.
   */
  static <F extends Enum<F> & FieldSpec> Fields<F> readFields(ResultSet rs, int first, F[] all)
      throws SQLException {
    Fields.Builder<F> values = new Fields.Builder<>(all[0].getDeclaringClass());
    int index = first;
    for (F field : all) {
      Object value =
          switch (field.type()) {
            case DECIMAL -> decimal(rs, index);
            case INTEGER -> nullableLong(rs, index);
            case TEXT -> rs.getString(index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case TIMESTAMP -> time(rs, index);
          };
      index += field.type() == FieldType.TIMESTAMP ? 2 : 1;
      if (value != null) {
        values.put(field, value);
      }
    }
    return values.build();
  }

  static @Nullable BigDecimal decimal(ResultSet rs, int index) throws SQLException {
    String text = rs.getString(index);
    return text == null ? null : new BigDecimal(text);
  }

  static @Nullable Long nullableLong(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : value;
  }

  /**
   * The time in the column at {@code index} with its fraction's digits from the next column; when
   * those are NULL (a row written before they were kept), the digits an ISO-8601 instant writes, as
   * the time read then.
   */
  static @Nullable LedgerTime time(ResultSet rs, int index) throws SQLException {
    OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
    if (value == null) {
      return null;
    }
    int digits = rs.getInt(index + 1);
    return rs.wasNull()
        ? LedgerTime.of(value.toInstant())
        : new LedgerTime(value.toInstant(), digits);
  }

  static int sqlType(FieldType type) {
    return switch (type) {
      case DECIMAL, TEXT -> Types.VARCHAR;
      case INTEGER -> Types.BIGINT;
      case DATE -> Types.DATE;
      case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
    };
  }
}

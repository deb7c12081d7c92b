package com.ledgerexplode.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Binds a parameter with the setter of its value's type ({@code setLong}, {@code setString}, {@code
 * setBigDecimal}, ..., a date or a time with its SQL type), so that PgJDBC sends each parameter
 * typed as its column is, the same from row to row of a batch, and does not prepare the statement
 * again; a null with the column's SQL type.
 */
public final class TypedBinds {
  private TypedBinds() {}

  /**
   * Binds {@code value} ({@code Long}, {@code Integer}, {@code Short}, {@code BigDecimal}, {@code
   * Boolean}, {@code String}, {@code LocalDate}, {@code OffsetDateTime}, or null) at {@code index};
   * a null as {@code nullType} ({@link Types}), any other value by {@code setObject}.
   */
  public static void bind(PreparedStatement ps, int index, @Nullable Object value, int nullType)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, nullType);
    } else if (value instanceof String s) {
      ps.setString(index, s);
    } else if (value instanceof Long l) {
      ps.setLong(index, l);
    } else if (value instanceof Integer i) {
      ps.setInt(index, i);
    } else if (value instanceof Short s) {
      ps.setShort(index, s);
    } else if (value instanceof BigDecimal d) {
      ps.setBigDecimal(index, d);
    } else if (value instanceof Boolean b) {
      ps.setBoolean(index, b);
    } else if (value instanceof OffsetDateTime) {
      ps.setObject(index, value, Types.TIMESTAMP_WITH_TIMEZONE);
    } else if (value instanceof LocalDate) {
      ps.setObject(index, value, Types.DATE);
    } else {
      ps.setObject(index, value);
    }
  }
}

package com.ledgerexplode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Where an import's rows go, table by table, on one connection whose transaction the caller owns:
 * JDBC batches of a prepared INSERT ({@link #batches}), or PostgreSQL's COPY ({@link #copy}). A row
 * is an array of values in the table's column order: {@code Long}, {@code Integer}, {@code Short},
 * {@code Boolean}, {@code String}, {@code LocalDate}, {@code OffsetDateTime}, or null.
 */
interface RowSink extends AutoCloseable {

  /** A table rows are written to: its name and its columns with their {@link Types}. */
  final class Table {
    private final String name;
    private final List<String> columns;
    private final int[] types;

    Table(String name, List<String> columns, int[] types) {
      if (columns.size() != types.length) {
        throw new IllegalArgumentException(name + ": a type per column");
      }
      this.name = name;
      this.columns = List.copyOf(columns);
      this.types = types.clone();
    }

    String name() {
      return name;
    }

    int width() {
      return columns.size();
    }

    int type(int index) {
      return types[index];
    }

    String columnList() {
      return String.join(", ", columns);
    }
  }

  /**
   * Takes a row for the table named {@code prefix + table.name()}; the sink owns the array after.
   */
  void row(Table table, @Nullable Object[] values) throws SQLException;

  /** Sends what is buffered: all of it, or only when its size is worth a round trip. */
  void flush(boolean all) throws SQLException;

  @Override
  void close() throws SQLException;

  /** Rows as JDBC batches, one prepared statement per table. */
  static RowSink batches(Connection connection, String prefix) {
    return new Batches(connection, prefix);
  }

  /** Rows as COPY FROM STDIN ({@link CopyText}), a buffer per table. */
  static RowSink copy(Connection connection, String prefix) throws SQLException {
    return new Copy(new CopyManager(connection.unwrap(BaseConnection.class)), prefix);
  }

  final class Batches implements RowSink {
    private final Connection connection;
    private final String prefix;
    private final Map<Table, PreparedStatement> statements = new LinkedHashMap<>();

    private Batches(Connection connection, String prefix) {
      this.connection = connection;
      this.prefix = prefix;
    }

    @Override
    public void row(Table table, @Nullable Object[] values) throws SQLException {
      PreparedStatement ps = statements.get(table);
      if (ps == null) {
        ps =
            connection.prepareStatement(
                "INSERT INTO "
                    + prefix
                    + table.name()
                    + " ("
                    + table.columnList()
                    + ") VALUES ("
                    + Sql.placeholders(table.width())
                    + ")");
        statements.put(table, ps);
      }
      for (int i = 0; i < values.length; i++) {
        TypedBinds.bind(ps, i + 1, values[i], table.type(i));
      }
      ps.addBatch();
    }

    @Override
    public void flush(boolean all) throws SQLException {
      for (PreparedStatement ps : statements.values()) {
        ps.executeBatch();
      }
    }

    @Override
    public void close() throws SQLException {
      SQLException failure = null;
      for (PreparedStatement ps : statements.values()) {
        try {
          ps.close();
        } catch (SQLException e) {
          failure = e;
        }
      }
      statements.clear();
      if (failure != null) {
        throw failure;
      }
    }
  }

  final class Copy implements RowSink {
    /** Buffered characters, all tables together, above which a flush sends them. */
    static final int BUFFER_CHARS = 4 << 20;

    private final CopyManager copy;
    private final String prefix;
    private final Map<Table, StringBuilder> buffers = new LinkedHashMap<>();
    private int buffered;

    private Copy(CopyManager copy, String prefix) {
      this.copy = copy;
      this.prefix = prefix;
    }

    @Override
    public void row(Table table, @Nullable Object[] values) {
      StringBuilder b = buffers.computeIfAbsent(table, t -> new StringBuilder(1 << 16));
      int before = b.length();
      CopyText.row(b, values);
      buffered += b.length() - before;
    }

    @Override
    public void flush(boolean all) throws SQLException {
      if (!all && buffered < BUFFER_CHARS) {
        return;
      }
      for (Map.Entry<Table, StringBuilder> entry : buffers.entrySet()) {
        StringBuilder rows = entry.getValue();
        if (rows.length() == 0) {
          continue;
        }
        Table table = entry.getKey();
        CopyText.copyIn(copy, prefix + table.name(), table.columnList(), rows);
        rows.setLength(0);
      }
      buffered = 0;
    }

    @Override
    public void close() {
      buffers.clear();
    }
  }
}

package com.ledgerexplode.bench.floor;

import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.FieldSpec;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.LineItemField;
import com.ledgerexplode.ledger.PointsField;
import com.ledgerexplode.store.Databases;
import com.ledgerexplode.store.LedgerSchema;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The hand-written floor of {@code ledger import}: what loading a valid snapshot into an empty
 * ledger store costs at least, with plain JDBC and Jackson's streaming parser, into the same tables
 * and columns with the same values as the product (decimals as plain text, times with their
 * fraction's digits, details and blocks as JSON text). It checks nothing: no validation, no
 * duplicates, no references, no replacement. COPY on PostgreSQL ({@link Mode#COPY}) or batched
 * inserts ({@link Mode#BATCH}) on both. One transaction, committed at the end. Test code: the
 * figure the product's import is measured against ({@code FloorBenchmark}).
 */
public final class ImportFloor {
  /** How rows reach the database. */
  public enum Mode {
    COPY,
    BATCH
  }

  private static final int RECORDS_PER_BATCH = 1000;
  private static final int COPY_BUFFER_CHARS = 4 << 20;
  private static final JsonFactory JSON = new JsonFactory();

  /** A table: its columns and their SQL types. Identity is equality. */
  static final class Table {
    private final String name;
    private final List<String> columns;
    private final int[] types;
    private final Map<FieldSpec, Integer> fieldIndexes = new HashMap<>();

    Table(String name, List<String> columns, int[] types) {
      this.name = name;
      this.columns = columns;
      this.types = types;
    }

    String name() {
      return name;
    }

    List<String> columns() {
      return columns;
    }

    int type(int index) {
      return types[index];
    }

    int index(String column) {
      return columns.indexOf(column);
    }

    /** A field's column, looked up once per table and field. */
    int index(FieldSpec field) {
      return fieldIndexes.computeIfAbsent(field, f -> index(column(f)));
    }
  }

  private static final Table ORG =
      table("ledger_org", "org_id:B", "name:V", "source_value_capturing:Z");
  private static final Table CONNECTION =
      table("ledger_org_connection", "org_id:B", "position:I", "connected_org_id:B");
  private static final Table CUSTOMER = table("ledger_customer", "org_id:B", "customer_id:B");
  private static final Table IDENTIFIER =
      table(
          "ledger_identifier",
          "org_id:B",
          "customer_id:B",
          "position:I",
          "name:V",
          "\"value\":V",
          "value_key:V",
          "source:V",
          "account_id:V");
  private static final Table GROUP =
      table("ledger_group", "org_id:B", "group_id:B", "primary_customer_id:B");
  private static final Table MEMBER =
      table("ledger_group_member", "org_id:B", "group_id:B", "position:I", "customer_id:B");
  private static final Table EVENT =
      table(
          "ledger_event",
          "org_id:B",
          "event_log_id:B",
          "customer_id:B",
          "group_id:B",
          "event_name:V",
          "event_time:T",
          "event_time_fraction_digits:S",
          "till_id:B",
          "event_reference_id:V",
          "unique_id:V",
          "details:V",
          "blocks:V");
  private static final Table POINTS =
      table(
          "ledger_points",
          fields(
              PointsField.values(),
              "org_id:B",
              "event_log_id:B",
              "position:I",
              "bucket:V",
              "line_position:B"));
  private static final Table BILL =
      table("ledger_bill", fields(BillField.values(), "org_id:B", "event_log_id:B"));
  private static final Table LINE_ITEM =
      table(
          "ledger_line_item",
          fields(LineItemField.values(), "org_id:B", "event_log_id:B", "position:I"));
  private static final Table FIELD =
      table(
          "ledger_event_field",
          "org_id:B",
          "event_log_id:B",
          "kind:V",
          "position:I",
          "name:V",
          "\"value\":V");
  private static final Table PAYMENT_MODE =
      table(
          "ledger_payment_mode", "org_id:B", "event_log_id:B", "position:I", "mode:V", "amount:V");
  private static final Table CURRENCY =
      table(
          "ledger_alternate_currency",
          fields(
              PointsField.values(),
              "org_id:B",
              "event_log_id:B",
              "position:I",
              "name:V",
              "identifier:V",
              "bucket:V"));

  private static final Map<String, PointsField> POINTS_FIELDS = byJsonName(PointsField.values());
  private static final Map<String, BillField> BILL_FIELDS = byJsonName(BillField.values());
  private static final Map<String, LineItemField> LINE_ITEM_FIELDS =
      byJsonName(LineItemField.values());

  private final Sink sink;

  private ImportFloor(Sink sink) {
    this.sink = sink;
  }

  /**
   * {@code ImportFloor JDBC_URL SNAPSHOT COPY|BATCH}: a load in its own JVM, as {@code ledger
   * import} runs in its own: creates the ledger tables in the empty database (the product's schema,
   * as the import creates them), then loads the snapshot; prints what it did.
   */
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    try (HikariDataSource dataSource = Databases.open(args[0], "LEDGER_DB", Map.of())) {
      LedgerSchema.migrate(dataSource);
      try (Connection c = dataSource.getConnection()) {
        long lines = load(c, Path.of(args[1]), Mode.valueOf(args[2]));
        System.out.printf(
            Locale.ROOT, "floor: %d lines in %.2f s%n", lines, (System.nanoTime() - start) / 1e9);
      }
    }
  }

  /**
   * Loads the snapshot into the ledger tables (which must exist) in one transaction.
   *
   * @return the lines read
   */
  public static long load(Connection connection, Path snapshot, Mode mode)
      throws IOException, SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    Sink sink = mode == Mode.COPY ? new CopySink(connection) : new BatchSink(connection);
    long lines = 0;
    try (BufferedReader in = Files.newBufferedReader(snapshot, StandardCharsets.UTF_8)) {
      ImportFloor floor = new ImportFloor(sink);
      long records = 0;
      String line;
      while ((line = in.readLine()) != null) {
        lines++;
        if (line.isBlank()) {
          continue;
        }
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), line)) {
          p.nextToken();
          floor.record(p);
        }
        if (++records % RECORDS_PER_BATCH == 0) {
          sink.flush(false);
        }
      }
      sink.flush(true);
      connection.commit();
    } catch (IOException | SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      sink.close();
      connection.setAutoCommit(autoCommit);
    }
    return lines;
  }

  /** One record: the parser is at its START_OBJECT. */
  private void record(JsonParser p) throws SQLException {
    Map<String, Object> scalars = new HashMap<>();
    List<Object[]> children = new ArrayList<>();
    List<Table> childTables = new ArrayList<>();
    Object[] event = new Object[EVENT.columns().size()];
    Object[] bill = null;
    String kind = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken token = p.nextToken();
      switch (name) {
        case "kind" -> kind = p.getString();
        case "connectedOrgIds", "memberCustomerIds" -> {
          List<Long> ids = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            ids.add(p.getLongValue());
          }
          scalars.put(name, ids);
        }
        case "identifiers" -> {
          int position = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Object[] row = new Object[IDENTIFIER.columns().size()];
            row[2] = position++;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
              String field = p.currentName();
              p.nextToken();
              String value = p.getString();
              switch (field) {
                case "name" -> row[3] = value;
                case "value" -> {
                  row[4] = value;
                  row[5] = value.toLowerCase(Locale.ROOT);
                }
                case "source" -> row[6] = value;
                default -> row[7] = value;
              }
            }
            add(children, childTables, IDENTIFIER, row);
          }
        }
        case "points" -> {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            add(children, childTables, POINTS, points(p, POINTS, 3, null));
          }
        }
        case "bill" -> {
          bill = new Object[BILL.columns().size()];
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("lineItems")) {
              long line = 0;
              while (p.nextToken() == JsonToken.START_OBJECT) {
                Object[] item = new Object[LINE_ITEM.columns().size()];
                item[2] = (int) line;
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                  String itemField = p.currentName();
                  p.nextToken();
                  if (itemField.equals("points")) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                      add(children, childTables, POINTS, points(p, POINTS, 3, line));
                    }
                  } else {
                    LineItemField f = LINE_ITEM_FIELDS.get(itemField);
                    set(item, LINE_ITEM, f, p);
                  }
                }
                add(children, childTables, LINE_ITEM, item);
                line++;
              }
            } else {
              set(bill, BILL, BILL_FIELDS.get(field), p);
            }
          }
        }
        case "customFields", "extendedFields" -> {
          int position = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Object[] row = new Object[FIELD.columns().size()];
            row[2] = name.equals("customFields") ? "custom" : "extended";
            row[3] = position++;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
              String field = p.currentName();
              p.nextToken();
              row[field.equals("name") ? 4 : 5] = p.getString();
            }
            add(children, childTables, FIELD, row);
          }
        }
        case "paymentModes" -> {
          int position = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Object[] row = new Object[PAYMENT_MODE.columns().size()];
            row[2] = position++;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
              String field = p.currentName();
              p.nextToken();
              row[3 + (field.equals("mode") ? 0 : 1)] =
                  field.equals("mode") ? p.getString() : decimal(p);
            }
            add(children, childTables, PAYMENT_MODE, row);
          }
        }
        case "alternateCurrencies" -> {
          int position = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Object[] row = points(p, CURRENCY, 5, null);
            row[2] = position++;
            add(children, childTables, CURRENCY, row);
          }
        }
        case "details", "blocks" -> event[EVENT.index(name)] = copy(p);
        default -> {
          if (token == JsonToken.VALUE_NUMBER_INT) {
            scalars.put(name, p.getLongValue());
          } else if (token == JsonToken.VALUE_STRING) {
            scalars.put(name, p.getString());
          } else if (token.isBoolean()) {
            scalars.put(name, token == JsonToken.VALUE_TRUE);
          }
        }
      }
    }
    long org = (Long) scalars.get("orgId");
    switch (String.valueOf(kind)) {
      case "org" -> {
        Object capturing = scalars.get("sourceValueCapturing");
        sink.row(
            ORG, new Object[] {org, scalars.get("name"), capturing == null || (Boolean) capturing});
        positions(CONNECTION, org, scalars.get("connectedOrgIds"));
      }
      case "customer" -> {
        Object customer = scalars.get("customerId");
        sink.row(CUSTOMER, new Object[] {org, customer});
        emit(children, childTables, org, customer);
      }
      case "group" -> {
        Object group = scalars.get("groupId");
        sink.row(GROUP, new Object[] {org, group, scalars.get("primaryCustomerId")});
        positions(MEMBER, org, group, scalars.get("memberCustomerIds"));
      }
      default -> {
        Object id = scalars.get("eventLogId");
        event[0] = org;
        event[1] = id;
        event[2] = scalars.get("customerId");
        event[3] = scalars.get("groupId");
        event[4] = scalars.get("eventName");
        Object time = scalars.get("eventTime");
        if (time != null) {
          LedgerTime t = LedgerTime.parse((String) time);
          event[5] = OffsetDateTime.ofInstant(t.instant(), ZoneOffset.UTC);
          event[6] = (short) t.fractionDigits();
        }
        event[7] = scalars.get("tillId");
        Object reference = scalars.get("eventReferenceId");
        event[8] = reference == null ? null : reference.toString();
        event[9] = scalars.get("uniqueId");
        sink.row(EVENT, event);
        if (bill != null) {
          bill[0] = org;
          bill[1] = id;
          sink.row(BILL, bill);
        }
        // the product numbers the event's own points first, then its lines' points
        int position = 0;
        for (int pass = 0; pass < 2; pass++) {
          for (int i = 0; i < children.size(); i++) {
            if (childTables.get(i) == POINTS && (children.get(i)[4] == null) == (pass == 0)) {
              children.get(i)[2] = position++;
            }
          }
        }
        emit(children, childTables, org, id);
      }
    }
  }

  private static void add(List<Object[]> rows, List<Table> tables, Table table, Object[] row) {
    rows.add(row);
    tables.add(table);
  }

  private void emit(List<Object[]> rows, List<Table> tables, Object org, Object id)
      throws SQLException {
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = rows.get(i);
      row[0] = org;
      row[1] = id;
      sink.row(tables.get(i), row);
    }
  }

  /** Rows (org, position, id) or, with a middle key, (org, key, position, id). */
  private void positions(Table table, Object... values) throws SQLException {
    @SuppressWarnings("unchecked")
    List<Long> ids = (List<Long>) values[values.length - 1];
    if (ids == null) {
      return;
    }
    for (int i = 0; i < ids.size(); i++) {
      Object[] row =
          values.length == 2
              ? new Object[] {values[0], i, ids.get(i)}
              : new Object[] {values[0], values[1], i, ids.get(i)};
      sink.row(table, row);
    }
  }

  /** A points entry (or an alternate currency: its name and identifier before the bucket). */
  private static Object[] points(JsonParser p, Table table, int bucketIndex, Long line) {
    Object[] row = new Object[table.columns().size()];
    if (table == POINTS) {
      row[4] = line;
    }
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "bucket" -> row[bucketIndex] = p.getString();
        case "name" -> row[3] = p.getString();
        case "identifier" -> row[4] = p.getString();
        default -> set(row, table, POINTS_FIELDS.get(field), p);
      }
    }
    return row;
  }

  /** A typed field's value (and for a time, its fraction's digits in the next column). */
  private static void set(Object[] row, Table table, FieldSpec field, JsonParser p) {
    int index = table.index(field);
    switch (field.type()) {
      case DECIMAL -> row[index] = decimal(p);
      case INTEGER -> row[index] = p.getLongValue();
      case TEXT -> row[index] = p.getString();
      case DATE -> row[index] = LocalDate.parse(p.getString());
      case TIMESTAMP -> {
        LedgerTime t = LedgerTime.parse(p.getString());
        row[index] = OffsetDateTime.ofInstant(t.instant(), ZoneOffset.UTC);
        row[index + 1] = (short) t.fractionDigits();
      }
    }
  }

  private static String decimal(JsonParser p) {
    return new BigDecimal(p.getString()).toPlainString();
  }

  /** A details or blocks object as JSON text, as it was written (numbers with their digits). */
  private static String copy(JsonParser p) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.copyCurrentStructureExact(p);
    }
    return out.toString();
  }

  private static String column(FieldSpec field) {
    return field.column().equals("value") ? "\"value\"" : field.column();
  }

  private static String[] fields(FieldSpec[] fields, String... first) {
    List<String> all = new ArrayList<>(List.of(first));
    for (FieldSpec field : fields) {
      switch (field.type()) {
        case DECIMAL, TEXT -> all.add(column(field) + ":V");
        case INTEGER -> all.add(column(field) + ":B");
        case DATE -> all.add(column(field) + ":D");
        case TIMESTAMP -> {
          all.add(column(field) + ":T");
          all.add(column(field) + "_fraction_digits:S");
        }
      }
    }
    return all.toArray(new String[0]);
  }

  static Table table(String name, String... columns) {
    List<String> names = new ArrayList<>();
    int[] types = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      int colon = columns[i].indexOf(':');
      names.add(columns[i].substring(0, colon));
      types[i] =
          switch (columns[i].substring(colon + 1)) {
            case "B" -> Types.BIGINT;
            case "I" -> Types.INTEGER;
            case "S" -> Types.SMALLINT;
            case "Z" -> Types.BOOLEAN;
            case "N" -> Types.NUMERIC;
            case "J" -> Types.OTHER;
            case "D" -> Types.DATE;
            case "T" -> Types.TIMESTAMP_WITH_TIMEZONE;
            default -> Types.VARCHAR;
          };
    }
    return new Table(name, List.copyOf(names), types);
  }

  private static <F extends FieldSpec> Map<String, F> byJsonName(F[] fields) {
    Map<String, F> map = new LinkedHashMap<>();
    for (F field : fields) {
      map.put(field.jsonName(), field);
    }
    return map;
  }

  interface Sink {
    void row(Table table, Object[] values) throws SQLException;

    /** Sends what is buffered; {@code all}: whatever its size. */
    void flush(boolean all) throws SQLException;

    void close() throws SQLException;
  }

  /** Batched inserts: one prepared statement per table, executed every batch of records. */
  static final class BatchSink implements Sink {
    private final Connection connection;
    private final Map<Table, PreparedStatement> statements = new LinkedHashMap<>();
    private final java.util.function.Function<Table, String> after;

    BatchSink(Connection connection) {
      this(connection, t -> "");
    }

    /** Inserts followed by {@code after}'s text for the table (an ON CONFLICT clause). */
    BatchSink(Connection connection, java.util.function.Function<Table, String> after) {
      this.connection = connection;
      this.after = after;
    }

    @Override
    public void row(Table table, Object[] values) throws SQLException {
      PreparedStatement ps = statements.get(table);
      if (ps == null) {
        ps =
            connection.prepareStatement(
                "INSERT INTO "
                    + table.name()
                    + " ("
                    + String.join(", ", table.columns())
                    + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(values.length, "?"))
                    + ")"
                    + after.apply(table));
        statements.put(table, ps);
      }
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          ps.setNull(i + 1, table.type(i));
        } else {
          ps.setObject(i + 1, values[i], table.type(i));
        }
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
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
    }
  }

  /** COPY FROM STDIN in text format, a buffer per table sent when the buffers grow large. */
  static final class CopySink implements Sink {
    private final CopyManager copy;
    private final Map<Table, StringBuilder> buffers = new LinkedHashMap<>();
    private int buffered;

    CopySink(Connection connection) throws SQLException {
      this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    @Override
    public void row(Table table, Object[] values) {
      StringBuilder b = buffers.computeIfAbsent(table, t -> new StringBuilder(1 << 16));
      int before = b.length();
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          b.append('\t');
        }
        Object v = values[i];
        if (v == null) {
          b.append("\\N");
        } else if (v instanceof String s) {
          escape(b, s);
        } else if (v instanceof BigDecimal d) {
          b.append(d.toPlainString());
        } else if (v instanceof Boolean bool) {
          b.append(bool ? 't' : 'f');
        } else {
          b.append(v);
        }
      }
      b.append('\n');
      buffered += b.length() - before;
    }

    private static void escape(StringBuilder b, String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '\\' -> b.append("\\\\");
          case '\t' -> b.append("\\t");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          default -> b.append(c);
        }
      }
    }

    @Override
    public void flush(boolean all) throws SQLException {
      if (!all && buffered < COPY_BUFFER_CHARS) {
        return;
      }
      try {
        for (Map.Entry<Table, StringBuilder> entry : buffers.entrySet()) {
          if (entry.getValue().length() > 0) {
            Table t = entry.getKey();
            copy.copyIn(
                "COPY " + t.name() + " (" + String.join(", ", t.columns()) + ") FROM STDIN",
                // UTF-8 bytes encoded whole: copyIn(Reader) splits a character outside the BMP
                // at each 64 K
                new ByteArrayInputStream(
                    entry.getValue().toString().getBytes(StandardCharsets.UTF_8)));
            entry.getValue().setLength(0);
          }
        }
      } catch (IOException e) {
        throw new SQLException(e);
      }
      buffered = 0;
    }

    @Override
    public void close() throws SQLException {
      // nothing held
    }
  }
}

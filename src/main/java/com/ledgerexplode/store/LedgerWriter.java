package com.ledgerexplode.store;

import static java.sql.Types.BIGINT;
import static java.sql.Types.BOOLEAN;
import static java.sql.Types.INTEGER;
import static java.sql.Types.SMALLINT;
import static java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
import static java.sql.Types.VARCHAR;

import com.ledgerexplode.json.snapshot.TypeDetailJson;
import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Customer;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.FieldSpec;
import com.ledgerexplode.ledger.FieldType;
import com.ledgerexplode.ledger.Group;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.ledger.LedgerEvent;
import com.ledgerexplode.ledger.LineItem;
import com.ledgerexplode.ledger.LineItemField;
import com.ledgerexplode.ledger.NameValue;
import com.ledgerexplode.ledger.Org;
import com.ledgerexplode.ledger.PaymentMode;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import com.ledgerexplode.ledger.SnapshotRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Writes snapshot records as rows of the ledger's tables (or of tables named like them after a
 * prefix: an import's staging tables) through a {@link RowSink}: JDBC batches, or COPY on
 * PostgreSQL. It only inserts: the caller sees that no record is written twice and replaces those
 * already in the store. Not thread-safe.
 */
final class LedgerWriter implements AutoCloseable {

  /** The tables of one kind of record, the first its root; rows keyed by org and one id. */
  enum Family {
    ORG(null, "ledger_org", "ledger_org_connection"),
    CUSTOMER("customer_id", "ledger_customer", "ledger_identifier"),
    GROUP("group_id", "ledger_group", "ledger_group_member"),
    EVENT(
        "event_log_id",
        "ledger_event",
        "ledger_points",
        "ledger_bill",
        "ledger_line_item",
        "ledger_event_field",
        "ledger_payment_mode",
        "ledger_alternate_currency");

    final @Nullable String idColumn;

    @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable, which its type cannot say
    final List<String> tables;

    Family(@Nullable String idColumn, String... tables) {
      this.idColumn = idColumn;
      this.tables = List.of(tables);
    }

    /** The record's kind as a bad line names it: {@code org}, {@code customer} ... */
    String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Which of these ids (of one org; for orgs, these org ids and {@code orgId} ignored) have a
     * root row, with a statement of {@link #existingSql} prepared for this family. Driven from the
     * array ({@code UNNEST(?)} joined to the key) rather than {@code id = ANY(?)}: H2 plans a
     * statement when first run, on a table still empty in an import, and then scans it for every
     * batch, which made an import quadratic.
     */
    List<Long> existing(PreparedStatement select, long orgId, Collection<Long> ids)
        throws SQLException {
      select.setArray(1, Sql.longs(select.getConnection(), ids));
      if (idColumn != null) {
        select.setLong(2, orgId);
      }
      List<Long> found = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getLong(1));
        }
      }
      return found;
    }

    /** The statement {@link #existing} runs. */
    String existingSql() {
      return idColumn == null
          ? "SELECT t.org_id FROM UNNEST(?) AS k(id) JOIN "
              + tables.get(0)
              + " t ON t.org_id = k.id"
          : "SELECT t."
              + idColumn
              + " FROM UNNEST(?) AS k(id) JOIN "
              + tables.get(0)
              + " t ON t."
              + idColumn
              + " = k.id WHERE t.org_id = ?";
    }
  }

  static final RowSink.Table ORG =
      table("ledger_org", "org_id", BIGINT, "name", VARCHAR, "source_value_capturing", BOOLEAN);
  static final RowSink.Table CONNECTION =
      table(
          "ledger_org_connection",
          "org_id",
          BIGINT,
          "position",
          INTEGER,
          "connected_org_id",
          BIGINT);
  static final RowSink.Table CUSTOMER =
      table("ledger_customer", "org_id", BIGINT, "customer_id", BIGINT);
  static final RowSink.Table IDENTIFIER =
      table(
          "ledger_identifier",
          "org_id",
          BIGINT,
          "customer_id",
          BIGINT,
          "position",
          INTEGER,
          "name",
          VARCHAR,
          "\"value\"",
          VARCHAR,
          "value_key",
          VARCHAR,
          "source",
          VARCHAR,
          "account_id",
          VARCHAR);
  static final RowSink.Table GROUP =
      table("ledger_group", "org_id", BIGINT, "group_id", BIGINT, "primary_customer_id", BIGINT);
  static final RowSink.Table MEMBER =
      table(
          "ledger_group_member",
          "org_id",
          BIGINT,
          "group_id",
          BIGINT,
          "position",
          INTEGER,
          "customer_id",
          BIGINT);
  static final RowSink.Table EVENT =
      table(
          "ledger_event",
          "org_id",
          BIGINT,
          "event_log_id",
          BIGINT,
          "customer_id",
          BIGINT,
          "group_id",
          BIGINT,
          "event_name",
          VARCHAR,
          "event_time",
          TIMESTAMP_WITH_TIMEZONE,
          "event_time_fraction_digits",
          SMALLINT,
          "till_id",
          BIGINT,
          "event_reference_id",
          VARCHAR,
          "unique_id",
          VARCHAR,
          "details",
          VARCHAR,
          "blocks",
          VARCHAR);
  static final RowSink.Table POINTS =
      table(
          "ledger_points",
          PointsField.values(),
          "org_id",
          BIGINT,
          "event_log_id",
          BIGINT,
          "position",
          INTEGER,
          "bucket",
          VARCHAR,
          "line_position",
          BIGINT);
  static final RowSink.Table BILL =
      table("ledger_bill", BillField.values(), "org_id", BIGINT, "event_log_id", BIGINT);
  static final RowSink.Table LINE_ITEM =
      table(
          "ledger_line_item",
          LineItemField.values(),
          "org_id",
          BIGINT,
          "event_log_id",
          BIGINT,
          "position",
          INTEGER);
  static final RowSink.Table FIELD =
      table(
          "ledger_event_field",
          "org_id",
          BIGINT,
          "event_log_id",
          BIGINT,
          "kind",
          VARCHAR,
          "position",
          INTEGER,
          "name",
          VARCHAR,
          "\"value\"",
          VARCHAR);
  static final RowSink.Table PAYMENT_MODE =
      table(
          "ledger_payment_mode",
          "org_id",
          BIGINT,
          "event_log_id",
          BIGINT,
          "position",
          INTEGER,
          "mode",
          VARCHAR,
          "amount",
          VARCHAR);
  static final RowSink.Table CURRENCY =
      table(
          "ledger_alternate_currency",
          PointsField.values(),
          "org_id",
          BIGINT,
          "event_log_id",
          BIGINT,
          "position",
          INTEGER,
          "name",
          VARCHAR,
          "identifier",
          VARCHAR,
          "bucket",
          VARCHAR);

  private final RowSink sink;
  private int pending;

  /** A writer of rows into this sink; closing the writer closes it. */
  LedgerWriter(RowSink sink) {
    this.sink = sink;
  }

  /** A table of these columns, given as name and {@link java.sql.Types} in turn. */
  private static RowSink.Table table(String name, Object... columns) {
    return table(name, new FieldSpec[0], columns);
  }

  /** A table of these columns (name, type in turn), then those of the fields, in their order. */
  private static RowSink.Table table(String name, FieldSpec[] fields, Object... columns) {
    List<String> names = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    for (int i = 0; i < columns.length; i += 2) {
      names.add((String) columns[i]);
      types.add((Integer) columns[i + 1]);
    }
    for (FieldSpec field : fields) {
      names.add(Sql.column(field.column()));
      types.add(Sql.sqlType(field.type()));
      if (field.type() == FieldType.TIMESTAMP) {
        names.add(Sql.digitsColumn(field.column()));
        types.add(SMALLINT);
      }
    }
    return new RowSink.Table(name, names, types.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Writes the record's rows (the sink may hold them until {@link #flush}). */
  void add(SnapshotRecord record) throws SQLException {
    if (record instanceof SnapshotRecord.OrgRecord r) {
      insertOrg(r.org());
    } else if (record instanceof SnapshotRecord.CustomerRecord r) {
      insertCustomer(r.customer());
    } else if (record instanceof SnapshotRecord.GroupRecord r) {
      insertGroup(r.group());
    } else if (record instanceof SnapshotRecord.EventRecord r) {
      insertEvent(r.event());
    }
    pending++;
  }

  /** Records added since the last flush. */
  int pending() {
    return pending;
  }

  /** Sends the rows held: all of them, or as much as the sink finds worth a round trip. */
  void flush(boolean all) throws SQLException {
    sink.flush(all);
    pending = 0;
  }

  private void insertOrg(Org org) throws SQLException {
    sink.row(ORG, new Object[] {org.orgId(), org.name(), org.sourceValueCapturing()});
    List<Long> connected = org.connectedOrgIds();
    for (int i = 0; i < connected.size(); i++) {
      sink.row(CONNECTION, new Object[] {org.orgId(), i, connected.get(i)});
    }
  }

  private void insertCustomer(Customer customer) throws SQLException {
    sink.row(CUSTOMER, new Object[] {customer.orgId(), customer.customerId()});
    List<Identifier> identifiers = customer.identifiers();
    for (int i = 0; i < identifiers.size(); i++) {
      Identifier identifier = identifiers.get(i);
      sink.row(
          IDENTIFIER,
          new @Nullable Object[] {
            customer.orgId(),
            customer.customerId(),
            i,
            identifier.name(),
            identifier.value(),
            Identifier.valueKey(identifier.value()),
            identifier.source(),
            identifier.accountId()
          });
    }
  }

  private void insertGroup(Group group) throws SQLException {
    sink.row(
        GROUP, new @Nullable Object[] {group.orgId(), group.groupId(), group.primaryCustomerId()});
    List<Long> members = group.memberCustomerIds();
    for (int i = 0; i < members.size(); i++) {
      sink.row(MEMBER, new Object[] {group.orgId(), group.groupId(), i, members.get(i)});
    }
  }

  private void insertEvent(LedgerEvent event) throws SQLException {
    EventHeader h = event.header();
    @Nullable Object[] row = new @Nullable Object[EVENT.width()];
    row[0] = h.orgId();
    row[1] = h.eventLogId();
    row[2] = h.customerId();
    row[3] = h.groupId();
    row[4] = h.eventName();
    Sql.putTime(row, 5, h.eventTime());
    row[7] = h.tillId();
    row[8] = h.eventReferenceId();
    row[9] = h.uniqueId();
    row[10] = TypeDetailJson.toText(h.typeDetail().details());
    row[11] = TypeDetailJson.toText(h.typeDetail().blocks());
    sink.row(EVENT, row);

    EventSections s = event.sections();
    int position = 0;
    for (PointsEntry entry : s.points()) {
      insertPoints(h, position++, null, entry);
    }
    Bill bill = s.bill();
    if (bill != null) {
      List<LineItem> lines = bill.lineItems();
      for (int line = 0; line < lines.size(); line++) {
        for (PointsEntry entry : lines.get(line).points()) {
          insertPoints(h, position++, (long) line, entry);
        }
      }
      @Nullable Object[] b = child(BILL, h, -1);
      Sql.putFields(b, 2, BillField.values(), bill.fields());
      sink.row(BILL, b);
      for (int i = 0; i < lines.size(); i++) {
        @Nullable Object[] l = child(LINE_ITEM, h, i);
        Sql.putFields(l, 3, LineItemField.values(), lines.get(i).fields());
        sink.row(LINE_ITEM, l);
      }
    }
    insertFields(h, JdbcLedgerStore.CUSTOM, s.customFields());
    insertFields(h, JdbcLedgerStore.EXTENDED, s.extendedFields());
    List<PaymentMode> modes = s.paymentModes();
    for (int i = 0; i < modes.size(); i++) {
      @Nullable Object[] m = child(PAYMENT_MODE, h, i);
      m[3] = modes.get(i).mode();
      m[4] = Sql.value(FieldType.DECIMAL, modes.get(i).amount());
      sink.row(PAYMENT_MODE, m);
    }
    List<AlternateCurrency> currencies = s.alternateCurrencies();
    for (int i = 0; i < currencies.size(); i++) {
      AlternateCurrency currency = currencies.get(i);
      @Nullable Object[] c = child(CURRENCY, h, i);
      c[3] = currency.name();
      c[4] = currency.identifier();
      c[5] = currency.entry().bucket().jsonName();
      Sql.putFields(c, 6, PointsField.values(), currency.entry().fields());
      sink.row(CURRENCY, c);
    }
  }

  /** A points entry of the event, or of its line at {@code line} (0-based) when not null. */
  private void insertPoints(EventHeader h, int position, @Nullable Long line, PointsEntry entry)
      throws SQLException {
    @Nullable Object[] p = child(POINTS, h, position);
    p[3] = entry.bucket().jsonName();
    p[4] = line;
    Sql.putFields(p, 5, PointsField.values(), entry.fields());
    sink.row(POINTS, p);
  }

  private void insertFields(EventHeader h, String kind, List<NameValue> fields)
      throws SQLException {
    for (int i = 0; i < fields.size(); i++) {
      sink.row(
          FIELD,
          new @Nullable Object[] {
            h.orgId(), h.eventLogId(), kind, i, fields.get(i).name(), fields.get(i).value()
          });
    }
  }

  /**
   * A child row of the event: its org, event and (unless negative) position in the first columns.
   */
  private static @Nullable Object[] child(RowSink.Table table, EventHeader h, int position) {
    @Nullable Object[] row = new @Nullable Object[table.width()];
    row[0] = h.orgId();
    row[1] = h.eventLogId();
    if (position >= 0) {
      row[2] = position;
    }
    return row;
  }

  @Override
  public void close() throws SQLException {
    sink.close();
  }
}

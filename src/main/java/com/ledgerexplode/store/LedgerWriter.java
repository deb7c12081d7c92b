package com.ledgerexplode.store;

import com.ledgerexplode.json.snapshot.TypeDetailJson;
import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Customer;
import com.ledgerexplode.ledger.CustomerKey;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventKey;
import com.ledgerexplode.ledger.EventSections;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes snapshot records into the store in batches, on one connection whose transaction the caller
 * owns. A record replaces the one of the same key: its rows (root and children) are deleted, then
 * inserted again; within a batch the later record of a key wins. Not thread-safe.
 */
final class LedgerWriter implements AutoCloseable {

  private record GroupKey(long orgId, long groupId) {}

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

    /** Deletes the rows of one record: its id (for orgs, the org id) then its org. */
    String deleteSql(String table) {
      return idColumn == null
          ? "DELETE FROM " + table + " WHERE org_id = ?"
          : "DELETE FROM " + table + " WHERE " + idColumn + " = ? AND org_id = ?";
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

  private static final String INSERT_ORG =
      insert("ledger_org", "org_id, name, source_value_capturing");
  private static final String INSERT_CONNECTION =
      insert("ledger_org_connection", "org_id, position, connected_org_id");
  private static final String INSERT_CUSTOMER = insert("ledger_customer", "org_id, customer_id");
  private static final String INSERT_IDENTIFIER =
      insert(
          "ledger_identifier",
          "org_id, customer_id, position, name, \"value\", value_key, source, account_id");
  private static final String INSERT_GROUP =
      insert("ledger_group", "org_id, group_id, primary_customer_id");
  private static final String INSERT_MEMBER =
      insert("ledger_group_member", "org_id, group_id, position, customer_id");
  private static final String INSERT_EVENT =
      insert(
          "ledger_event",
          "org_id, event_log_id, customer_id, group_id, event_name, event_time,"
              + " event_time_fraction_digits, till_id, event_reference_id, unique_id, details,"
              + " blocks");
  private static final String INSERT_POINTS =
      insert(
          "ledger_points",
          "org_id, event_log_id, position, bucket, line_position, "
              + Sql.columns(PointsField.values()));
  private static final String INSERT_BILL =
      insert("ledger_bill", "org_id, event_log_id, " + Sql.columns(BillField.values()));
  private static final String INSERT_LINE_ITEM =
      insert(
          "ledger_line_item",
          "org_id, event_log_id, position, " + Sql.columns(LineItemField.values()));
  private static final String INSERT_FIELD =
      insert("ledger_event_field", "org_id, event_log_id, kind, position, name, \"value\"");
  private static final String INSERT_PAYMENT_MODE =
      insert("ledger_payment_mode", "org_id, event_log_id, position, mode, amount");
  private static final String INSERT_CURRENCY =
      insert(
          "ledger_alternate_currency",
          "org_id, event_log_id, position, name, identifier, bucket, "
              + Sql.columns(PointsField.values()));

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Set<PreparedStatement> batched = new LinkedHashSet<>();

  private final Map<Long, Org> orgs = new LinkedHashMap<>();
  private final Map<CustomerKey, Customer> customers = new LinkedHashMap<>();
  private final Map<GroupKey, Group> groups = new LinkedHashMap<>();
  private final Map<EventKey, LedgerEvent> events = new LinkedHashMap<>();

  LedgerWriter(Connection connection) {
    this.connection = connection;
  }

  private static String insert(String table, String columns) {
    int count = columns.split(",").length;
    return "INSERT INTO " + table + " (" + columns + ") VALUES (" + Sql.placeholders(count) + ")";
  }

  /** Adds a record to the batch; the later of two records with one key wins. */
  void add(SnapshotRecord record) {
    if (record instanceof SnapshotRecord.OrgRecord r) {
      orgs.put(r.org().orgId(), r.org());
    } else if (record instanceof SnapshotRecord.CustomerRecord r) {
      customers.put(r.customer().key(), r.customer());
    } else if (record instanceof SnapshotRecord.GroupRecord r) {
      groups.put(new GroupKey(r.group().orgId(), r.group().groupId()), r.group());
    } else if (record instanceof SnapshotRecord.EventRecord r) {
      events.put(r.event().header().key(), r.event());
    }
  }

  /** Records waiting in the batch (after merging those of one key). */
  int pending() {
    return orgs.size() + customers.size() + groups.size() + events.size();
  }

  /** Deletes what the batch's records replace, then inserts them; the batch is empty after. */
  void flush() throws SQLException {
    if (pending() == 0) {
      return;
    }
    deleteExisting(Family.ORG, orgs.keySet(), id -> id, id -> id);
    deleteExisting(
        Family.CUSTOMER, customers.keySet(), CustomerKey::orgId, CustomerKey::customerId);
    deleteExisting(Family.GROUP, groups.keySet(), GroupKey::orgId, GroupKey::groupId);
    deleteExisting(Family.EVENT, events.keySet(), EventKey::orgId, EventKey::eventLogId);
    executeBatches();
    for (Org org : orgs.values()) {
      insertOrg(org);
    }
    for (Customer customer : customers.values()) {
      insertCustomer(customer);
    }
    for (Group group : groups.values()) {
      insertGroup(group);
    }
    for (LedgerEvent event : events.values()) {
      insertEvent(event);
    }
    executeBatches();
    orgs.clear();
    customers.clear();
    groups.clear();
    events.clear();
  }

  /**
   * Deletes the rows of the records of this family already in the store. Which ones are there is
   * asked with one array per org (nothing to delete on a first import); each is then deleted by its
   * key, which every database finds by index (H2 scans for an array in a DELETE).
   */
  private <K> void deleteExisting(
      Family family, Set<K> keys, Function<K, Long> orgOf, Function<K, Long> idOf)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    Map<Long, List<Long>> idsByOrg = new LinkedHashMap<>();
    for (K key : keys) {
      idsByOrg.computeIfAbsent(orgOf.apply(key), org -> new ArrayList<>()).add(idOf.apply(key));
    }
    List<long[]> existing = new ArrayList<>();
    PreparedStatement select = statement(family.existingSql());
    if (family.idColumn == null) {
      for (long org : family.existing(select, 0, idsByOrg.keySet())) {
        existing.add(new long[] {org, org});
      }
    } else {
      for (Map.Entry<Long, List<Long>> entry : idsByOrg.entrySet()) {
        for (long id : family.existing(select, entry.getKey(), entry.getValue())) {
          existing.add(new long[] {entry.getKey(), id});
        }
      }
    }
    for (String table : family.tables) {
      PreparedStatement delete = statement(family.deleteSql(table));
      for (long[] key : existing) {
        if (family.idColumn == null) {
          delete.setLong(1, key[0]);
        } else {
          delete.setLong(1, key[1]);
          delete.setLong(2, key[0]);
        }
        addBatch(delete);
      }
    }
  }

  private void insertOrg(Org org) throws SQLException {
    PreparedStatement ps = statement(INSERT_ORG);
    ps.setLong(1, org.orgId());
    Sql.bind(ps, 2, FieldType.TEXT, org.name());
    ps.setBoolean(3, org.sourceValueCapturing());
    addBatch(ps);
    List<Long> connected = org.connectedOrgIds();
    for (int i = 0; i < connected.size(); i++) {
      PreparedStatement c = statement(INSERT_CONNECTION);
      c.setLong(1, org.orgId());
      c.setInt(2, i);
      c.setLong(3, connected.get(i));
      addBatch(c);
    }
  }

  private void insertCustomer(Customer customer) throws SQLException {
    PreparedStatement ps = statement(INSERT_CUSTOMER);
    ps.setLong(1, customer.orgId());
    ps.setLong(2, customer.customerId());
    addBatch(ps);
    List<Identifier> identifiers = customer.identifiers();
    for (int i = 0; i < identifiers.size(); i++) {
      Identifier identifier = identifiers.get(i);
      PreparedStatement id = statement(INSERT_IDENTIFIER);
      id.setLong(1, customer.orgId());
      id.setLong(2, customer.customerId());
      id.setInt(3, i);
      id.setString(4, identifier.name());
      id.setString(5, identifier.value());
      id.setString(6, Identifier.valueKey(identifier.value()));
      id.setString(7, identifier.source());
      Sql.bind(id, 8, FieldType.TEXT, identifier.accountId());
      addBatch(id);
    }
  }

  private void insertGroup(Group group) throws SQLException {
    PreparedStatement ps = statement(INSERT_GROUP);
    ps.setLong(1, group.orgId());
    ps.setLong(2, group.groupId());
    Sql.bind(ps, 3, FieldType.INTEGER, group.primaryCustomerId());
    addBatch(ps);
    List<Long> members = group.memberCustomerIds();
    for (int i = 0; i < members.size(); i++) {
      PreparedStatement m = statement(INSERT_MEMBER);
      m.setLong(1, group.orgId());
      m.setLong(2, group.groupId());
      m.setInt(3, i);
      m.setLong(4, members.get(i));
      addBatch(m);
    }
  }

  private void insertEvent(LedgerEvent event) throws SQLException {
    EventHeader h = event.header();
    PreparedStatement ps = statement(INSERT_EVENT);
    ps.setLong(1, h.orgId());
    ps.setLong(2, h.eventLogId());
    ps.setLong(3, h.customerId());
    Sql.bind(ps, 4, FieldType.INTEGER, h.groupId());
    Sql.bind(ps, 5, FieldType.TEXT, h.eventName());
    Sql.bindTime(ps, 6, h.eventTime());
    Sql.bind(ps, 8, FieldType.INTEGER, h.tillId());
    Sql.bind(ps, 9, FieldType.TEXT, h.eventReferenceId());
    Sql.bind(ps, 10, FieldType.TEXT, h.uniqueId());
    Sql.bind(ps, 11, FieldType.TEXT, TypeDetailJson.toText(h.typeDetail().details()));
    Sql.bind(ps, 12, FieldType.TEXT, TypeDetailJson.toText(h.typeDetail().blocks()));
    addBatch(ps);

    EventSections s = event.sections();
    List<PointsEntry> points = s.points();
    int position = 0;
    for (PointsEntry entry : points) {
      insertPoints(h, position++, null, entry);
    }
    if (s.bill() != null) {
      List<LineItem> lines = s.bill().lineItems();
      for (int line = 0; line < lines.size(); line++) {
        for (PointsEntry entry : lines.get(line).points()) {
          insertPoints(h, position++, line, entry);
        }
      }
    }
    if (s.bill() != null) {
      PreparedStatement b = statement(INSERT_BILL);
      b.setLong(1, h.orgId());
      b.setLong(2, h.eventLogId());
      Sql.bindFields(b, 3, BillField.values(), s.bill().fields());
      addBatch(b);
      List<LineItem> items = s.bill().lineItems();
      for (int i = 0; i < items.size(); i++) {
        PreparedStatement l = child(INSERT_LINE_ITEM, h, i);
        Sql.bindFields(l, 4, LineItemField.values(), items.get(i).fields());
        addBatch(l);
      }
    }
    insertFields(h, JdbcLedgerStore.CUSTOM, s.customFields());
    insertFields(h, JdbcLedgerStore.EXTENDED, s.extendedFields());
    List<PaymentMode> modes = s.paymentModes();
    for (int i = 0; i < modes.size(); i++) {
      PreparedStatement m = child(INSERT_PAYMENT_MODE, h, i);
      m.setString(4, modes.get(i).mode());
      Sql.bind(m, 5, FieldType.DECIMAL, modes.get(i).amount());
      addBatch(m);
    }
    List<AlternateCurrency> currencies = s.alternateCurrencies();
    for (int i = 0; i < currencies.size(); i++) {
      AlternateCurrency currency = currencies.get(i);
      PreparedStatement c = child(INSERT_CURRENCY, h, i);
      c.setString(4, currency.name());
      Sql.bind(c, 5, FieldType.TEXT, currency.identifier());
      c.setString(6, currency.entry().bucket().jsonName());
      Sql.bindFields(c, 7, PointsField.values(), currency.entry().fields());
      addBatch(c);
    }
  }

  /** A points entry of the event, or of its line at {@code line} (0-based) when not null. */
  private void insertPoints(EventHeader h, int position, @Nullable Integer line, PointsEntry entry)
      throws SQLException {
    PreparedStatement p = child(INSERT_POINTS, h, position);
    p.setString(4, entry.bucket().jsonName());
    Sql.bind(p, 5, FieldType.INTEGER, line == null ? null : line.longValue());
    Sql.bindFields(p, 6, PointsField.values(), entry.fields());
    addBatch(p);
  }

  private void insertFields(EventHeader h, String kind, List<NameValue> fields)
      throws SQLException {
    for (int i = 0; i < fields.size(); i++) {
      PreparedStatement f = statement(INSERT_FIELD);
      f.setLong(1, h.orgId());
      f.setLong(2, h.eventLogId());
      f.setString(3, kind);
      f.setInt(4, i);
      f.setString(5, fields.get(i).name());
      Sql.bind(f, 6, FieldType.TEXT, fields.get(i).value());
      addBatch(f);
    }
  }

  /** A child row's statement with its org, event and position bound (parameters 1 to 3). */
  private PreparedStatement child(String sql, EventHeader h, int position) throws SQLException {
    PreparedStatement ps = statement(sql);
    ps.setLong(1, h.orgId());
    ps.setLong(2, h.eventLogId());
    ps.setInt(3, position);
    return ps;
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  private void addBatch(PreparedStatement ps) throws SQLException {
    ps.addBatch();
    batched.add(ps);
  }

  private void executeBatches() throws SQLException {
    for (PreparedStatement ps : batched) {
      ps.executeBatch();
    }
    batched.clear();
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

package com.ledgerexplode.store;

import com.ledgerexplode.explode.LedgerPort;
import com.ledgerexplode.json.snapshot.TypeDetailJson;
import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.CustomerKey;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventKey;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.Fields;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.ledger.LineItem;
import com.ledgerexplode.ledger.LineItemField;
import com.ledgerexplode.ledger.NameValue;
import com.ledgerexplode.ledger.Org;
import com.ledgerexplode.ledger.PaymentMode;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import com.ledgerexplode.ledger.TypeDetail;
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
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The ledger port over the relational store. Every method is one SQL statement whatever the size of
 * its collections ({@link #loadSections} one per section asked), each collection passed as a single
 * array parameter ({@code col = ANY(?)}) so that the statement's text never changes; every
 * statement filters by the orgs given. Children come back in ledger order. Thread-safe: it keeps no
 * state but the data source.
 */
public final class JdbcLedgerStore implements LedgerPort {

  static final String FIND_ORGS =
      "SELECT o.org_id, o.name, c.connected_org_id, o.source_value_capturing FROM ledger_org o"
          + " LEFT JOIN ledger_org_connection c ON c.org_id = o.org_id"
          + " WHERE o.org_id = ANY(?) ORDER BY o.org_id, c.position";
  static final String FIND_IDENTIFIERS =
      "SELECT org_id, customer_id, name, \"value\", source, account_id FROM ledger_identifier"
          + " WHERE org_id = ANY(?) AND value_key = ANY(?) ORDER BY org_id, customer_id, position";
  static final String FIND_CUSTOMERS =
      "SELECT org_id, customer_id FROM ledger_customer"
          + " WHERE org_id = ANY(?) AND customer_id = ANY(?)";
  static final String FIND_MEMBERSHIPS =
      "SELECT m.org_id, m.group_id, m.customer_id, g.primary_customer_id"
          + " FROM ledger_group_member m LEFT JOIN ledger_group g"
          + " ON g.org_id = m.org_id AND g.group_id = m.group_id"
          + " WHERE m.org_id = ANY(?) AND m.customer_id = ANY(?)";
  private static final String EVENT_COLUMNS =
      "SELECT org_id, event_log_id, customer_id, group_id, event_name, event_time,"
          + " event_time_fraction_digits, till_id, event_reference_id, unique_id, details, blocks"
          + " FROM ledger_event WHERE org_id = ANY(?)";
  static final String FIND_EVENTS_BY_ID = EVENT_COLUMNS + " AND event_log_id = ANY(?)";

  /**
   * By reference alone: no index since V6 (the engine asks for the customers' events only, {@link
   * #FIND_EVENTS_BY_REFERENCE_OF}), so it reads the orgs' events.
   */
  static final String FIND_EVENTS_BY_REFERENCE = EVENT_COLUMNS + " AND event_reference_id = ANY(?)";

  /**
   * The events by reference of the customers asking and of their groups: a branch for each, joined
   * by UNION (an event of a customer in one of the groups is in both, and comes back once), so that
   * each seeks by its index of V6, on the customer or the group and then the reference; H2 seeks by
   * no index for one OR of the two. The order of the rows is none: the engine sorts them.
   */
  static final String FIND_EVENTS_BY_REFERENCE_OF =
      FIND_EVENTS_BY_REFERENCE
          + " AND customer_id = ANY(?) UNION "
          + FIND_EVENTS_BY_REFERENCE
          + " AND group_id = ANY(?)";

  /** Children of the events whose org is one of the first array and id one of the second. */
  private static final String OF_EVENTS = " WHERE org_id = ANY(?) AND event_log_id = ANY(?)";

  private static final String ORDERED = " ORDER BY org_id, event_log_id, position";

  /** The fields' constants, in their columns' order: read for every row, never copied. */
  private static final PointsField[] POINTS_FIELDS = PointsField.values();

  private static final BillField[] BILL_FIELDS = BillField.values();
  private static final LineItemField[] LINE_ITEM_FIELDS = LineItemField.values();

  static final String LOAD_POINTS =
      "SELECT org_id, event_log_id, bucket, line_position, "
          + Sql.columns(POINTS_FIELDS)
          + " FROM ledger_points"
          + OF_EVENTS
          + ORDERED;
  static final String LOAD_BILLS =
      "SELECT org_id, event_log_id, " + Sql.columns(BILL_FIELDS) + " FROM ledger_bill" + OF_EVENTS;
  static final String LOAD_LINE_ITEMS =
      "SELECT org_id, event_log_id, "
          + Sql.columns(LINE_ITEM_FIELDS)
          + " FROM ledger_line_item"
          + OF_EVENTS
          + ORDERED;
  static final String LOAD_FIELDS =
      "SELECT org_id, event_log_id, kind, name, \"value\" FROM ledger_event_field"
          + OF_EVENTS
          + " AND kind = ANY(?) ORDER BY org_id, event_log_id, kind, position";
  static final String LOAD_PAYMENT_MODES =
      "SELECT org_id, event_log_id, mode, amount FROM ledger_payment_mode" + OF_EVENTS + ORDERED;
  static final String LOAD_CURRENCIES =
      "SELECT org_id, event_log_id, name, identifier, bucket, "
          + Sql.columns(POINTS_FIELDS)
          + " FROM ledger_alternate_currency"
          + OF_EVENTS
          + ORDERED;

  static final String CUSTOM = "custom";
  static final String EXTENDED = "extended";

  private final DataSource dataSource;

  public JdbcLedgerStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Whether any of these orgs has a customer: a job's scope without one would reject every row. */
  public boolean hasCustomers(Collection<Long> orgIds) {
    if (orgIds.isEmpty()) {
      return false;
    }
    boolean[] found = {false};
    query(
        "hasCustomers",
        "SELECT org_id FROM ledger_customer WHERE org_id = ANY(?) FETCH FIRST 1 ROWS ONLY",
        (c, ps) -> ps.setArray(1, Sql.longs(c, orgIds)),
        rs -> found[0] = true);
    return found[0];
  }

  @Override
  public List<Org> findOrgs(Collection<Long> orgIds) {
    if (orgIds.isEmpty()) {
      return List.of();
    }
    Map<Long, Org> orgs = new LinkedHashMap<>();
    Map<Long, List<Long>> connections = new HashMap<>();
    query(
        "findOrgs",
        FIND_ORGS,
        (c, ps) -> ps.setArray(1, Sql.longs(c, orgIds)),
        rs -> {
          long orgId = rs.getLong(1);
          List<Long> connected = connections.computeIfAbsent(orgId, id -> new ArrayList<>());
          // NULL: an org imported before the switch existed, which captured source values
          boolean capturing = !Boolean.FALSE.equals(rs.getObject(4, Boolean.class));
          orgs.putIfAbsent(orgId, new Org(orgId, rs.getString(2), List.of(), capturing));
          Long connectedId = Sql.nullableLong(rs, 3);
          if (connectedId != null) {
            connected.add(connectedId);
          }
        });
    List<Org> found = new ArrayList<>(orgs.size());
    orgs.values()
        .forEach(
            org ->
                found.add(
                    new Org(
                        org.orgId(),
                        org.name(),
                        connections.getOrDefault(org.orgId(), List.of()),
                        org.sourceValueCapturing())));
    return found;
  }

  @Override
  public List<IdentifierMatch> findIdentifiers(
      Collection<Long> orgIds, Collection<String> valueKeys) {
    if (orgIds.isEmpty() || valueKeys.isEmpty()) {
      return List.of();
    }
    List<IdentifierMatch> found = new ArrayList<>();
    query(
        "findIdentifiers",
        FIND_IDENTIFIERS,
        (c, ps) -> {
          ps.setArray(1, Sql.longs(c, orgIds));
          ps.setArray(2, Sql.texts(c, valueKeys));
        },
        rs ->
            found.add(
                new IdentifierMatch(
                    new CustomerKey(rs.getLong(1), rs.getLong(2)),
                    new Identifier(
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))));
    return found;
  }

  @Override
  public List<CustomerKey> findCustomers(Collection<Long> orgIds, Collection<Long> customerIds) {
    if (orgIds.isEmpty() || customerIds.isEmpty()) {
      return List.of();
    }
    List<CustomerKey> found = new ArrayList<>();
    query(
        "findCustomers",
        FIND_CUSTOMERS,
        (c, ps) -> {
          ps.setArray(1, Sql.longs(c, orgIds));
          ps.setArray(2, Sql.longs(c, customerIds));
        },
        rs -> found.add(new CustomerKey(rs.getLong(1), rs.getLong(2))));
    return found;
  }

  @Override
  public List<GroupMembership> findMemberships(
      Collection<Long> orgIds, Collection<Long> customerIds) {
    if (orgIds.isEmpty() || customerIds.isEmpty()) {
      return List.of();
    }
    List<GroupMembership> found = new ArrayList<>();
    query(
        "findMemberships",
        FIND_MEMBERSHIPS,
        (c, ps) -> {
          ps.setArray(1, Sql.longs(c, orgIds));
          ps.setArray(2, Sql.longs(c, customerIds));
        },
        rs ->
            found.add(
                new GroupMembership(
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), Sql.nullableLong(rs, 4))));
    return found;
  }

  @Override
  public List<EventHeader> findEventsById(Collection<Long> orgIds, Collection<Long> eventLogIds) {
    if (orgIds.isEmpty() || eventLogIds.isEmpty()) {
      return List.of();
    }
    List<EventHeader> found = new ArrayList<>();
    query(
        "findEventsById",
        FIND_EVENTS_BY_ID,
        (c, ps) -> {
          ps.setArray(1, Sql.longs(c, orgIds));
          ps.setArray(2, Sql.longs(c, eventLogIds));
        },
        rs -> found.add(header(rs)));
    return found;
  }

  @Override
  public List<EventHeader> findEventsByReference(
      Collection<Long> orgIds, Collection<String> referenceIds) {
    if (orgIds.isEmpty() || referenceIds.isEmpty()) {
      return List.of();
    }
    List<EventHeader> found = new ArrayList<>();
    query(
        "findEventsByReference",
        FIND_EVENTS_BY_REFERENCE,
        (c, ps) -> {
          ps.setArray(1, Sql.longs(c, orgIds));
          ps.setArray(2, Sql.texts(c, referenceIds));
        },
        rs -> found.add(header(rs)));
    return found;
  }

  @Override
  public List<EventHeader> findEventsByReference(
      Collection<Long> orgIds,
      Collection<String> referenceIds,
      Collection<Long> customerIds,
      Collection<Long> groupIds) {
    if (orgIds.isEmpty()
        || referenceIds.isEmpty()
        || (customerIds.isEmpty() && groupIds.isEmpty())) {
      return List.of();
    }
    List<EventHeader> found = new ArrayList<>();
    query(
        "findEventsByReference",
        FIND_EVENTS_BY_REFERENCE_OF,
        (c, ps) -> {
          ps.setArray(1, Sql.longs(c, orgIds));
          ps.setArray(2, Sql.texts(c, referenceIds));
          ps.setArray(3, Sql.longs(c, customerIds));
          ps.setArray(4, Sql.longs(c, orgIds));
          ps.setArray(5, Sql.texts(c, referenceIds));
          ps.setArray(6, Sql.longs(c, groupIds));
        },
        rs -> found.add(header(rs)));
    return found;
  }

  private static EventHeader header(ResultSet rs) throws SQLException {
    return new EventHeader(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        Sql.nullableLong(rs, 4),
        rs.getString(5),
        Sql.time(rs, 6),
        Sql.nullableLong(rs, 8),
        rs.getString(9),
        rs.getString(10),
        typeDetail(rs.getString(11), rs.getString(12)));
  }

  private static TypeDetail typeDetail(@Nullable String details, @Nullable String blocks) {
    if (details == null && blocks == null) {
      return TypeDetail.NONE;
    }
    return new TypeDetail(TypeDetailJson.fromText(details), TypeDetailJson.fromText(blocks));
  }

  @Override
  public Map<EventKey, EventSections> loadSections(
      Collection<EventKey> events, Set<Section> sections) {
    if (events.isEmpty()) {
      return Map.of();
    }
    Map<EventKey, SectionsBuilder> builders = new LinkedHashMap<>();
    Set<Long> orgIds = new LinkedHashSet<>();
    Set<Long> eventLogIds = new LinkedHashSet<>();
    for (EventKey key : events) {
      builders.put(key, new SectionsBuilder());
      orgIds.add(key.orgId());
      eventLogIds.add(key.eventLogId());
    }
    // The two arrays select a superset when an id exists in two of the orgs; rows of events not
    // asked for are dropped here.
    Loader loader = new Loader(builders, orgIds, eventLogIds);
    loader.load(
        "points",
        LOAD_POINTS,
        (rs, b) -> {
          PointsEntry entry = new PointsEntry(bucket(rs, 3), Sql.readFields(rs, 5, POINTS_FIELDS));
          int line = rs.getInt(4);
          if (rs.wasNull()) {
            b.points.add(entry);
          } else {
            b.linePoints.computeIfAbsent(line, l -> new ArrayList<>()).add(entry);
          }
        });
    if (sections.contains(Section.BILL)) {
      loader.load(
          "bills", LOAD_BILLS, (rs, b) -> b.billFields = Sql.readFields(rs, 3, BILL_FIELDS));
      loader.load(
          "line items",
          LOAD_LINE_ITEMS,
          (rs, b) -> b.lineFields.add(Sql.readFields(rs, 3, LINE_ITEM_FIELDS)));
    }
    List<String> kinds = new ArrayList<>();
    if (sections.contains(Section.CUSTOM_FIELDS)) {
      kinds.add(CUSTOM);
    }
    if (sections.contains(Section.EXTENDED_FIELDS)) {
      kinds.add(EXTENDED);
    }
    if (!kinds.isEmpty()) {
      loader.load(
          "custom and extended fields",
          LOAD_FIELDS,
          (c, ps) -> ps.setArray(3, Sql.texts(c, kinds)),
          (rs, b) -> {
            NameValue field = new NameValue(rs.getString(4), rs.getString(5));
            (CUSTOM.equals(rs.getString(3)) ? b.customFields : b.extendedFields).add(field);
          });
    }
    if (sections.contains(Section.PAYMENT_MODES)) {
      loader.load(
          "payment modes",
          LOAD_PAYMENT_MODES,
          (rs, b) -> b.paymentModes.add(new PaymentMode(rs.getString(3), Sql.decimal(rs, 4))));
    }
    if (sections.contains(Section.ALTERNATE_CURRENCIES)) {
      loader.load(
          "alternate currencies",
          LOAD_CURRENCIES,
          (rs, b) ->
              b.currencies.add(
                  new AlternateCurrency(
                      rs.getString(3),
                      rs.getString(4),
                      new PointsEntry(bucket(rs, 5), Sql.readFields(rs, 6, POINTS_FIELDS)))));
    }
    Map<EventKey, EventSections> loaded = new LinkedHashMap<>();
    builders.forEach((key, builder) -> loaded.put(key, builder.build()));
    return loaded;
  }

  private static Bucket bucket(ResultSet rs, int index) throws SQLException {
    return Bucket.valueOf(rs.getString(index).toUpperCase(Locale.ROOT));
  }

  private final class Loader {
    private final Map<EventKey, SectionsBuilder> builders;
    private final Set<Long> orgIds;
    private final Set<Long> eventLogIds;

    Loader(Map<EventKey, SectionsBuilder> builders, Set<Long> orgIds, Set<Long> eventLogIds) {
      this.builders = builders;
      this.orgIds = orgIds;
      this.eventLogIds = eventLogIds;
    }

    void load(String what, String sql, SectionRow row) {
      load(what, sql, (c, ps) -> {}, row);
    }

    void load(String what, String sql, Binder more, SectionRow row) {
      query(
          "loadSections (" + what + ")",
          sql,
          (c, ps) -> {
            ps.setArray(1, Sql.longs(c, orgIds));
            ps.setArray(2, Sql.longs(c, eventLogIds));
            more.bind(c, ps);
          },
          rs -> {
            SectionsBuilder builder = builders.get(new EventKey(rs.getLong(1), rs.getLong(2)));
            if (builder != null) {
              row.read(rs, builder);
            }
          });
    }
  }

  private static final class SectionsBuilder {
    final List<PointsEntry> points = new ArrayList<>();

    /** A line's own points, by the line's position; loaded with the event's points. */
    final Map<Integer, List<PointsEntry>> linePoints = new HashMap<>();

    @Nullable Fields<BillField> billFields;
    final List<Fields<LineItemField>> lineFields = new ArrayList<>();
    final List<NameValue> customFields = new ArrayList<>();
    final List<NameValue> extendedFields = new ArrayList<>();
    final List<PaymentMode> paymentModes = new ArrayList<>();
    final List<AlternateCurrency> currencies = new ArrayList<>();

    EventSections build() {
      Bill bill = null;
      if (billFields != null) {
        List<LineItem> lineItems = new ArrayList<>(lineFields.size());
        for (int line = 0; line < lineFields.size(); line++) {
          lineItems.add(
              new LineItem(lineFields.get(line), linePoints.getOrDefault(line, List.of())));
        }
        bill = new Bill(billFields, lineItems);
      }
      return new EventSections(
          points, bill, customFields, extendedFields, paymentModes, currencies);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(Connection connection, PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  private interface SectionRow {
    void read(ResultSet rs, SectionsBuilder builder) throws SQLException;
  }

  private void query(String what, String sql, Binder binder, Row row) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(connection, ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new LedgerStoreException("ledger store: " + what + " failed: " + e.getMessage(), e);
    }
  }
}

package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.LedgerPort.GroupMembership;
import com.ledgerexplode.explode.LedgerPort.IdentifierMatch;
import com.ledgerexplode.explode.LedgerPort.Section;
import com.ledgerexplode.json.snapshot.SnapshotReader;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.CustomerKey;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventKey;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.ledger.LedgerEvent;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.Org;
import com.ledgerexplode.ledger.SnapshotRecord;
import com.ledgerexplode.testing.StatementCounter;
import com.ledgerexplode.testing.TestDatabase;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcLedgerStoreTest {
  private static final long A = 50406;
  private static final long B = 4000218;
  private static final long EVENT_ID = 18608683;

  @TempDir Path dir;

  private JdbcLedgerStore loaded(DataSource dataSource) {
    Snapshots.load(dataSource, dir.resolve("full.jsonl"), Snapshots.FULL);
    return new JdbcLedgerStore(dataSource);
  }

  private DataSource loadedSource(TestDatabase db) {
    DataSource dataSource = db.createEmpty();
    Snapshots.load(dataSource, dir.resolve("full.jsonl"), Snapshots.FULL);
    return dataSource;
  }

  private static LedgerEvent parsed(String line) throws Exception {
    return ((SnapshotRecord.EventRecord) new SnapshotReader(new StringReader(line)).next()).event();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void everySectionComesBackAsImportedWithExactDecimalsTimestampsAndLedgerOrder(TestDatabase db)
      throws Exception {
    JdbcLedgerStore store = loaded(db.createEmpty());
    LedgerEvent expected = parsed(Snapshots.EVENT);

    assertThat(store.findEventsById(List.of(A), List.of(EVENT_ID)))
        .containsExactly(expected.header());
    assertThat(expected.header().eventTime())
        .isEqualTo(new LedgerTime(Instant.parse("2024-08-20T11:29:02.123456Z"), 6));
    Map<EventKey, EventSections> sections =
        store.loadSections(List.of(new EventKey(A, EVENT_ID)), EnumSet.allOf(Section.class));
    // records compare BigDecimals with equals: the scale must be the one imported
    assertThat(sections).containsExactly(Map.entry(new EventKey(A, EVENT_ID), expected.sections()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void everyStoredTimeKeepsItsFractionDigits(TestDatabase db) throws Exception {
    String line =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":7,\
        "eventName":"ReturnBill","eventTime":"2024-08-20T11:29:02.5Z",\
        "points":[{"bucket":"regular","awardedOn":"2024-08-20T11:29:02.120Z"},\
        {"bucket":"regular","awardedOn":"2024-08-20T11:29:02Z"}],\
        "bill":{"billDate":"2024-08-20T11:29:02.0Z","returnDate":"2024-08-21T10:00:00.123456000Z"},\
        "alternateCurrencies":[{"name":"stars","bucket":"regular",\
        "awardedOn":"2024-08-20T11:29:02.000100Z"}]}""";
    DataSource dataSource = db.createEmpty();
    Snapshots.load(
        dataSource, dir.resolve("times.jsonl"), List.of(Snapshots.ORG_A, Snapshots.CUSTOMER, line));
    JdbcLedgerStore store = new JdbcLedgerStore(dataSource);
    LedgerEvent expected = parsed(line);

    // records compare times with their digits: each must come back with the ones imported
    assertThat(store.findEventsById(List.of(A), List.of(7L))).containsExactly(expected.header());
    assertThat(store.loadSections(List.of(new EventKey(A, 7)), EnumSet.allOf(Section.class)))
        .containsExactly(Map.entry(new EventKey(A, 7), expected.sections()));
    assertThat(expected.header().eventTime().fractionDigits()).isEqualTo(1);
    assertThat(expected.sections().bill().fields().get(BillField.RETURN_DATE))
        .isEqualTo(new LedgerTime(Instant.parse("2024-08-21T10:00:00.123456Z"), 9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void onlyTheSectionsAskedAreLoadedAndPointsAlways(TestDatabase db) throws Exception {
    JdbcLedgerStore store = loaded(db.createEmpty());
    EventSections full = parsed(Snapshots.EVENT).sections();
    EventSections loaded =
        store
            .loadSections(List.of(new EventKey(A, EVENT_ID)), Set.of(Section.EXTENDED_FIELDS))
            .get(new EventKey(A, EVENT_ID));
    assertThat(loaded)
        .isEqualTo(
            new EventSections(
                full.points(), null, List.of(), full.extendedFields(), List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void anEventWithNoSectionsHasEmptyOnes(TestDatabase db) {
    JdbcLedgerStore store = loaded(db.createEmpty());
    assertThat(store.loadSections(List.of(new EventKey(A, 5)), EnumSet.allOf(Section.class)))
        .containsExactly(Map.entry(new EventKey(A, 5), EventSections.NONE));
    assertThat(store.findEventsByReference(List.of(A), List.of("77")))
        .extracting(EventHeader::eventLogId)
        .containsExactly(5L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void orgsCustomersIdentifiersAndMembershipsAreFound(TestDatabase db) {
    JdbcLedgerStore store = loaded(db.createEmpty());
    assertThat(store.findOrgs(List.of(A, B, 1L)))
        .containsExactlyInAnyOrder(
            new Org(A, "Brand A", List.of(4000218L, 4000219L)), new Org(B, "Brand B", List.of()));
    assertThat(store.findIdentifiers(List.of(A), List.of(Identifier.valueKey("ANA@example.COM"))))
        .containsExactly(
            new IdentifierMatch(
                new CustomerKey(A, 1001),
                new Identifier("email", "Ana@Example.com", "INSTORE", null)));
    assertThat(store.findIdentifiers(List.of(A), List.of("917406401004")))
        .extracting(m -> m.identifier().source() + "/" + m.identifier().accountId())
        .containsExactly("INSTORE/null", "WECHAT/wx-main");
    assertThat(store.findCustomers(List.of(A), List.of(1001L, 1002L, 1003L)))
        .containsExactlyInAnyOrder(new CustomerKey(A, 1001), new CustomerKey(A, 1002));
    assertThat(store.findMemberships(List.of(A), List.of(1001L, 1002L)))
        .containsExactlyInAnyOrder(
            new GroupMembership(A, 77, 1001, 1001L), new GroupMembership(A, 77, 1002, 1001L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void onlyTheOrgsAskedAreSeen(TestDatabase db) throws Exception {
    JdbcLedgerStore store = loaded(db.createEmpty());
    assertThat(store.findOrgs(List.of(B))).extracting(Org::orgId).containsExactly(B);
    assertThat(store.findIdentifiers(List.of(B), List.of("917406401004")))
        .extracting(IdentifierMatch::customer)
        .containsExactly(new CustomerKey(B, 1001));
    assertThat(store.findCustomers(List.of(B), List.of(1001L, 1002L)))
        .containsExactly(new CustomerKey(B, 1001));
    assertThat(store.findMemberships(List.of(B), List.of(1001L, 1002L))).isEmpty();
    assertThat(store.findEventsById(List.of(B), List.of(EVENT_ID)))
        .extracting(EventHeader::orgId)
        .containsExactly(B);
    assertThat(store.findEventsByReference(List.of(B), List.of("2151165932")))
        .extracting(EventHeader::orgId)
        .containsExactly(B);
    assertThat(store.findEventsById(List.of(A, B), List.of(EVENT_ID))).hasSize(2);
    // both orgs have this event id: asking for one org's event loads that event's rows alone
    EventKey inB = new EventKey(B, EVENT_ID);
    assertThat(store.loadSections(List.of(inB), EnumSet.allOf(Section.class)))
        .containsExactly(Map.entry(inB, parsed(Snapshots.EVENT_IN_B).sections()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void eventsByReferenceAreReadForTheCustomersAndGroupsAskingOnlyInOneStatement(TestDatabase db) {
    StatementCounter counter = new StatementCounter(loadedSource(db));
    JdbcLedgerStore store = new JdbcLedgerStore(counter);
    List<Long> orgs = List.of(A, B);
    List<String> references = List.of("2151165932", "77");
    Function<List<Long>, List<EventKey>> ofCustomers =
        customers ->
            store.findEventsByReference(orgs, references, customers, List.of()).stream()
                .map(EventHeader::key)
                .toList();

    assertThat(ofCustomers.apply(List.of(1002L))).containsExactly(new EventKey(A, 5));
    assertThat(ofCustomers.apply(List.of(1001L)))
        .containsExactlyInAnyOrder(new EventKey(A, EVENT_ID), new EventKey(B, EVENT_ID));
    assertThat(ofCustomers.apply(List.of(9L))).isEmpty();
    // a group's events, whoever's they are
    assertThat(store.findEventsByReference(orgs, references, List.of(9L), List.of(77L)))
        .extracting(EventHeader::key)
        .containsExactly(new EventKey(A, EVENT_ID));
    assertThat(counter.count()).isEqualTo(4);
    // what the narrowed lookup finds is what the whole one finds of those customers
    assertThat(store.findEventsByReference(orgs, references, List.of(1001L, 1002L), List.of(77L)))
        .containsExactlyInAnyOrderElementsOf(store.findEventsByReference(orgs, references));
    assertThat(store.findEventsByReference(orgs, references, List.of(), List.of())).isEmpty();
    assertThat(counter.count()).isEqualTo(6);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void emptyQuestionsAreAnsweredWithoutAStatement(TestDatabase db) {
    StatementCounter counter = new StatementCounter(db.createEmpty());
    JdbcLedgerStore store = new JdbcLedgerStore(counter);
    assertThat(store.findOrgs(List.of())).isEmpty();
    assertThat(store.findIdentifiers(List.of(A), List.of())).isEmpty();
    assertThat(store.findCustomers(List.of(), List.of(1L))).isEmpty();
    assertThat(store.findMemberships(List.of(A), List.of())).isEmpty();
    assertThat(store.findEventsById(List.of(A), List.of())).isEmpty();
    assertThat(store.findEventsByReference(List.of(A), List.of())).isEmpty();
    assertThat(store.loadSections(List.of(), EnumSet.allOf(Section.class))).isEmpty();
    assertThat(counter.count()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void eachMethodIsOneStatementFor10And1000KeysAndLoadSectionsOnePerSection(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.createEmpty();
    Path file = dir.resolve("synthetic.jsonl");
    Snapshots.writeSynthetic(file, 1000, 1);
    new SnapshotImporter(dataSource).importSnapshot(file, false);
    StatementCounter counter = new StatementCounter(dataSource);
    JdbcLedgerStore store = new JdbcLedgerStore(counter);
    List<Long> orgs = List.of(1L, 2L);

    for (int n : new int[] {10, 1000}) {
      List<Long> customers = LongStream.rangeClosed(1, n).boxed().toList();
      List<Long> eventIds = customers.stream().map(c -> c * 1000 + 1).toList();
      List<String> references = eventIds.stream().map(id -> "R" + id).toList();
      List<String> keys = customers.stream().map(c -> "ext-" + c).toList();
      List<EventKey> events = eventIds.stream().map(id -> new EventKey(1, id)).toList();

      assertOneStatement(counter, store::findOrgs, orgs, 1);
      assertOneStatement(counter, k -> store.findIdentifiers(orgs, k), keys, n);
      assertOneStatement(counter, k -> store.findCustomers(orgs, k), customers, n);
      assertOneStatement(counter, k -> store.findMemberships(orgs, k), customers, 0);
      assertOneStatement(counter, k -> store.findEventsById(orgs, k), eventIds, n);
      assertOneStatement(counter, k -> store.findEventsByReference(orgs, k), references, n);

      counter.reset();
      Map<EventKey, EventSections> loaded =
          store.loadSections(events, EnumSet.allOf(Section.class));
      // points, bills, line items, custom + extended fields, payment modes, currencies
      assertThat(counter.count()).isEqualTo(6);
      assertThat(loaded).hasSize(n);
      assertThat(loaded.values())
          .allSatisfy(
              s -> {
                assertThat(s.points()).hasSize(3);
                assertThat(s.bill().lineItems()).hasSize(2);
                assertThat(s.customFields()).hasSize(1);
                assertThat(s.extendedFields()).hasSize(1);
              });
      counter.reset();
      store.loadSections(events, Set.of());
      assertThat(counter.count()).isEqualTo(1);
    }
  }

  private static <K> void assertOneStatement(
      StatementCounter counter, Function<List<K>, List<?>> method, List<K> keys, int found) {
    counter.reset();
    assertThat(method.apply(keys)).hasSize(found);
    assertThat(counter.count()).isEqualTo(1);
  }
}

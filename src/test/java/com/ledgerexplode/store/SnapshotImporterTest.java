package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.explode.LedgerPort.Section;
import com.ledgerexplode.ledger.EventKey;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.testing.LedgerTables;
import com.ledgerexplode.testing.StatementCounter;
import com.ledgerexplode.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotImporterTest {

  @TempDir Path dir;

  private static List<String> contents(DataSource dataSource) throws SQLException {
    return LedgerTables.contents(dataSource);
  }

  private static long count(DataSource dataSource, String table) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Imports the file and expects it refused, with these bad lines (in a batch of 2 records). */
  private static void assertRejected(DataSource dataSource, Path file, String... badLines) {
    assertThatThrownBy(() -> new SnapshotImporter(dataSource, 2).importSnapshot(file, false))
        .isInstanceOf(SnapshotRejectedException.class)
        .hasMessage(
            file
                + ": "
                + badLines.length
                + " bad lines; nothing was imported"
                + System.lineSeparator()
                + String.join(System.lineSeparator(), badLines));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void importingTheSameSnapshotTwiceChangesNothing(TestDatabase db) throws Exception {
    DataSource dataSource = db.createEmpty();
    ImportReport first = Snapshots.load(dataSource, dir.resolve("s.jsonl"), Snapshots.FULL);
    List<String> before = contents(dataSource);
    ImportReport second = Snapshots.load(dataSource, dir.resolve("s.jsonl"), Snapshots.FULL);

    // 35: a line item's own points entry is a row of ledger_points
    assertThat(contents(dataSource)).isEqualTo(before).hasSize(35);
    assertThat(List.of(first.orgs(), first.customers(), first.groups(), first.events()))
        .containsExactly(2L, 3L, 1L, 3L);
    assertThat(second.recordsImported()).isEqualTo(9);
    assertThat(second.linesRead()).isEqualTo(9);
    assertThat(second.skipped()).isEmpty();
  }

  /** The SQL that reads a table of the ledger or stages records (Flyway's own reads aside). */
  private static List<String> lookups(StatementCounter counter) {
    return counter.sql().stream()
        .filter(
            sql ->
                sql.toLowerCase(Locale.ROOT).contains(SnapshotImporter.STAGING)
                    || sql.matches("(?is).*\\bselect\\b.*\\bfrom\\s+ledger_.*"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void intoANewDatabaseTheImportLooksNothingUpAndStagesNothing(TestDatabase db) throws Exception {
    StatementCounter counter = new StatementCounter(db.createEmpty());

    ImportReport report = Snapshots.load(counter, dir.resolve("s.jsonl"), Snapshots.FULL);

    assertThat(report.recordsImported()).isEqualTo(9);
    assertThat(counter.sql()).as("what the import sent").isNotEmpty();
    assertThat(lookups(counter)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void intoAnEmptyLedgerTheImportOnlyAsksWhetherItHasRecordsAndStagesNothing(TestDatabase db)
      throws Exception {
    DataSource empty = db.createEmpty();
    LedgerSchema.migrate(empty);
    StatementCounter counter = new StatementCounter(empty);

    ImportReport report = Snapshots.load(counter, dir.resolve("s.jsonl"), Snapshots.FULL);

    assertThat(report.recordsImported()).isEqualTo(9);
    assertThat(lookups(counter))
        .isNotEmpty()
        .allSatisfy(sql -> assertThat(sql).matches("SELECT 1 FROM ledger_\\w+ LIMIT 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void intoALedgerWithRecordsTheImportStagesAndLooksUpWhatItReplaces(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.createEmpty();
    Snapshots.load(dataSource, dir.resolve("s.jsonl"), Snapshots.FULL);
    StatementCounter counter = new StatementCounter(dataSource);

    Snapshots.load(counter, dir.resolve("s.jsonl"), Snapshots.FULL);

    assertThat(lookups(counter))
        .anySatisfy(sql -> assertThat(sql).contains(SnapshotImporter.STAGING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aRecordAlreadyThereIsReplacedByTheSnapshotsVersionChildrenAndAll(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.createEmpty();
    Snapshots.load(dataSource, dir.resolve("a.jsonl"), Snapshots.FULL);
    Snapshots.load(
        dataSource,
        dir.resolve("b.jsonl"),
        List.of(
            "{\"kind\":\"org\",\"orgId\":50406}",
            "{\"kind\":\"customer\",\"orgId\":50406,\"customerId\":1001,\"identifiers\":["
                + "{\"name\":\"email\",\"value\":\"new@example.com\",\"source\":\"WEB_ENGAGE\"}]}",
            "{\"kind\":\"group\",\"orgId\":50406,\"groupId\":77,\"memberCustomerIds\":[1002]}",
            "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1002,\"eventLogId\":18608683,"
                + "\"points\":[{\"bucket\":\"promo\",\"value\":\"1.10\"}]}"));
    JdbcLedgerStore store = new JdbcLedgerStore(dataSource);

    assertThat(store.findOrgs(List.of(50406L)).get(0).connectedOrgIds()).isEmpty();
    assertThat(store.findOrgs(List.of(50406L)).get(0).name()).isNull();
    assertThat(store.findIdentifiers(List.of(50406L), List.of("917406401004"))).isEmpty();
    assertThat(store.findIdentifiers(List.of(50406L), List.of("new@example.com")))
        .extracting(m -> m.identifier())
        .containsExactly(new Identifier("email", "new@example.com", "WEB_ENGAGE", null));
    assertThat(store.findMemberships(List.of(50406L), List.of(1001L, 1002L)))
        .extracting(m -> m.customerId() + "/" + m.primaryCustomerId())
        .containsExactly("1002/null");
    EventKey key = new EventKey(50406, 18608683);
    assertThat(store.findEventsById(List.of(50406L), List.of(18608683L)))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.customerId()).isEqualTo(1002);
              assertThat(h.eventName()).isNull();
              assertThat(h.eventReferenceId()).isNull();
            });
    EventSections sections =
        store.loadSections(List.of(key), EnumSet.allOf(Section.class)).get(key);
    assertThat(sections.points()).hasSize(1);
    assertThat(sections.bill()).isNull();
    assertThat(sections.customFields()).isEmpty();
    assertThat(sections.paymentModes()).isEmpty();
    assertThat(sections.alternateCurrencies()).isEmpty();
    // the other org's event of the same id is untouched
    assertThat(
            store
                .loadSections(
                    List.of(new EventKey(4000218, 18608683)), EnumSet.allOf(Section.class))
                .get(new EventKey(4000218, 18608683))
                .customFields())
        .hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void twoRecordsWithOneKeyInOneFileAreABadLineNamingBothLines(TestDatabase db) {
    DataSource dataSource = db.createEmpty();
    List<String> lines = new ArrayList<>(Snapshots.FULL);
    lines.add("{\"kind\":\"org\",\"orgId\":4000218,\"name\":\"Brand B again\"}");
    lines.add("{\"kind\":\"customer\",\"orgId\":50406,\"customerId\":1002}");
    lines.add("{\"kind\":\"group\",\"orgId\":50406,\"groupId\":77}");
    lines.add("{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1002,\"eventLogId\":18608683}");
    // the same ids in another org are other records
    lines.add("{\"kind\":\"customer\",\"orgId\":60001,\"customerId\":1002}");
    lines.add("{\"kind\":\"org\",\"orgId\":60001}");
    Path file = Snapshots.write(dir.resolve("dup.jsonl"), lines);

    assertRejected(
        dataSource,
        file,
        "line 10: org 4000218 already at line 2",
        "line 11: customer 1002 of org 50406 already at line 4",
        "line 12: group 77 of org 50406 already at line 6",
        "line 13: event 18608683 of org 50406 already at line 7");
    assertThat(LedgerSchema.exists(dataSource)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void intoAnEmptyLedgerTwoEventsWithOneKeyAreFoundByItsPrimaryKeyAndBothLinesNamed(
      TestDatabase db) {
    DataSource dataSource = db.createEmpty();
    List<String> lines = new ArrayList<>(Snapshots.FULL);
    // on H2 written in batches of 2, the second of each pair reaching the database in a later
    // batch; on PostgreSQL the rows go by one COPY (its batch is some millions of characters)
    lines.add("{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"eventLogId\":7}");
    lines.add("{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1002,\"eventLogId\":8}");
    lines.add("{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"eventLogId\":8}");
    lines.add("{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"eventLogId\":7}");
    Path file = Snapshots.write(dir.resolve("dup-events.jsonl"), lines);

    assertRejected(
        dataSource,
        file,
        "line 12: event 8 of org 50406 already at line 11",
        "line 13: event 7 of org 50406 already at line 10");
    assertThat(LedgerSchema.exists(dataSource)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void intoALedgerWithRecordsTwoEventsWithOneKeyInOneFileAreABadLineNamingBothLines(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.createEmpty();
    Snapshots.load(dataSource, dir.resolve("earlier.jsonl"), Snapshots.FULL);
    List<String> before = contents(dataSource);
    Path file =
        Snapshots.write(
            dir.resolve("dup-later.jsonl"),
            List.of(
                "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1002,\"eventLogId\":7}",
                "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"eventLogId\":8}",
                "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"eventLogId\":7}",
                "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1002,\"eventLogId\":8}"));

    assertRejected(
        dataSource,
        file,
        "line 3: event 7 of org 50406 already at line 1",
        "line 4: event 8 of org 50406 already at line 2");
    assertThat(contents(dataSource)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void withSkipBadLinesTheFirstOfTwoRecordsWithOneKeyIsImported(TestDatabase db) throws Exception {
    DataSource dataSource = db.createEmpty();
    List<String> lines = new ArrayList<>(Snapshots.FULL);
    lines.add(
        "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1002,\"eventLogId\":18608683,"
            + "\"eventName\":\"second\"}");
    Path file = Snapshots.write(dir.resolve("dup.jsonl"), lines);

    ImportReport report = new SnapshotImporter(dataSource).importSnapshot(file, true);

    assertThat(report.skipped())
        .extracting(ImportReport.BadLine::toString)
        .containsExactly("line 10: event 18608683 of org 50406 already at line 7");
    assertThat(report.events()).isEqualTo(3);
    assertThat(new JdbcLedgerStore(dataSource).findEventsById(List.of(50406L), List.of(18608683L)))
        .extracting(h -> h.eventName())
        .containsExactly("TransactionAdd");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aReferenceToARecordNeitherInTheFileNorInTheLedgerIsABadLineNamingIt(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.createEmpty();
    // the ledger has org 50406, customers 1001 and 1002 and group 77 from an earlier import
    Snapshots.load(dataSource, dir.resolve("earlier.jsonl"), Snapshots.FULL);
    List<String> before = contents(dataSource);
    Path file =
        Snapshots.write(
            dir.resolve("refs.jsonl"),
            List.of(
                // good: the ledger's, or one later in this file
                "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"groupId\":77,"
                    + "\"eventLogId\":1}",
                "{\"kind\":\"event\",\"orgId\":70001,\"customerId\":5,\"groupId\":8,"
                    + "\"eventLogId\":2}",
                "{\"kind\":\"group\",\"orgId\":70001,\"groupId\":8,\"primaryCustomerId\":5,"
                    + "\"memberCustomerIds\":[5,1002]}",
                "{\"kind\":\"customer\",\"orgId\":70001,\"customerId\":1002}",
                "{\"kind\":\"customer\",\"orgId\":70001,\"customerId\":5}",
                "{\"kind\":\"org\",\"orgId\":70001}",
                // bad: what neither has
                "{\"kind\":\"customer\",\"orgId\":123,\"customerId\":1}",
                "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1003,\"eventLogId\":3}",
                "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"groupId\":78,"
                    + "\"eventLogId\":4}",
                "{\"kind\":\"group\",\"orgId\":50406,\"groupId\":79,\"primaryCustomerId\":1001,"
                    + "\"memberCustomerIds\":[1001,1004]}",
                "{\"kind\":\"group\",\"orgId\":50406,\"groupId\":80,"
                    + "\"primaryCustomerId\":1005}",
                // a customer of another org is not this org's
                "{\"kind\":\"event\",\"orgId\":4000218,\"customerId\":1002,\"eventLogId\":5}",
                // a record whose own line is bad is not there either
                "{\"kind\":\"event\",\"orgId\":123,\"customerId\":1,\"eventLogId\":6}"));

    assertRejected(
        dataSource,
        file,
        "line 7: org 123 is not in the ledger or this file",
        "line 8: customer 1003 of org 50406 is not in the ledger or this file",
        "line 9: group 78 of org 50406 is not in the ledger or this file",
        "line 10: customer 1004 of org 50406 is not in the ledger or this file",
        "line 11: customer 1005 of org 50406 is not in the ledger or this file",
        "line 12: customer 1002 of org 4000218 is not in the ledger or this file",
        "line 13: org 123 is not in the ledger or this file");
    assertThat(contents(dataSource)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void everyLineNamingOneMissingRecordIsABadLineAndLinesBeforeTheirGroupImport(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.createEmpty();
    List<String> lines = new ArrayList<>();
    lines.add("{\"kind\":\"org\",\"orgId\":70001}");
    lines.add("{\"kind\":\"customer\",\"orgId\":70001,\"customerId\":5}");
    for (int event = 1; event <= 3; event++) {
      lines.add(
          "{\"kind\":\"event\",\"orgId\":70001,\"customerId\":5,\"groupId\":9,"
              + "\"eventLogId\":"
              + event
              + "}");
    }
    // the first load keeps group 9 once for the three lines; the rejection names each line
    assertRejected(
        dataSource,
        Snapshots.write(dir.resolve("missing.jsonl"), lines),
        "line 3: group 9 of org 70001 is not in the ledger or this file",
        "line 4: group 9 of org 70001 is not in the ledger or this file",
        "line 5: group 9 of org 70001 is not in the ledger or this file");

    lines.add(
        "{\"kind\":\"group\",\"orgId\":70001,\"groupId\":9,\"primaryCustomerId\":5,"
            + "\"memberCustomerIds\":[5]}");
    ImportReport report =
        new SnapshotImporter(dataSource, 2)
            .importSnapshot(Snapshots.write(dir.resolve("later.jsonl"), lines), false);
    assertThat(report.events()).isEqualTo(3);
    assertThat(count(dataSource, "ledger_event")).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void withSkipBadLinesARecordReferringToASkippedOneIsSkippedToo(TestDatabase db) throws Exception {
    DataSource dataSource = db.createEmpty();
    Path file =
        Snapshots.write(
            dir.resolve("cascade.jsonl"),
            List.of(
                "{\"kind\":\"event\",\"orgId\":8,\"customerId\":1,\"groupId\":2,"
                    + "\"eventLogId\":3}",
                "{\"kind\":\"group\",\"orgId\":8,\"groupId\":2,\"memberCustomerIds\":[1,5]}",
                "{\"kind\":\"customer\",\"orgId\":8,\"customerId\":1}",
                "{\"kind\":\"org\",\"orgId\":8}"));

    ImportReport report = new SnapshotImporter(dataSource).importSnapshot(file, true);

    assertThat(report.skipped())
        .extracting(ImportReport.BadLine::toString)
        .containsExactly(
            "line 1: group 2 of org 8 is not in the ledger and its line 2 is bad",
            "line 2: customer 5 of org 8 is not in the ledger or this file");
    assertThat(List.of(report.orgs(), report.customers(), report.groups(), report.events()))
        .containsExactly(1L, 1L, 0L, 0L);
    assertThat(count(dataSource, "ledger_event")).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void intoALedgerWithRecordsSkipBadLinesReplacesWhatItHasAndSkipsWhatNamesASkippedLine(
      TestDatabase db) throws Exception {
    DataSource dataSource = db.createEmpty();
    Snapshots.load(dataSource, dir.resolve("earlier.jsonl"), Snapshots.FULL);
    long events = count(dataSource, "ledger_event");
    Path file =
        Snapshots.write(
            dir.resolve("later.jsonl"),
            List.of(
                "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1002,"
                    + "\"eventLogId\":18608683,\"eventName\":\"GenericEvent\"}",
                "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"groupId\":90,"
                    + "\"eventLogId\":5}",
                "{\"kind\":\"group\",\"orgId\":50406,\"groupId\":90,"
                    + "\"memberCustomerIds\":[1001,1009]}",
                "{\"kind\":\"customer\",\"orgId\":50406,\"customerId\":1010}"));

    ImportReport report = new SnapshotImporter(dataSource, 2).importSnapshot(file, true);

    assertThat(report.skipped())
        .extracting(ImportReport.BadLine::toString)
        .containsExactly(
            "line 2: group 90 of org 50406 is not in the ledger and its line 3 is bad",
            "line 3: customer 1009 of org 50406 is not in the ledger or this file");
    assertThat(List.of(report.orgs(), report.customers(), report.groups(), report.events()))
        .containsExactly(0L, 1L, 0L, 1L);
    JdbcLedgerStore store = new JdbcLedgerStore(dataSource);
    assertThat(store.findEventsById(List.of(50406L), List.of(18608683L, 5L)))
        .extracting(h -> h.customerId() + "/" + h.eventName())
        .containsExactlyInAnyOrder("1002/GenericEvent", "1002/null"); // 5: the ledger's, kept
    assertThat(count(dataSource, "ledger_event")).isEqualTo(events);
    assertThat(count(dataSource, "ledger_group")).isEqualTo(1);
    assertThat(count(dataSource, "ledger_customer")).isEqualTo(4);
    List<String> after = contents(dataSource);
    new SnapshotImporter(dataSource).importSnapshot(file, true);
    assertThat(contents(dataSource)).isEqualTo(after);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aNegativeOrZeroIdIsABadLineNamingTheField(TestDatabase db) {
    DataSource dataSource = db.createEmpty();
    Path file =
        Snapshots.write(
            dir.resolve("ids.jsonl"),
            List.of(
                "{\"kind\":\"org\",\"orgId\":-50406}",
                "{\"kind\":\"org\",\"orgId\":1,\"connectedOrgIds\":[2,0]}",
                "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":0}",
                "{\"kind\":\"group\",\"orgId\":1,\"groupId\":-77}",
                "{\"kind\":\"group\",\"orgId\":1,\"groupId\":7,\"memberCustomerIds\":[1,-2]}",
                "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":-5001}",
                "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":5002,"
                    + "\"points\":[{\"bucket\":\"regular\",\"programId\":-1}]}",
                "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":5003,"
                    + "\"tillId\":-2}",
                "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":5004,"
                    + "\"bill\":{\"lineItems\":[{\"id\":0}]}}",
                // the vendor's tillId of an import
                "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":5005,"
                    + "\"tillId\":-1}",
                "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":1}",
                "{\"kind\":\"org\",\"orgId\":1}"));

    assertRejected(
        dataSource,
        file,
        "line 1: orgId: not a positive id: -50406",
        "line 2: connectedOrgIds[1]: not a positive id: 0",
        "line 3: customerId: not a positive id: 0",
        "line 4: groupId: not a positive id: -77",
        "line 5: memberCustomerIds[1]: not a positive id: -2",
        "line 6: eventLogId: not a positive id: -5001",
        "line 7: points[0].programId: not a positive id: -1",
        "line 8: tillId: not a positive id: -2 (or -1, the vendor's for an import)",
        "line 9: bill.lineItems[0].id: not a positive id: 0");
    assertThat(LedgerSchema.exists(dataSource)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void anEmptyFileIsRefusedAndNothingIsImported(TestDatabase db) throws Exception {
    DataSource dataSource = db.createEmpty();
    Path empty = Files.createFile(dir.resolve("empty.jsonl"));
    Path blank = Snapshots.write(dir.resolve("blank.jsonl"), List.of("", "  ", "\t"));

    assertThatThrownBy(() -> new SnapshotImporter(dataSource).importSnapshot(empty, true))
        .isInstanceOf(EmptySnapshotException.class)
        .hasMessage(empty + " is empty: no record to import; nothing was imported");
    assertThatThrownBy(() -> new SnapshotImporter(dataSource).importSnapshot(blank, false))
        .isInstanceOf(EmptySnapshotException.class)
        .hasMessage(blank + " has only blank lines: no record to import; nothing was imported");
    assertThat(LedgerSchema.exists(dataSource)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aBadLineIsReportedWithItsNumberAndNothingIsImported(TestDatabase db) throws Exception {
    DataSource dataSource = db.createEmpty();
    LedgerSchema.migrate(dataSource);
    List<String> lines = new ArrayList<>(Snapshots.FULL);
    lines.add(2, "");
    lines.add(
        6,
        "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"eventLogId\":9,\"pointz\":[]}");
    Path file = Snapshots.write(dir.resolve("bad.jsonl"), lines);

    assertThatThrownBy(() -> new SnapshotImporter(dataSource).importSnapshot(file, false))
        .isInstanceOf(SnapshotRejectedException.class)
        .hasMessage(
            file
                + ": 1 bad line; nothing was imported"
                + System.lineSeparator()
                + "line 7: event: unknown field 'pointz'");
    assertThat(contents(dataSource)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void skipBadLinesImportsTheRestAndReportsTheSkippedLines(TestDatabase db) throws Exception {
    DataSource dataSource = db.createEmpty();
    List<String> lines = new ArrayList<>(Snapshots.FULL);
    lines.add(1, "{\"kind\":\"evnt\"}");
    lines.add("not json");
    Path file = Snapshots.write(dir.resolve("bad.jsonl"), lines);

    ImportReport report = new SnapshotImporter(dataSource).importSnapshot(file, true);

    assertThat(report.skippedLines()).isEqualTo(2);
    assertThat(report.skipped()).extracting(ImportReport.BadLine::line).containsExactly(2L, 11L);
    assertThat(report.skipped().get(0)).hasToString("line 2: unknown kind 'evnt'");
    assertThat(report.skipped().get(1).reason()).startsWith("not JSON: ");
    assertThat(report.linesRead()).isEqualTo(11);
    assertThat(report.recordsImported()).isEqualTo(9);
    assertThat(count(dataSource, "ledger_event")).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void theRejectionListsTheFirst20BadLinesAndCountsTheRest(TestDatabase db) {
    DataSource dataSource = db.createEmpty();
    List<String> lines =
        IntStream.rangeClosed(1, 25).mapToObj(i -> "{\"kind\":\"org\",\"orgId\":\"x\"}").toList();
    Path file = Snapshots.write(dir.resolve("bad.jsonl"), lines);

    assertThatThrownBy(() -> new SnapshotImporter(dataSource).importSnapshot(file, false))
        .isInstanceOfSatisfying(
            SnapshotRejectedException.class,
            e -> {
              assertThat(e.badLineCount()).isEqualTo(25);
              assertThat(e.getMessage().lines())
                  .hasSize(22)
                  .contains("line 20: orgId: not an integer: 'x'")
                  .doesNotContain("line 21: orgId: not an integer: 'x'")
                  .endsWith("... and 5 more");
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void anImportThatFailsHalfwayLeavesNothingImported(TestDatabase db) throws Exception {
    DataSource dataSource = db.createEmpty();
    LedgerSchema.migrate(dataSource);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE ledger_alternate_currency");
    }
    Path file = dir.resolve("s.jsonl");
    Snapshots.writeSynthetic(file, 20, 2);

    assertThatThrownBy(() -> new SnapshotImporter(dataSource, 1).importSnapshot(file, false))
        .isInstanceOf(LedgerStoreException.class)
        .hasMessageContaining("nothing was imported");
    assertThat(count(dataSource, "ledger_org")).isZero();
    assertThat(count(dataSource, "ledger_customer")).isZero();
    assertThat(count(dataSource, "ledger_event")).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void textOutsideTheBasicPlaneIsStoredExactlyWhereverItFallsInTheLoadsBuffers(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.createEmpty();
    // PostgreSQL's COPY buffer holds "1\t" + name + ...: the emoji's two chars straddle 65,536
    List<String> names = new ArrayList<>();
    StringBuilder snapshot = new StringBuilder();
    for (int orgId = 1; orgId <= 4; orgId++) {
      String name = "a".repeat(65_532 + orgId) + "\uD83D\uDE00 tail";
      names.add(name);
      snapshot
          .append("{\"kind\":\"org\",\"orgId\":")
          .append(orgId)
          .append(",\"name\":\"")
          .append(name)
          .append("\"}\n");
    }
    Path file = dir.resolve("wide.jsonl");
    Files.writeString(file, snapshot);

    new SnapshotImporter(dataSource).importSnapshot(file, false);

    List<String> stored = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM ledger_org ORDER BY org_id")) {
      while (rs.next()) {
        stored.add(rs.getString(1));
      }
    }
    assertThat(stored).isEqualTo(names);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void timesOfIsoYearZeroAreStoredAsGivenBesideTheFirstAndLastOfOurEra(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.createEmpty();
    Path file = dir.resolve("eras.jsonl");
    Files.writeString(
        file,
        """
        {"kind":"org","orgId":1}
        {"kind":"customer","orgId":1,"customerId":2}
        {"kind":"event","orgId":1,"customerId":2,"eventLogId":3,"eventTime":"0000-06-01T10:00:00Z"}
        {"kind":"event","orgId":1,"customerId":2,"eventLogId":4,"eventTime":"0001-06-01T00:00:00Z"}
        {"kind":"event","orgId":1,"customerId":2,"eventLogId":5,"eventTime":"9999-12-31T23:59:59Z"}
        """);

    new SnapshotImporter(dataSource).importSnapshot(file, false);

    List<java.time.OffsetDateTime> stored = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT event_time FROM ledger_event ORDER BY event_log_id")) {
      while (rs.next()) {
        stored.add(
            rs.getObject(1, java.time.OffsetDateTime.class)
                .withOffsetSameInstant(java.time.ZoneOffset.UTC));
      }
    }
    assertThat(stored)
        .containsExactly(
            java.time.OffsetDateTime.parse("0000-06-01T10:00:00Z"),
            java.time.OffsetDateTime.parse("0001-06-01T00:00:00Z"),
            java.time.OffsetDateTime.parse("9999-12-31T23:59:59Z"));
  }
}

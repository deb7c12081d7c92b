package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.explode.LedgerPort.Section;
import com.ledgerexplode.ledger.EventKey;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotImporterTest {
  private static final List<String> TABLES =
      List.of(
          "ledger_org",
          "ledger_org_connection",
          "ledger_customer",
          "ledger_identifier",
          "ledger_group",
          "ledger_group_member",
          "ledger_event",
          "ledger_points",
          "ledger_bill",
          "ledger_line_item",
          "ledger_event_field",
          "ledger_payment_mode",
          "ledger_alternate_currency");

  @TempDir Path dir;

  /** Every row of every ledger table, as text, sorted: what "changes nothing" compares. */
  private static List<String> contents(DataSource dataSource) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder(table);
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              row.append('|').append(rs.getString(i));
            }
            rows.add(row.toString());
          }
        }
      }
    }
    rows.sort(null);
    return rows;
  }

  private static long count(DataSource dataSource, String table) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
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
  void ofTwoLinesWithOneKeyTheLaterWinsInOneBatchAndAcrossBatches(TestDatabase db)
      throws Exception {
    for (int batchSize : new int[] {1000, 1}) {
      DataSource dataSource = db.createEmpty();
      Path file =
          Snapshots.write(
              dir.resolve("dup.jsonl"),
              List.of(
                  "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,"
                      + "\"eventName\":\"first\",\"points\":[{\"bucket\":\"regular\",\"value\":\"1\"},"
                      + "{\"bucket\":\"regular\",\"value\":\"2\"}]}",
                  "{\"kind\":\"org\",\"orgId\":1}",
                  "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,"
                      + "\"eventName\":\"second\",\"points\":[{\"bucket\":\"promo\",\"value\":\"9\"}]}"));
      new SnapshotImporter(dataSource, batchSize).importSnapshot(file, false);
      JdbcLedgerStore store = new JdbcLedgerStore(dataSource);
      assertThat(store.findEventsById(List.of(1L), List.of(3L)))
          .extracting(h -> h.eventName())
          .containsExactly("second");
      assertThat(count(dataSource, "ledger_points")).isEqualTo(1);
    }
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
}

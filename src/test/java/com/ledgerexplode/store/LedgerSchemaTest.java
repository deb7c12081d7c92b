package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.LedgerPort.Section;
import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventKey;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.PointsField;
import com.ledgerexplode.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LedgerSchemaTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void migrateCreatesTheSchemaOnceAndThenHasNothingToDo(TestDatabase db) {
    DataSource dataSource = db.createEmpty();
    assertThat(LedgerSchema.migrate(dataSource)).isEqualTo(6);
    assertThat(LedgerSchema.migrate(dataSource)).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void theNewestVersionIsToldByOneQueryAndIsFlywaysNewestMigration(TestDatabase db) {
    DataSource dataSource = db.createEmpty();
    Flyway flyway =
        Flyway.configure().dataSource(dataSource).locations(LedgerSchema.LOCATION).load();
    MigrationInfo[] pending = flyway.info().pending();
    assertThat(pending[pending.length - 1].getVersion().getVersion())
        .isEqualTo(LedgerSchema.NEWEST_VERSION);
    assertThat(LedgerSchema.isNewest(dataSource)).isFalse();

    Flyway.configure()
        .dataSource(dataSource)
        .locations(LedgerSchema.LOCATION)
        .target("5")
        .load()
        .migrate();
    assertThat(LedgerSchema.isNewest(dataSource)).isFalse();

    assertThat(LedgerSchema.migrate(dataSource)).isEqualTo(1);
    assertThat(LedgerSchema.isNewest(dataSource)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aStoreOfTheFirstSchemaKeepsItsAlternateCurrenciesAsRegularEntries(TestDatabase db)
      throws Exception {
    DataSource dataSource = db.createEmpty();
    Flyway.configure()
        .dataSource(dataSource)
        .locations(LedgerSchema.LOCATION)
        .target("1")
        .load()
        .migrate();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO ledger_event (org_id, event_log_id, customer_id) VALUES (1, 2, 3)");
      s.execute(
          "INSERT INTO ledger_alternate_currency (org_id, event_log_id, position, name,"
              + " identifier, \"value\", expires_on) VALUES (1, 2, 0, 'stars', 'STR', '3.50',"
              + " DATE '2025-08-20')");
    }

    assertThat(LedgerSchema.migrate(dataSource)).isEqualTo(5);

    List<AlternateCurrency> currencies =
        new JdbcLedgerStore(dataSource)
            .loadSections(List.of(new EventKey(1, 2)), Set.of(Section.ALTERNATE_CURRENCIES))
            .get(new EventKey(1, 2))
            .alternateCurrencies();
    assertThat(currencies).hasSize(1);
    assertThat(currencies.get(0).name()).isEqualTo("stars");
    assertThat(currencies.get(0).entry().bucket()).isEqualTo(Bucket.REGULAR);
    assertThat(currencies.get(0).entry().fields().values())
        .containsEntry(PointsField.VALUE, new BigDecimal("3.50"))
        .containsEntry(PointsField.EXPIRES_ON, LocalDate.parse("2025-08-20"))
        .hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aLedgerWrittenBeforeTimesKeptTheirDigitsReadsAsItDidThen(TestDatabase db) throws Exception {
    DataSource dataSource = db.createEmpty();
    Flyway.configure()
        .dataSource(dataSource)
        .locations(LedgerSchema.LOCATION)
        .target("4")
        .load()
        .migrate();
    // as the release before V5 wrote a snapshot's event whose times had fractions
    try (Connection c = dataSource.getConnection()) {
      insert(
          c,
          "INSERT INTO ledger_event (org_id, event_log_id, customer_id, event_name, event_time,"
              + " details) VALUES (1, 2, 3, 'PointsRedemption', ?, ?)",
          utc("2024-08-20T11:29:02.5Z"),
          "{\"redemptionDetails\":{\"billingTime\":\"2024-10-02T10:00:00.123456789Z\"}}");
      insert(
          c,
          "INSERT INTO ledger_points (org_id, event_log_id, position, bucket, awarded_on)"
              + " VALUES (1, 2, 0, 'regular', ?)",
          utc("2024-08-20T11:29:02.12Z"));
      insert(
          c,
          "INSERT INTO ledger_bill (org_id, event_log_id, bill_date, return_date)"
              + " VALUES (1, 2, ?, ?)",
          utc("2024-08-20T11:29:02Z"),
          utc("2024-08-21T10:00:00.1234Z"));
      insert(
          c,
          "INSERT INTO ledger_alternate_currency (org_id, event_log_id, position, name, bucket,"
              + " awarded_on) VALUES (1, 2, 0, 'stars', 'regular', ?)",
          utc("2024-08-20T11:29:02.000001Z"));
    }

    assertThat(LedgerSchema.migrate(dataSource)).isEqualTo(2);

    JdbcLedgerStore store = new JdbcLedgerStore(dataSource);
    EventHeader header = store.findEventsById(List.of(1L), List.of(2L)).get(0);
    EventSections sections =
        store
            .loadSections(List.of(new EventKey(1, 2)), EnumSet.allOf(Section.class))
            .get(new EventKey(1, 2));
    // the forms that release wrote: an ISO-8601 instant's digits, 0, 3, 6 or, in a type's
    // details, which it kept as text, 9
    assertThat(
            List.of(
                header.eventTime(),
                ((Map<?, ?>) header.typeDetail().details().get("redemptionDetails"))
                    .get("billingTime"),
                sections.points().get(0).fields().get(PointsField.AWARDED_ON),
                sections.bill().fields().get(BillField.BILL_DATE),
                sections.bill().fields().get(BillField.RETURN_DATE),
                sections.alternateCurrencies().get(0).entry().fields().get(PointsField.AWARDED_ON)))
        .extracting(time -> ((LedgerTime) time).iso())
        .containsExactly(
            "2024-08-20T11:29:02.500Z",
            "2024-10-02T10:00:00.123456789Z",
            "2024-08-20T11:29:02.120Z",
            "2024-08-20T11:29:02Z",
            "2024-08-21T10:00:00.123400Z",
            "2024-08-20T11:29:02.000001Z");
    assertThat(header.eventTime().legacy()).isEqualTo("2024-08-20 11:29:02.500");
  }

  private static void insert(Connection c, String sql, Object... values) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      ps.executeUpdate();
    }
  }

  private static OffsetDateTime utc(String iso) {
    return OffsetDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
  }
}

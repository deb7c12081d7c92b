package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.LedgerPort.Section;
import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventKey;
import com.ledgerexplode.ledger.PointsField;
import com.ledgerexplode.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LedgerSchemaTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void migrateCreatesTheSchemaOnceAndThenHasNothingToDo(TestDatabase db) {
    DataSource dataSource = db.createEmpty();
    assertThat(LedgerSchema.migrate(dataSource)).isEqualTo(4);
    assertThat(LedgerSchema.migrate(dataSource)).isZero();
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

    assertThat(LedgerSchema.migrate(dataSource)).isEqualTo(3);

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
}

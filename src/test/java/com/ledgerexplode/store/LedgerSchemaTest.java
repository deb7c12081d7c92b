package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.testing.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LedgerSchemaTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void migrateCreatesTheSchemaOnceAndThenHasNothingToDo(TestDatabase db) {
    DataSource dataSource = db.createEmpty();
    assertThat(LedgerSchema.migrate(dataSource)).isEqualTo(1);
    assertThat(LedgerSchema.migrate(dataSource)).isZero();
  }
}

package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DialectTest {

  @Test
  void aUrlIsToldByItsDriversPrefix() {
    assertThat(Dialect.ofUrl("jdbc:h2:./data/ledger;AUTO_SERVER=TRUE")).isEqualTo(Dialect.H2);
    assertThat(Dialect.ofUrl("jdbc:h2:mem:x")).isEqualTo(Dialect.H2);
    assertThat(Dialect.ofUrl("jdbc:postgresql://db:5432/ledger")).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.ofUrl("jdbc:mysql://db/ledger")).isEqualTo(Dialect.OTHER);
    assertThat(Dialect.ofUrl("jdbc:sqlserver://h2:1433;databaseName=postgresql"))
        .isEqualTo(Dialect.OTHER);
  }

  @Test
  void onlyAnH2UrlInMemoryIsInMemory() {
    assertThat(Dialect.isInMemoryH2("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isTrue();
    assertThat(Dialect.isInMemoryH2("jdbc:h2:./data/mem")).isFalse();
    assertThat(Dialect.isInMemoryH2("jdbc:postgresql://mem/ledger")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aConnectionIsToldByItsDatabasesProductName(TestDatabase database) throws Exception {
    Dialect expected = database == TestDatabases.H2 ? Dialect.H2 : Dialect.POSTGRESQL;

    try (Connection connection = database.createEmpty().getConnection()) {
      assertThat(Dialect.of(connection)).isEqualTo(expected);
      assertThat(Dialect.ofUrl(connection.getMetaData().getURL())).isEqualTo(expected);
    }
  }

  @Test
  void anEmbeddedH2UrlNamesItsFileOthersNone() {
    assertThat(Dialect.h2File("jdbc:h2:./data/ledger;AUTO_SERVER=TRUE"))
        .contains(java.nio.file.Path.of("./data/ledger.mv.db"));
    assertThat(Dialect.h2File("jdbc:h2:file:/var/db/ledger"))
        .contains(java.nio.file.Path.of("/var/db/ledger.mv.db"));
    assertThat(Dialect.h2File("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
    assertThat(Dialect.h2File("jdbc:h2:tcp://host/db")).isEmpty();
    assertThat(Dialect.h2File("jdbc:h2:~/ledger")).isEmpty();
    assertThat(Dialect.h2File("jdbc:postgresql://db/ledger")).isEmpty();
  }
}

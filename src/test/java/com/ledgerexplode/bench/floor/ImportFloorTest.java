package com.ledgerexplode.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.store.LedgerSchema;
import com.ledgerexplode.store.SnapshotImporter;
import com.ledgerexplode.testing.LedgerTables;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The floor is honest: on a generated ledger it writes the rows the product's import writes. */
class ImportFloorTest {

  @TempDir Path dir;

  static Stream<Arguments> modes() {
    return Stream.of(
        Arguments.of(TestDatabases.H2, ImportFloor.Mode.BATCH),
        Arguments.of(TestDatabases.POSTGRESQL, ImportFloor.Mode.BATCH),
        Arguments.of(TestDatabases.POSTGRESQL, ImportFloor.Mode.COPY));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void theFloorWritesTheSameRowsAsTheProductsImport(TestDatabase db, ImportFloor.Mode mode)
      throws Exception {
    new LedgerGenerator(GeneratorOptions.of(60, 10, 7)).generate(dir);
    Path ledger = dir.resolve(LedgerGenerator.LEDGER_FILE);
    DataSource product = db.createEmpty();
    new SnapshotImporter(product).importSnapshot(ledger, false);
    DataSource floor = db.createEmpty();
    LedgerSchema.migrate(floor);
    try (Connection c = floor.getConnection()) {
      ImportFloor.load(c, ledger, mode);
    }

    List<String> expected = contents(product);
    assertThat(expected).hasSizeGreaterThan(2000);
    assertThat(contents(floor)).isEqualTo(expected);
  }

  private static List<String> contents(DataSource dataSource) throws SQLException {
    return LedgerTables.contents(dataSource);
  }
}

package com.ledgerexplode.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.job.ExportJobRunner;
import com.ledgerexplode.export.job.RunObserver;
import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.store.SnapshotImporter;
import com.ledgerexplode.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The floor is honest: on a generated ledger, with every flag on by default, it answers the same
 * requests as the product with the same reads and writes within 1% of the product's bytes (export
 * and rejects file alike), on H2 and on PostgreSQL.
 */
class JobFloorTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void theFloorWritesWithinOnePercentOfTheProductsBytes(TestDatabase db) throws Exception {
    new LedgerGenerator(GeneratorOptions.of(300, 10, 1)).generate(dir);
    DataSource ledger = db.createEmpty();
    new SnapshotImporter(ledger).importSnapshot(dir.resolve(LedgerGenerator.LEDGER_FILE), false);
    Path requests = dir.resolve(LedgerGenerator.REQUESTS_FILE);

    Map<String, String> job = JobFloor.everyFlagOn();
    job.put("input", requests.toString());
    job.put("ledger.db", db.jdbcUrl(ledger));
    job.put("repository.db", "jdbc:h2:" + dir.resolve("repository"));
    Path product = dir.resolve("product/export.jsonl");
    job.put("output", product.toString());
    ExportJobRunner.run(JobSettings.of(job, LocalDate.of(2025, 1, 1)), RunObserver.NONE);

    Path floor = dir.resolve("floor/export.jsonl");
    Files.createDirectories(floor.getParent());
    JobFloor.Result result;
    try (Connection connection = ledger.getConnection()) {
      result =
          new JobFloor(connection, GeneratorOptions.DEFAULT_MAIN_ORG, 100).run(requests, floor);
    }

    long exportBytes = Files.size(product);
    long rejectsBytes = Files.size(dir.resolve("product/export.rejects.jsonl"));
    System.out.printf(
        "[%s] product %d + %d bytes, floor %d + %d bytes (%d events); export identical: %b%n",
        db,
        exportBytes,
        rejectsBytes,
        result.exportBytes(),
        result.rejectsBytes(),
        result.events(),
        Files.mismatch(product, floor) == -1);
    assertThat(exportBytes).isGreaterThan(100_000);
    assertThat((double) result.exportBytes())
        .isCloseTo((double) exportBytes, withinOnePercent(exportBytes));
    assertThat((double) result.rejectsBytes())
        .isCloseTo((double) rejectsBytes, withinOnePercent(rejectsBytes));
    assertThat(result.events()).isEqualTo(Files.readAllLines(product).size());
  }

  private static org.assertj.core.data.Offset<Double> withinOnePercent(long bytes) {
    return org.assertj.core.data.Offset.offset(bytes / 100.0);
  }
}

package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.json.snapshot.SnapshotReader;
import com.ledgerexplode.testing.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the import's speed on a synthetic snapshot; run on demand: {@code mvn test
 * -Dtest=ImportSpeedTest -Dledger.speed=true [-Dledger.speed.customers=N]}.
 */
@EnabledIfSystemProperty(named = "ledger.speed", matches = "true")
class ImportSpeedTest {
  @TempDir Path dir;

  private Path snapshot() throws Exception {
    int customers = Integer.getInteger("ledger.speed.customers", 20_000);
    Path file = dir.resolve("speed.jsonl");
    long lines = Snapshots.writeSynthetic(file, customers, 10);
    System.out.printf("snapshot: %d lines, %d MiB%n", lines, file.toFile().length() >> 20);
    return file;
  }

  private static void measure(String name, DataSource dataSource, Path file) throws Exception {
    long start = System.nanoTime();
    long records = 0;
    try (SnapshotReader reader =
        new SnapshotReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
      while (reader.next() != null) {
        records++;
      }
    }
    double readSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%s: reading alone: %.1f s: %.0f lines/s%n", name, readSeconds, records / readSeconds);
    ImportReport report = new SnapshotImporter(dataSource).importSnapshot(file, false);
    double seconds = report.elapsed().toNanos() / 1e9;
    System.out.printf(
        "%s: %d lines in %.1f s: %.0f lines/s%n",
        name, report.linesRead(), seconds, report.linesRead() / seconds);
    ImportReport again = new SnapshotImporter(dataSource).importSnapshot(file, false);
    double secondsAgain = again.elapsed().toNanos() / 1e9;
    System.out.printf(
        "%s, again (replacing): %.1f s: %.0f lines/s%n",
        name, secondsAgain, again.linesRead() / secondsAgain);
    assertThat(report.skippedLines()).isZero();
  }

  @Test
  void h2File() throws Exception {
    Path file = snapshot();
    try (HikariDataSource dataSource =
        Databases.open("jdbc:h2:file:" + dir.resolve("ledger"), "LEDGER_DB", Map.of())) {
      measure("H2 file", dataSource, file);
    }
  }

  @Test
  void postgresql() throws Exception {
    Path file = snapshot();
    measure("PostgreSQL", TestDatabases.POSTGRESQL.createEmpty(), file);
  }
}

package com.ledgerexplode.export.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.settings.JobSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs begin opening their ledger while the job repository is opened. */
class LedgerOpenedAheadTest {
  private static final String PG_LEDGER = "jdbc:postgresql://db.example:5432/ledger";

  @TempDir Path dir;

  private JobSettings settings(String... keysAndValues) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("input", dir.resolve("requests.csv").toString());
    values.put("output", dir.resolve("out/x.jsonl").toString());
    values.put("org", "50406");
    values.put("repository.db", "jdbc:h2:" + dir.resolve("repository"));
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return JobSettings.of(values, LocalDate.of(2025, 3, 4));
  }

  @Test
  void aLedgerOnAServerIsOpenedAhead() {
    assertThat(ExportJobRunner.opensLedgerAhead(settings("ledger.db", PG_LEDGER))).isTrue();
  }

  @Test
  void anH2LedgerFileThatExistsIsOpenedAhead() throws Exception {
    Files.createFile(dir.resolve("ledger.mv.db"));
    String ledger = "jdbc:h2:" + dir.resolve("ledger") + ";AUTO_SERVER=TRUE";

    assertThat(ExportJobRunner.opensLedgerAhead(settings("ledger.db", ledger))).isTrue();
  }

  @Test
  void anH2LedgerFileStillAbsentIsNotOpenedAheadSinceOpeningWouldCreateIt() {
    String ledger = "jdbc:h2:" + dir.resolve("ledger");

    assertThat(ExportJobRunner.opensLedgerAhead(settings("ledger.db", ledger))).isFalse();
    assertThat(
            ExportJobRunner.opensLedgerAhead(
                settings("ledger.db", ledger, "ledger.import", dir.resolve("l.jsonl").toString())))
        .isFalse();
    assertThat(dir.resolve("ledger.mv.db")).doesNotExist();
  }

  @Test
  void aLedgerThatIsTheJobRepositorysDatabaseIsNotOpenedAheadSinceItSharesTheRepositorysPool() {
    assertThat(
            ExportJobRunner.opensLedgerAhead(
                settings("ledger.db", PG_LEDGER, "repository.db", PG_LEDGER)))
        .isFalse();
  }

  @Test
  void aRunOverTheVendorsApiOpensNoLedger() {
    assertThat(
            ExportJobRunner.opensLedgerAhead(
                settings("ledger.db", "", "ledger.api", "http://127.0.0.1:8080")))
        .isFalse();
  }
}

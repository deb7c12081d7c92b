package com.ledgerexplode.export.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job file's {@code logFile} key: where a run logs, beside its job repository by default. */
class LogFileSettingTest {
  private static final LocalDate TODAY = LocalDate.of(2025, 3, 4);

  private static JobSettings with(String key, String value) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("input", "in/requests.csv");
    values.put("output", "out/x.jsonl");
    values.put("org", "50406");
    values.put(key, value);
    return JobSettings.of(values, TODAY);
  }

  @Test
  void byDefaultARunLogsBesideTheDefaultRepositorysData() {
    assertThat(with("runDate", "2025-03-04").logFile())
        .isEqualTo(Path.of("data/ledger-explode.log").toAbsolutePath());
  }

  @Test
  void aLocalH2RepositoryHasTheLogInItsDirectory() {
    assertThat(
            with("repository.db", "jdbc:h2:file:/srv/le/db/repository;AUTO_SERVER=TRUE").logFile())
        .isEqualTo(Path.of("/srv/le/db/ledger-explode.log"));
    assertThat(with("repository.db", "jdbc:h2:/srv/le/checkpoints").logFile())
        .isEqualTo(Path.of("/srv/le/ledger-explode.log"));
    assertThat(with("repository.db", "jdbc:h2:~/le/repository").logFile())
        .isEqualTo(Path.of(System.getProperty("user.home"), "le", "ledger-explode.log"));
  }

  @Test
  void aRepositoryThatIsNoLocalFileHasTheLogUnderLogs() {
    Path logs = Path.of("logs/ledger-explode.log").toAbsolutePath();
    assertThat(with("repository.db", "jdbc:postgresql://db:5432/batch").logFile()).isEqualTo(logs);
    assertThat(with("repository.db", "jdbc:h2:mem:repository").logFile()).isEqualTo(logs);
    assertThat(with("repository.db", "jdbc:h2:tcp://db/repository").logFile()).isEqualTo(logs);
  }

  @Test
  void theLogFileKeyChoosesTheFileRelativeToTheWorkingDirectory() {
    assertThat(with("logFile", "var/log/nightly.log").logFile())
        .isEqualTo(Path.of("var/log/nightly.log").toAbsolutePath());
    assertThat(with("logFile", " ").logFile())
        .isEqualTo(Path.of("data/ledger-explode.log").toAbsolutePath());
  }

  @Test
  void theLogFileIsNoPartOfTheRunsIdentityAndARestartLogsWhereTheRunDid() {
    JobSettings settings = with("logFile", "var/log/nightly.log");

    assertThat(settings.toJobParameters().getIdentifyingParameters())
        .isEqualTo(with("runDate", "2025-03-04").toJobParameters().getIdentifyingParameters());
    assertThat(JobSettings.fromJobParameters(settings.toJobParameters()).logFile())
        .isEqualTo(settings.logFile());
  }
}

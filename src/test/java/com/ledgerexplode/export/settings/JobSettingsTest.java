package com.ledgerexplode.export.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.vendor.ApiVersion;
import com.ledgerexplode.vendor.VendorApiSettings;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;

class JobSettingsTest {
  private static final LocalDate TODAY = LocalDate.of(2025, 3, 4);

  @TempDir Path dir;

  private static Map<String, String> minimal() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("input", "in/requests.csv");
    values.put("output", "out/x.jsonl");
    values.put("org", "50406");
    return values;
  }

  private static JobSettings with(String key, String value) {
    Map<String, String> values = minimal();
    values.put(key, value);
    return JobSettings.of(values, TODAY);
  }

  @Test
  void givenOnlyTheRequiredKeys_thenTheDefaultsOfTheContractApply() {
    JobSettings settings = JobSettings.of(minimal(), TODAY);

    assertThat(settings.input()).isEqualTo(Path.of("in/requests.csv").toAbsolutePath());
    assertThat(settings.outputPath()).isEqualTo(Path.of("out/x.jsonl").toAbsolutePath());
    assertThat(settings.outputIsDatabase()).isFalse();
    assertThat(settings.ledgerDb()).isEqualTo("jdbc:h2:./data/ledger;AUTO_SERVER=TRUE");
    assertThat(settings.repositoryDb()).isEqualTo("jdbc:h2:./data/repository;AUTO_SERVER=TRUE");
    assertThat(settings.dataScope()).isEqualTo(DataScope.SELF);
    assertThat(settings.dataScopeOrgs()).isEmpty();
    assertThat(settings.defaults()).isEmpty();
    assertThat(settings.chunkSize()).isEqualTo(100);
    assertThat(settings.pageSize()).isEqualTo(100);
    assertThat(settings.skipLimit()).isZero();
    assertThat(settings.runDate()).isEqualTo(TODAY);
    assertThat(settings.ledgerImport()).isNull();
    assertThat(settings.retryFor()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.partitions()).isOne();
  }

  @Test
  void partitionsAreAWholeNumberFrom1To64OrAutoForTheMachinesCores() {
    assertThat(with("partitions", "4").partitions()).isEqualTo(4);
    assertThat(with("partitions", "64").partitions()).isEqualTo(64);
    assertThat(with("partitions", "auto").partitions())
        .isEqualTo(Math.min(64, Runtime.getRuntime().availableProcessors()));
    assertThat(with("partitions", " AUTO ").partitions())
        .isEqualTo(with("partitions", "auto").partitions());
    for (String bad : new String[] {"0", "65", "-1", "two", "1.5"}) {
      assertThatThrownBy(() -> with("partitions", bad))
          .as(bad)
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessage(
              "Bad value '"
                  + bad
                  + "' for key 'partitions': expected auto (the machine's cores) or a whole"
                  + " number from 1 to 64");
    }
  }

  @Test
  void partitionsAreTuningNotTheRunsIdentityAndSurviveARestart() {
    Map<String, String> values = minimal();
    JobParameters one = JobSettings.of(values, TODAY).toJobParameters();
    values.put("partitions", "3");
    JobSettings three = JobSettings.of(values, TODAY);

    assertThat(three.toJobParameters().getIdentifyingParameters())
        .isEqualTo(one.getIdentifyingParameters());
    assertThat(JobSettings.fromJobParameters(three.toJobParameters()).partitions()).isEqualTo(3);
  }

  @Test
  void runDateInTheOutputNameIsReplacedByTheRunDate() {
    Map<String, String> values = minimal();
    values.put("output", "out/ledger-${runDate}.jsonl");

    assertThat(JobSettings.of(values, TODAY).outputPath().getFileName())
        .hasToString("ledger-2025-03-04.jsonl");
    values.put("runDate", "2024-12-31");
    assertThat(JobSettings.of(values, TODAY).outputPath().getFileName())
        .hasToString("ledger-2024-12-31.jsonl");
  }

  @Test
  void aJdbcUrlOutputGoesToTheReportingDatabase() {
    JobSettings settings = with("output", "jdbc:postgresql://db:5432/reporting");

    assertThat(settings.outputIsDatabase()).isTrue();
    assertThat(settings.output()).isEqualTo("jdbc:postgresql://db:5432/reporting");
  }

  @Test
  void defaultsAreApiParametersWithFlagsNormalised() {
    Map<String, String> values = minimal();
    values.put("defaults.getBillDetails", "TRUE");
    values.put("defaults.source", "INSTORE");

    assertThat(JobSettings.of(values, TODAY).defaults())
        .containsExactly(
            Map.entry(ApiParameter.SOURCE, "INSTORE"),
            Map.entry(ApiParameter.GET_BILL_DETAILS, "true"));
  }

  @Test
  void otherScopeWithItsOrgs() {
    Map<String, String> values = minimal();
    values.put("dataScope", "other");
    values.put("dataScopeOrgs", "4000218, 4000219");

    JobSettings settings = JobSettings.of(values, TODAY);
    assertThat(settings.dataScope()).isEqualTo(DataScope.OTHER);
    assertThat(settings.dataScopeOrgs()).containsExactly(4000218L, 4000219L);
  }

  @Test
  void theVendorsApiAsTheLedgerWithItsDefaults() {
    JobSettings settings = with("ledger.api", "https://api.example.com");

    LedgerApi api = settings.ledgerApi();
    assertThat(api).isNotNull();
    assertThat(api.url()).hasToString("https://api.example.com");
    assertThat(api.version()).isEqualTo(ApiVersion.V2_1);
    assertThat(api.concurrency()).isEqualTo(4);
    assertThat(api.requestsPerMinute()).isEqualTo(600);
    assertThat(api.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(api.rateWindow()).isEqualTo(Duration.ofMinutes(1));
    assertThat(api.attempts()).isEqualTo(6);
    assertThat(api.retryWait()).isEqualTo(Duration.ofMillis(500));
    assertThat(api.retries()).isEqualTo(VendorApiSettings.Retries.byDefault());
    assertThat(JobSettings.of(minimal(), TODAY).ledgerApi()).isNull();
  }

  @Test
  void theApiKeysAreConnectionAndTuningNotTheRunsIdentityAndSurviveARestart() {
    Map<String, String> values = minimal();
    values.put("ledger.api", "http://127.0.0.1:8080");
    values.put("api.version", "v2");
    values.put("api.concurrency", "16");
    values.put("api.requestsPerMinute", "120");
    values.put("api.timeout", "1500ms");
    values.put("api.rateWindow", "1s");
    values.put("api.attempts", "3");
    values.put("api.retryWait", "2s");
    JobSettings settings = JobSettings.of(values, TODAY);

    JobParameters parameters = settings.toJobParameters();
    for (String key :
        List.of(
            "ledger.api",
            "api.version",
            "api.concurrency",
            "api.requestsPerMinute",
            "api.timeout",
            "api.rateWindow",
            "api.attempts",
            "api.retryWait")) {
      assertThat(parameters.getParameter(key)).as(key).isNotNull();
      assertThat(parameters.getParameter(key).identifying()).as(key).isFalse();
    }
    assertThat(parameters.getParameter("ledger.db")).isNull();
    assertThat(JobSettings.fromJobParameters(parameters).ledgerApi())
        .isEqualTo(settings.ledgerApi());
  }

  @Test
  void theApiExcludesALedgerDatabaseAndASnapshotToImport() {
    for (String key : List.of("ledger.db", "ledger.import")) {
      Map<String, String> values = minimal();
      values.put("ledger.api", "https://api.example.com");
      values.put(key, key.equals("ledger.db") ? "jdbc:h2:./x" : "snapshot.jsonl");

      assertThatThrownBy(() -> JobSettings.of(values, TODAY))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessage(
              "Keys 'ledger.api' and '"
                  + key
                  + "' exclude each other: the ledger is either the vendor's API or a database");
    }
  }

  @Test
  void theApisRetriesAreAtLeastOneAttemptAndAFirstWaitOfAtMostTheLongest() {
    Map<String, String> values = minimal();
    values.put("ledger.api", "https://api.example.com");
    values.put("api.attempts", "2");
    values.put("api.retryWait", "30s");
    LedgerApi api = JobSettings.of(values, TODAY).ledgerApi();
    assertThat(api).isNotNull();
    assertThat(api.retries())
        .isEqualTo(
            new VendorApiSettings.Retries(
                2, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(5)));

    values.put("api.attempts", "0");
    assertThatThrownBy(() -> JobSettings.of(values, TODAY))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("api.attempts");
    values.put("api.attempts", "2");
    values.put("api.retryWait", "31s");
    assertThatThrownBy(() -> JobSettings.of(values, TODAY))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "Key 'api.retryWait' must be at most 30s, the longest wait between attempts, not"
                + " '31s'");
    values.put("api.retryWait", "0s");
    assertThatThrownBy(() -> JobSettings.of(values, TODAY))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("api.retryWait");
  }

  @Test
  void anApiKeyWithoutTheApiIsRefused() {
    assertThatThrownBy(() -> with("api.timeout", "5s"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("Key 'api.timeout' needs 'ledger.api' (the vendor's API as the ledger)");
  }

  @Test
  void theApiWithAReportingDatabaseIsAccepted() {
    Map<String, String> values = minimal();
    values.put("ledger.api", "https://api.example.com");
    values.put("output", "jdbc:postgresql://db:5432/reporting");

    JobSettings settings = JobSettings.of(values, TODAY);

    assertThat(settings.outputIsDatabase()).isTrue();
    assertThat(settings.ledgerApi()).isNotNull();
  }

  @Test
  void anApiUrlCarryingACredentialIsRefusedWithoutShowingIt() {
    for (String url :
        List.of(
            "https://ops:s3cret-value@api.example.com",
            "https://api.example.com?token=s3cret-value",
            "https://api.example.com/?password=s3cret-value")) {
      assertThatThrownBy(() -> with("ledger.api", url))
          .as(url)
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessageContaining("holds a credential; give it in the environment")
          .hasMessageNotContaining("s3cret-value");
    }
  }

  @Test
  void anApiUrlWithAPathOrAnotherSchemeIsRefused() {
    for (String url :
        List.of("https://api.example.com/v2.1", "ftp://api.example.com", "api.example.com")) {
      assertThatThrownBy(() -> with("ledger.api", url))
          .as(url)
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessageContaining("expected https://host[:port]");
    }
  }

  @Test
  void v2ReadsTheOwnOrgOnlySoAnotherScopeIsRefusedAtStart() {
    Map<String, String> values = minimal();
    values.put("ledger.api", "https://api.example.com");
    values.put("api.version", "v2");
    values.put("dataScope", "OTHER");
    values.put("dataScopeOrgs", "4000218");

    assertThatThrownBy(() -> JobSettings.of(values, TODAY))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("v2 reads the credential's own org only");
    values.put("api.version", "v3");
    assertThatThrownBy(() -> JobSettings.of(values, TODAY))
        .hasMessage("Bad value 'v3' for key 'api.version': expected v2 or v2.1");
  }

  @Test
  void anUnknownKeyIsNamed() {
    assertThatThrownBy(() -> with("chunksize", "5"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("Unknown key 'chunksize'; known keys: input, output,");
  }

  @Test
  void aDefaultThatIsNoApiParameterIsNamed() {
    assertThatThrownBy(() -> with("defaults.getBills", "true"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith(
            "Unknown key 'defaults.getBills': 'getBills' is not a parameter of the API; known: identifierName,");
  }

  @Test
  void aFlagDefaultThatIsNotTrueOrFalseIsNamed() {
    assertThatThrownBy(() -> with("defaults.getBillDetails", "yes"))
        .hasMessage("Bad value 'yes' for key 'defaults.getBillDetails': expected true or false");
  }

  @Test
  void missingInputOrOrgIsNamed() {
    Map<String, String> values = minimal();
    values.remove("input");
    assertThatThrownBy(() -> JobSettings.of(values, TODAY)).hasMessage("Missing key 'input'");
    Map<String, String> noOrg = minimal();
    noOrg.remove("org");
    assertThatThrownBy(() -> JobSettings.of(noOrg, TODAY)).hasMessage("Missing key 'org'");
  }

  @Test
  void badNumbersAreNamed() {
    assertThatThrownBy(() -> with("chunkSize", "ten"))
        .hasMessage("Bad value 'ten' for key 'chunkSize': expected a whole number of at least 1");
    assertThatThrownBy(() -> with("pageSize", "0"))
        .hasMessage("Bad value '0' for key 'pageSize': expected a whole number of at least 1");
    assertThatThrownBy(() -> with("skipLimit", "-1"))
        .hasMessage("Bad value '-1' for key 'skipLimit': expected a whole number of at least 0");
    assertThatThrownBy(() -> with("org", "50406x"))
        .hasMessage("Bad value '50406x' for key 'org': expected a positive whole number");
    assertThatThrownBy(() -> with("runDate", "2025-13-01"))
        .hasMessage("Bad value '2025-13-01' for key 'runDate': expected a date yyyy-MM-dd");
  }

  @Test
  void aDataScopeOtherThanSelfOrOtherIsNamed() {
    assertThatThrownBy(() -> with("dataScope", "ALL"))
        .hasMessage("Bad value 'ALL' for key 'dataScope': expected SELF or OTHER");
  }

  @Test
  void anOutputThatIsNeitherJsonLinesNorJdbcIsNamed() {
    assertThatThrownBy(() -> with("output", "out/x.csv"))
        .hasMessage(
            "Bad value 'out/x.csv' for key 'output': expected a .jsonl path or a jdbc: URL");
  }

  @Test
  void aPasswordInAUrlIsRefusedSoThatNoSecretIsEverASetting() {
    assertThatThrownBy(() -> with("ledger.db", "jdbc:postgresql://db/ledger?user=a&password=s"))
        .hasMessageStartingWith("Key 'ledger.db' holds a password; give it in the environment");
    assertThatThrownBy(() -> with("output", "jdbc:h2:./r;PASSWORD=s"))
        .hasMessageStartingWith("Key 'output' holds a password");
  }

  @Test
  void anSslPasswordAPwdOrAUsersPasswordInAUrlIsRefusedToo() {
    assertThatThrownBy(() -> with("ledger.db", "jdbc:postgresql://db/ledger?sslpassword=s"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("Key 'ledger.db' holds a password");
    assertThatThrownBy(() -> with("repository.db", "jdbc:h2:./data/repository;pwd=s"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("Key 'repository.db' holds a password");
    assertThatThrownBy(() -> with("output", "jdbc:postgresql://etl:s@db/report"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("Key 'output' holds a password");
  }

  @Test
  void aRepositoryWithAPasswordGivenForARestartIsRefusedToo() {
    JobSettings settings = JobSettings.of(minimal(), TODAY);

    assertThatThrownBy(() -> settings.withRepositoryDb("jdbc:postgresql://db/repo?password=s"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("Key 'repository.db' holds a password");
  }

  @Test
  void identityIsTheResultsSettingsNotTheTuning() {
    Map<String, String> values = minimal();
    values.put("defaults.getBillDetails", "true");
    JobParameters parameters = JobSettings.of(values, TODAY).toJobParameters();

    assertThat(parameters.getIdentifyingParameters())
        .extracting(JobParameter::name)
        .containsExactlyInAnyOrder(
            "input",
            "output",
            "org",
            "dataScope",
            "dataScopeOrgs",
            "runDate",
            "defaults.getBillDetails");
    values.put("chunkSize", "7");
    values.put("pageSize", "3");
    values.put("skipLimit", "2");
    values.put("ledger.db", "jdbc:h2:mem:other");
    values.put("retryFor", "1h");
    assertThat(JobSettings.of(values, TODAY).toJobParameters().getIdentifyingParameters())
        .isEqualTo(parameters.getIdentifyingParameters());
  }

  @Test
  void settingsReadBackFromTheirJobParametersAreTheSame() {
    Map<String, String> values = minimal();
    values.put("defaults.getBillDetails", "true");
    values.put("dataScope", "OTHER");
    values.put("dataScopeOrgs", "7,8");
    values.put("chunkSize", "7");
    values.put("ledger.import", "sample-input/ledger.jsonl");
    values.put("retryFor", "90s");
    JobSettings settings = JobSettings.of(values, TODAY);

    assertThat(JobSettings.fromJobParameters(settings.toJobParameters())).isEqualTo(settings);
  }

  @Test
  void aJobFileWithOverridesLaterOnesWinning() throws Exception {
    Path jobFile = dir.resolve("job.properties");
    Files.writeString(
        jobFile, "input=in.csv\noutput=out/a.jsonl\norg=50406\nchunkSize=10\n# comment\n");

    JobSettings settings =
        JobSettings.load(jobFile, List.of("chunkSize=20", "pageSize=5", "chunkSize=30"), TODAY);
    assertThat(settings.chunkSize()).isEqualTo(30);
    assertThat(settings.pageSize()).isEqualTo(5);
    assertThatThrownBy(() -> JobSettings.load(jobFile, List.of("chunkSize"), TODAY))
        .hasMessage("Expected key=value after the job file, got 'chunkSize'");
    assertThatThrownBy(() -> JobSettings.load(dir.resolve("none.properties"), List.of(), TODAY))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void anOutputWhoseFilesWouldOverwriteTheInputOrTheSnapshotIsRefused() {
    Path input = Path.of("in/requests.csv").toAbsolutePath().normalize();
    assertThatThrownBy(() -> with("input", "out/x.rejects.jsonl"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "Key 'output' would overwrite the requests file (input) "
                + Path.of("out/x.rejects.jsonl").toAbsolutePath().normalize()
                + "; give the export another name");
    assertThatThrownBy(() -> with("ledger.import", "out/x.jsonl"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith(
            "Key 'output' would overwrite the snapshot to import (ledger.import) ");
    assertThat(with("input", input.toString()).input()).isEqualTo(input);
  }

  @Test
  void anOutputThatWouldOverwriteTheJobFileIsRefused() throws Exception {
    Path jobFile = dir.resolve("job.manifest.json");
    Files.writeString(
        jobFile, "input=in.csv\norg=50406\noutput=" + dir.resolve("job.jsonl") + "\n");

    assertThatThrownBy(() -> JobSettings.load(jobFile, List.of(), TODAY))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "Key 'output' would overwrite the job file (the job file) "
                + jobFile.toAbsolutePath().normalize()
                + "; give the export another name");
  }

  @Test
  void overwriteIsAFlagOffByDefaultAndNoPartOfTheRunsIdentity() {
    assertThat(JobSettings.of(minimal(), TODAY).overwrite()).isFalse();
    assertThat(with("overwrite", "TRUE").overwrite()).isTrue();
    assertThatThrownBy(() -> with("overwrite", "yes"))
        .hasMessage("Bad value 'yes' for key 'overwrite': expected true or false");
    assertThat(JobSettings.identifies("overwrite")).isFalse();
  }

  @Test
  void maxEventIdsPerRowIsAtLeastTheApisTenAndPartOfTheIdentityOnlyWhenGiven() {
    JobSettings byDefault = JobSettings.of(minimal(), TODAY);
    assertThat(byDefault.maxEventIdsPerRow()).isEqualTo(1000);
    assertThat(byDefault.toMap()).doesNotContainKey("maxEventIdsPerRow");
    JobSettings given = with("maxEventIdsPerRow", "50");
    assertThat(given.maxEventIdsPerRow()).isEqualTo(50);
    assertThat(given.toJobParameters().getParameter("maxEventIdsPerRow").identifying()).isTrue();
    assertThatThrownBy(() -> with("maxEventIdsPerRow", "9"))
        .hasMessage(
            "Bad value '9' for key 'maxEventIdsPerRow': expected a whole number of at least 10");
  }

  @Test
  void retryForIsADurationWithItsUnitOrZeroForNone() {
    assertThat(with("retryFor", "500ms").retryFor()).isEqualTo(Duration.ofMillis(500));
    assertThat(with("retryFor", "90s").retryFor()).isEqualTo(Duration.ofSeconds(90));
    assertThat(with("retryFor", "10M").retryFor()).isEqualTo(Duration.ofMinutes(10));
    assertThat(with("retryFor", "2h").retryFor()).isEqualTo(Duration.ofHours(2));
    assertThat(with("retryFor", "0").retryFor()).isZero();
    assertThat(with("retryFor", "90s").toMap()).containsEntry("retryFor", "90s");
    assertThat(with("retryFor", "120s").toMap()).containsEntry("retryFor", "2m");
    for (String bad : new String[] {"5", "-1s", "5 min", "PT5M", "1.5h"}) {
      assertThatThrownBy(() -> with("retryFor", bad))
          .hasMessage(
              "Bad value '"
                  + bad
                  + "' for key 'retryFor': expected a duration such as 90s, 5m or 1h (0 for"
                  + " none)");
    }
  }
}

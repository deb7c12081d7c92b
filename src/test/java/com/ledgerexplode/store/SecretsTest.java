package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

  @Test
  void aPasswordParameterAfterTheQueryMarkIsDetectedAndMasked() {
    String url = "jdbc:postgresql://db/ledger?password=s3cret";

    assertThat(Secrets.holdsSecret(url)).isTrue();
    assertThat(Secrets.mask(url)).isEqualTo("jdbc:postgresql://db/ledger?password=***");
  }

  @Test
  void aPasswordParameterAfterAnAmpersandIsMaskedUpToTheNextParameter() {
    String url = "jdbc:postgresql://db/ledger?user=u&password=s3cret&ssl=false";

    assertThat(Secrets.holdsSecret(url)).isTrue();
    assertThat(Secrets.mask(url))
        .isEqualTo("jdbc:postgresql://db/ledger?user=u&password=***&ssl=false");
  }

  @Test
  void aPasswordSettingAfterASemicolonInAnyCaseIsDetectedAndMasked() {
    String url = "jdbc:h2:./data/ledger;PASSWORD=s3cret;AUTO_SERVER=TRUE";

    assertThat(Secrets.holdsSecret(url)).isTrue();
    assertThat(Secrets.mask(url)).isEqualTo("jdbc:h2:./data/ledger;PASSWORD=***;AUTO_SERVER=TRUE");
  }

  @Test
  void anSslPasswordIsASecretToo() {
    String url = "jdbc:postgresql://db/ledger?sslmode=verify-full&sslpassword=k3y-pass";

    assertThat(Secrets.holdsSecret(url)).isTrue();
    assertThat(Secrets.mask(url))
        .isEqualTo("jdbc:postgresql://db/ledger?sslmode=verify-full&sslpassword=***");
  }

  @Test
  void aPwdParameterIsASecretToo() {
    String url = "jdbc:sqlserver://db:1433;databaseName=ledger;UID=etl;PWD=s3cret";

    assertThat(Secrets.holdsSecret(url)).isTrue();
    assertThat(Secrets.mask(url))
        .isEqualTo("jdbc:sqlserver://db:1433;databaseName=ledger;UID=etl;PWD=***");
  }

  @Test
  void thePasswordOfAUserAndPasswordBeforeTheHostIsDetectedAndMasked() {
    String url = "jdbc:postgresql://etl:s3cret@db:5432/ledger";

    assertThat(Secrets.holdsSecret(url)).isTrue();
    assertThat(Secrets.mask(url)).isEqualTo("jdbc:postgresql://etl:***@db:5432/ledger");
  }

  @Test
  void anEmptyPasswordIsStillAPasswordGivenInTheUrl() {
    assertThat(Secrets.holdsSecret("jdbc:postgresql://db/ledger?user=a&password=")).isTrue();
    assertThat(Secrets.holdsSecret("jdbc:postgresql://etl:@db/ledger")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:h2:./data/ledger;AUTO_SERVER=TRUE",
        "jdbc:h2:mem:tokens-of-test;DB_CLOSE_DELAY=-1",
        "jdbc:postgresql://db:5432/ledger?user=etl&ssl=true&sslmode=verify-full",
        "jdbc:postgresql://[::1]:5432/ledger?user=etl@corp",
        "out/passwords.jsonl"
      })
  void aUrlWithoutASecretIsNeitherDetectedNorChanged(String url) {
    assertThat(Secrets.holdsSecret(url)).isFalse();
    assertThat(Secrets.mask(url)).isEqualTo(url);
  }

  @Test
  void aMessageNamingAUrlIsMaskedAndKeepsWhatFollowsTheUrl() {
    String message =
        "Cannot connect to jdbc:postgresql://etl:pw1@db/ledger?sslpassword=pw2&PassWord=pw3:"
            + " FATAL: password authentication failed for user \"etl\"";

    assertThat(Secrets.mask(message))
        .isEqualTo(
            "Cannot connect to jdbc:postgresql://etl:***@db/ledger?sslpassword=***&PassWord=***:"
                + " FATAL: password authentication failed for user \"etl\"");
  }

  @Test
  void aUrlFollowedByAColonInAMessageKeepsTheColon() {
    assertThat(Secrets.mask("Cannot connect to jdbc:h2:./r;PASSWORD=s3cret: Wrong user name"))
        .isEqualTo("Cannot connect to jdbc:h2:./r;PASSWORD=***: Wrong user name");
    assertThat(Secrets.mask("jdbc:postgresql://db/x?password=a:b:c&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/x?password=***&ssl=true");
  }

  @Test
  void aMessageBuiltFromAMaskedUrlIsLeftAsItIs() {
    String message =
        "Cannot connect to "
            + Secrets.mask("jdbc:h2:./r;PASSWORD=s3cret")
            + ": Wrong user name or password [28000-232]";

    assertThat(message)
        .isEqualTo(
            "Cannot connect to jdbc:h2:./r;PASSWORD=***: Wrong user name or password [28000-232]");
    assertThat(Secrets.mask(message)).isEqualTo(message);
  }

  @Test
  void aSettingWhoseKeyNamesASecretIsMaskedWhole() {
    assertThat(Secrets.maskSetting("repository.password", "hunter2")).isEqualTo("***");
    assertThat(Secrets.maskSetting("reporting.PWD", "hunter2")).isEqualTo("***");
    assertThat(Secrets.maskSetting("http.apiKey", "k")).isEqualTo("***");
    assertThat(Secrets.maskSetting("http.token", "")).isEmpty();
  }

  @Test
  void anyOtherSettingIsShownWithTheSecretsOfItsValueMasked() {
    assertThat(Secrets.maskSetting("ledger.db", "jdbc:postgresql://db/ledger?user=etl&password=h2"))
        .isEqualTo("jdbc:postgresql://db/ledger?user=etl&password=***");
    assertThat(Secrets.maskSetting("chunkSize", "100")).isEqualTo("100");
  }

  @Test
  void aUrlGivenAsAnotherSettingsValueHidesNoSecretInsideIt() {
    String line = "ledger.db=jdbc:postgresql://db/l?sslpassword=t0ken-1&ssl=true, value=x";

    assertThat(Secrets.holdsSecret(line)).isTrue();
    assertThat(Secrets.mask(line))
        .isEqualTo("ledger.db=jdbc:postgresql://db/l?sslpassword=***&ssl=true, value=x");
  }
}

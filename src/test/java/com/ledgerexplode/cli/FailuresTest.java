package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.runs.AlreadyRunningException;
import com.ledgerexplode.export.settings.InvalidSettingsException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  private final StringWriter err = new StringWriter();

  private int report(Exception failure, boolean debug) {
    return Failures.report(failure, new PrintWriter(err), debug);
  }

  @Test
  void aMissingFileIsOneLineAndBadUsage() {
    int code =
        report(new UncheckedIOException(new NoSuchFileException("jobs/none.properties")), false);

    assertThat(err.toString()).isEqualTo("ledger-explode: file not found: jobs/none.properties\n");
    assertThat(code).isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void ourFailureInsideAWrapperIsShownAndDecidesTheExitCode() {
    int running =
        report(
            new CompletionException(new AlreadyRunningException("already running (pid 1)")), false);
    int invalid =
        report(
            new IllegalStateException(
                "Error creating bean", new InvalidSettingsException("Missing key 'org'")),
            false);

    assertThat(err.toString())
        .isEqualTo("ledger-explode: already running (pid 1)\nledger-explode: Missing key 'org'\n");
    assertThat(running).isEqualTo(ExitCode.ALREADY_RUNNING.code());
    assertThat(invalid).isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void anUnexpectedFailureIsMaskedAndPointsToDebug() {
    int code =
        report(
            new IllegalStateException(
                "outer", new IllegalArgumentException("bad URL jdbc:h2:./r;PASSWORD=pw1")),
            false);

    assertThat(err.toString())
        .isEqualTo(
            """
            ledger-explode: bad URL jdbc:h2:./r;PASSWORD=***
            (run again with --debug for the stack trace)
            """);
    assertThat(code).isEqualTo(ExitCode.FAILED.code());
  }

  @Test
  void theStackTraceOfDebugCarriesNoSecret() {
    report(
        new RuntimeException(
            "wrapper",
            new SQLException(
                "login to jdbc:postgresql://db/ledger?password=pw1 failed",
                new IllegalStateException("with sslpassword=pw2"))),
        true);

    assertThat(err.toString())
        .startsWith("ledger-explode: login to jdbc:postgresql://db/ledger?password=*** failed\n")
        .contains("Caused by: java.lang.IllegalStateException: with sslpassword=***")
        .doesNotContain("pw1")
        .doesNotContain("pw2");
  }
}

package com.ledgerexplode.export.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class CausesTest {

  @Test
  void theCauseShownIsTheFirstOfOursInsideTheFrameworksWrappers() {
    RunFailedException ours =
        new RunFailedException(
            7, "the skip limit was exceeded", new IllegalStateException("the reader's own words"));
    Throwable failure = new IllegalStateException("Job execution failed", ours);

    assertThat(Causes.shown(failure)).isSameAs(ours);
    assertThat(Causes.describe(failure)).isEqualTo("the skip limit was exceeded");
  }

  @Test
  void anIoOrSqlFailureIsShownThroughTheWrappersAroundIt() {
    assertThat(
            Causes.describe(new UncheckedIOException(new IOException("No space left on device"))))
        .isEqualTo("No space left on device");
    assertThat(
            Causes.describe(
                new DataAccessResourceFailureException(
                    "PreparedStatementCallback; SQL [INSERT ...]",
                    new SQLException("relation \"report_event\" does not exist"))))
        .isEqualTo("relation \"report_event\" does not exist");
  }

  @Test
  void otherwiseTheInnermostCauseIsShownAndWithoutAMessageItsType() {
    assertThat(
            Causes.describe(
                new CompletionException(new IllegalArgumentException("a negative chunk size"))))
        .isEqualTo("a negative chunk size");
    assertThat(Causes.describe(new RuntimeException("outer", new IllegalStateException())))
        .isEqualTo("IllegalStateException");
  }

  @Test
  void aMissingFileIsFileNotFoundAndItsPath() {
    Throwable failure = new UncheckedIOException(new NoSuchFileException("in/requests.csv"));

    assertThat(Causes.message(failure)).isEqualTo("file not found: in/requests.csv");
  }

  @Test
  void everySecretOfTheMessageIsMasked() {
    Throwable failure =
        new SQLException(
            "Connection to jdbc:postgresql://etl:pw1@db/ledger?sslpassword=pw2&PWD=pw3 refused");

    assertThat(Causes.message(failure))
        .isEqualTo(
            "Connection to jdbc:postgresql://etl:***@db/ledger?sslpassword=***&PWD=*** refused");
  }

  @Test
  void theMessageKeepsItsLinesOfDetailAndTheOneLineIsItsFirst() {
    Throwable failure =
        new IOException(
            """
            snapshot.jsonl: 2 bad lines; nothing was imported
            line 3: unknown field 'pointz'
            line 7: unknown field 'kindd'\
            """);

    assertThat(Causes.message(failure).lines()).hasSize(3);
    assertThat(Causes.describe(failure))
        .isEqualTo("snapshot.jsonl: 2 bad lines; nothing was imported");
  }

  @Test
  void theLastCauseOfAnExitDescriptionIsItsInnermostCausedByLineMasked() {
    String exitDescription =
        """
        org.springframework.batch.core.step.StepExecutionException: step failed
        \tat org.springframework.batch.core.step.AbstractStep.execute(AbstractStep.java:1)
        Caused by: java.lang.IllegalStateException: wrapped
        \tat com.ledgerexplode.X.y(X.java:1)
        Caused by: java.sql.SQLException: cannot reach jdbc:h2:./r;PASSWORD=pw1
        """;

    assertThat(Causes.lastCause(exitDescription))
        .isEqualTo("java.sql.SQLException: cannot reach jdbc:h2:./r;PASSWORD=***");
    assertThat(Causes.lastCause("FAILED without a trace")).isEqualTo("FAILED without a trace");
  }
}

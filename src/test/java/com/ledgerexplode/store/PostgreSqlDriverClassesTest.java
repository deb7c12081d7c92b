package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The training run's loading of the PostgreSQL driver, with no server to connect to. */
class PostgreSqlDriverClassesTest {
  @Test
  void theDriversClassesAreLoadedFromItsJar() {
    assertThat(PostgreSqlDriverClasses.loadAll()).isGreaterThan(300);
  }

  @Test
  void theConnectionAttemptFailsOnTheSocketThatClosesRatherThanWaitingForAServer() {
    long start = System.nanoTime();

    String failure = PostgreSqlDriverClasses.attemptConnection();

    assertThat(failure).isNotBlank();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}

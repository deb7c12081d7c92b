package com.ledgerexplode.export.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.runs.DatabaseFaults.DatabaseFault;
import com.ledgerexplode.store.DatabaseUnavailableException;
import com.ledgerexplode.store.LedgerStoreException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseFaultsTest {

  private static SQLException state(String sqlState, String message) {
    return new SQLException(message, sqlState);
  }

  @Test
  void aConnectionRefusedIsTransient() {
    SQLException refused = state("08001", "Connection to localhost:5433 refused.");
    refused.initCause(new ConnectException("Connection refused"));
    assertThat(DatabaseFaults.isTransient(refused)).isTrue();
  }

  @Test
  void anUnknownHostIsNotTransientThoughItsStateIsThatOfARefusedConnection() {
    SQLException unknown = state("08001", "The connection attempt failed.");
    unknown.initCause(new UnknownHostException("db-typo.example"));
    assertThat(DatabaseFaults.isTransient(unknown)).isFalse();
  }

  @Test
  void aConnectionBrokenMidStatementIsTransient() {
    assertThat(DatabaseFaults.isTransient(state("08006", "An I/O error occurred"))).isTrue();
  }

  @Test
  void aClosedConnectionIsTransient() {
    assertThat(DatabaseFaults.isTransient(state("08003", "Connection is closed"))).isTrue();
  }

  @Test
  void aRollbackThatFailsAfterItsStatementLostTheConnectionIsTransient() {
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed")); // Hikari's words
    rollback.initApplicationException(
        new RuntimeException(
            "writing a chunk",
            state("08006", "An I/O error occurred while sending to the backend.")));

    assertThat(DatabaseFaults.isTransient(new RuntimeException("chunk", rollback))).isTrue();
  }

  @Test
  void aRollbackThatFailsAfterABadStatementIsNotTransient() {
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    rollback.initApplicationException(state("23505", "duplicate key value"));

    assertThat(DatabaseFaults.isTransient(rollback)).isFalse();
  }

  @Test
  void aServerShuttingDownIsTransient() {
    assertThat(
            DatabaseFaults.isTransient(
                state("57P01", "FATAL: terminating connection due to administrator command")))
        .isTrue();
  }

  @Test
  void aServerCrashShutdownIsTransient() {
    assertThat(DatabaseFaults.isTransient(state("57P02", "crash shutdown"))).isTrue();
  }

  @Test
  void aServerStillStartingIsTransient() {
    assertThat(DatabaseFaults.isTransient(state("57P03", "the database system is starting up")))
        .isTrue();
  }

  @Test
  void aPoolTimingOutForAConnectionIsTransient() {
    assertThat(
            DatabaseFaults.isTransient(
                new SQLTransientConnectionException(
                    "ledger-explode-ledger_db - Connection is not available, request timed out")))
        .isTrue();
  }

  @Test
  void h2sConnectionBrokenAndDatabaseClosedAreTransient() {
    for (int code :
        new int[] {
          ErrorCode.CONNECTION_BROKEN_1,
          ErrorCode.DATABASE_IS_CLOSED,
          ErrorCode.DATABASE_CALLED_AT_SHUTDOWN
        }) {
      SQLException h2 = DbException.getJdbcSQLException(code, "test");
      assertThat(DatabaseFaults.isTransient(h2)).as("H2 %d", code).isTrue();
    }
  }

  @Test
  void badSqlAConstraintAndBadDataAreNotTransient() {
    assertThat(
            DatabaseFaults.isTransient(
                new BadSqlGrammarException(
                    "select", "select x", state("42P01", "relation \"x\" does not exist"))))
        .isFalse();
    assertThat(
            DatabaseFaults.isTransient(
                new DataIntegrityViolationException(
                    "insert", state("23505", "duplicate key value"))))
        .isFalse();
    assertThat(DatabaseFaults.isTransient(state("22P02", "invalid input syntax"))).isFalse();
    SQLException h2Syntax = DbException.getJdbcSQLException(ErrorCode.SYNTAX_ERROR_1, "x");
    assertThat(DatabaseFaults.isTransient(h2Syntax)).isFalse();
  }

  @Test
  void aPoolTimeoutWhoseLastAttemptWasRefusedForAWrongPasswordIsNotTransient() {
    SQLTransientConnectionException timeout =
        new SQLTransientConnectionException("Connection is not available, request timed out");
    timeout.initCause(state("28P01", "password authentication failed for user \"ledger\""));
    assertThat(DatabaseFaults.isTransient(timeout)).isFalse();
  }

  @Test
  void aFailureWithoutAnySqlCauseIsNotTransient() {
    assertThat(DatabaseFaults.isTransient(new IllegalStateException("Connection is closed")))
        .isFalse();
  }

  @Test
  void theLedgerStoresFailureIsTheLedgerDatabases() {
    Optional<DatabaseFault> fault =
        DatabaseFaults.of(
            new LedgerStoreException(
                "ledger store: events failed",
                state("57P01", "FATAL: terminating connection due to administrator command")));
    assertThat(fault)
        .contains(
            new DatabaseFault(
                RunDatabase.LEDGER, "FATAL: terminating connection due to administrator command"));
  }

  @Test
  void anyOtherIsTheJobRepositorysTheChunksTransactionAndSpringBatchsOwnStatements() {
    assertThat(
            DatabaseFaults.of(
                new TransactionSystemException(
                    "JDBC commit failed", state("57P01", "FATAL: terminating connection"))))
        .map(DatabaseFault::database)
        .contains(RunDatabase.REPOSITORY);
    SQLTransientConnectionException timeout =
        new SQLTransientConnectionException("Connection is not available");
    timeout.initCause(state("08001", "Connection to localhost:5433 refused."));
    assertThat(
            DatabaseFaults.of(
                new CannotCreateTransactionException("Could not open JDBC Connection", timeout)))
        .contains(
            new DatabaseFault(RunDatabase.REPOSITORY, "Connection to localhost:5433 refused."));
  }

  @Test
  void aFailureTaggedWithADatabaseIsThatDatabasesAndOnlyATransientOneIsTagged() {
    RuntimeException unavailable =
        new DatabaseUnavailableException(
            "Cannot connect to jdbc:postgresql://db/reporting?password=***",
            state("08001", "Connection to db:5432 refused."));
    assertThat(DatabaseFaults.of(DatabaseFaults.on(RunDatabase.REPORTING, unavailable)))
        .map(DatabaseFault::database)
        .contains(RunDatabase.REPORTING);
    RuntimeException refused =
        new DatabaseUnavailableException(
            "Cannot connect", state("28P01", "password authentication failed"));
    assertThat(DatabaseFaults.on(RunDatabase.LEDGER, refused)).isSameAs(refused);
    assertThat(DatabaseFaults.of(refused)).isEmpty();
  }

  @Test
  void theDriversWordsAreOneLineWithTheirSecretsMasked() {
    assertThat(
            DatabaseFaults.of(
                state(
                    "08001",
                    "Cannot reach jdbc:postgresql://db/ledger?password=hunter2\n  second line")))
        .map(DatabaseFault::cause)
        .contains("Cannot reach jdbc:postgresql://db/ledger?password=***");
  }
}

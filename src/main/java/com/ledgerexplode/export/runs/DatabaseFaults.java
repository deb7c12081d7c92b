package com.ledgerexplode.export.runs;

import com.ledgerexplode.store.LedgerStoreException;
import com.ledgerexplode.store.Secrets;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.TransactionSystemException;

/**
 * The one place that tells a database lost for a while (a dropped connection, a server restarting
 * or shutting down, a pool that timed out waiting for one) from a failure that would fail again the
 * same way (bad SQL, a constraint, bad data, a wrong password, an unknown host), and which of the
 * run's databases it happened on. A run retries only the former.
 */
public final class DatabaseFaults {
  /**
   * PostgreSQL's admin_shutdown, crash_shutdown and cannot_connect_now: the server stops or is
   * still starting.
   */
  private static final Set<String> SERVER_GOING_OR_COMING = Set.of("57P01", "57P02", "57P03");

  /**
   * H2's connection broken (90067), database closed (90098) and database called at shutdown
   * (90121), which it gives as their own SQLState.
   */
  private static final Set<Integer> H2_CONNECTION_LOST = Set.of(90067, 90098, 90121);

  private DatabaseFaults() {}

  /** A database lost for a while: on which database, and its driver's words (secrets masked). */
  public record DatabaseFault(RunDatabase database, String cause) {}

  /** Whether the failure, or any of its causes, is a database lost for a while. */
  public static boolean isTransient(Throwable failure) {
    return transientCause(failure) != null;
  }

  /**
   * The database lost in this failure, if it is one: the database it was tagged with ({@link #on}),
   * else the ledger for the ledger store's failures, the reporting database for the reporting
   * sink's, and the job repository for any other (Spring Batch's own statements, the chunk's
   * transaction).
   */
  public static Optional<DatabaseFault> of(Throwable failure) {
    SQLException cause = transientCause(failure);
    if (cause == null) {
      return Optional.empty();
    }
    RunDatabase database = RunDatabase.REPOSITORY;
    for (Throwable c = failure; c != null; c = next(c)) {
      if (c instanceof TaggedFailure tagged) {
        database = tagged.database;
        break;
      }
      if (c instanceof LedgerStoreException) {
        database = RunDatabase.LEDGER;
        break;
      }
    }
    return Optional.of(new DatabaseFault(database, words(cause)));
  }

  /**
   * The failure, if it is a database lost for a while, tagged as one on this database (for work
   * whose failures do not say which database they came from, such as opening a pool, and for the
   * reporting sink's, which this package does not see); any other failure as it is.
   */
  public static RuntimeException on(RunDatabase database, RuntimeException failure) {
    return isTransient(failure) ? new TaggedFailure(database, failure) : failure;
  }

  /**
   * The innermost SQL failure, when it says that a connection was lost or refused: the driver's own
   * words rather than a pool's or a framework's wrapping of them, and not a pool's timeout whose
   * last attempt was refused for another reason (a wrong password is not retried).
   */
  private static @Nullable SQLException transientCause(Throwable failure) {
    SQLException innermost = null;
    for (Throwable c = failure; c != null; c = next(c)) {
      if (c instanceof TransactionSystemException rollback
          && rollback.getApplicationException() != null) {
        // a rollback that failed after the statement it rolls back lost the connection: the
        // pool's closed connection ("Connection is closed", no SQLState) is not the reason
        SQLException lost = transientCause(rollback.getApplicationException());
        if (lost != null) {
          return lost;
        }
      }
      if (c instanceof SQLException sql) {
        innermost = sql;
      }
      if (c instanceof UnknownHostException) {
        return null; // a mistyped host: waiting would not make it known
      }
    }
    return innermost != null && isTransient(innermost) ? innermost : null;
  }

  private static boolean isTransient(SQLException e) {
    if (e instanceof SQLTransientConnectionException) {
      return true;
    }
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || SERVER_GOING_OR_COMING.contains(state))) {
      return true;
    }
    return isH2(e) && H2_CONNECTION_LOST.contains(e.getErrorCode());
  }

  private static boolean isH2(SQLException e) {
    return e.getClass().getName().startsWith("org.h2.");
  }

  private static @Nullable Throwable next(Throwable c) {
    Throwable cause = c.getCause();
    return cause == c ? null : cause;
  }

  private static String words(SQLException cause) {
    String message = cause.getMessage();
    String line =
        message == null
            ? cause.getClass().getSimpleName()
            : message.lines().findFirst().orElse(cause.getClass().getSimpleName());
    return Secrets.mask(line.strip());
  }

  /** A lost database's failure, tagged with the database it happened on. */
  private static final class TaggedFailure extends RuntimeException {
    private final RunDatabase database;

    TaggedFailure(RunDatabase database, RuntimeException failure) {
      super(failure.getMessage(), failure);
      this.database = database;
    }
  }
}

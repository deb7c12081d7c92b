package com.ledgerexplode.export.runs;

import com.ledgerexplode.store.Secrets;
import java.nio.file.NoSuchFileException;

/**
 * What a failure says to the operator, decided in one place for the runner (which keeps the line
 * for {@code status}) and the command line (which prints it): which of its causes to show, a
 * missing file as {@code file not found: PATH}, every secret masked.
 */
public final class Causes {
  private Causes() {}

  /**
   * The cause an operator can act on: the first that is ours or an I/O or SQL failure, through the
   * wrappers of Spring, Spring Batch and the JDK; else the innermost.
   */
  public static Throwable shown(Throwable failure) {
    Throwable innermost = failure;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getClass().getName().startsWith("com.ledgerexplode.")
          || cause instanceof java.io.IOException
          || cause instanceof java.sql.SQLException) {
        return cause;
      }
      innermost = cause;
      if (cause.getCause() == cause) {
        break;
      }
    }
    return innermost;
  }

  /**
   * The message of the cause {@link #shown}, whole: a first line that says what failed, and, for
   * some failures (a rejected snapshot), lines of detail after it.
   */
  public static String message(Throwable failure) {
    Throwable cause = shown(failure);
    if (cause instanceof NoSuchFileException missing) {
      return Secrets.mask("file not found: " + missing.getFile());
    }
    String message = cause.getMessage();
    return Secrets.mask(message == null ? cause.getClass().getSimpleName() : message);
  }

  /** The failure in one line: the first of its {@link #message}. */
  public static String describe(Throwable failure) {
    return message(failure).lines().findFirst().orElse("");
  }

  /** The innermost cause's line of an exit description (a stack trace's text), secrets masked. */
  public static String lastCause(String exitDescription) {
    String line = exitDescription.lines().findFirst().orElse("");
    for (String next : exitDescription.lines().toList()) {
      if (next.startsWith("Caused by: ")) {
        line = next.substring("Caused by: ".length());
      }
    }
    return Secrets.mask(line);
  }
}

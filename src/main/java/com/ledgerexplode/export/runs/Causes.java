package com.ledgerexplode.export.runs;

/** One line for a failure that may come wrapped by Spring or Spring Batch. */
public final class Causes {
  private Causes() {}

  /**
   * The message of the first cause that is ours or an I/O or SQL failure (what the operator can act
   * on), else the innermost cause's.
   */
  public static String describe(Throwable failure) {
    Throwable innermost = failure;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String type = cause.getClass().getName();
      if (type.startsWith("com.ledgerexplode.")
          || cause instanceof java.io.IOException
          || cause instanceof java.sql.SQLException) {
        return message(cause);
      }
      innermost = cause;
      if (cause.getCause() == cause) {
        break;
      }
    }
    return message(innermost);
  }

  /** The innermost cause's line of an exit description (a stack trace's text). */
  public static String lastCause(String exitDescription) {
    String line = exitDescription.lines().findFirst().orElse("");
    for (String next : exitDescription.lines().toList()) {
      if (next.startsWith("Caused by: ")) {
        line = next.substring("Caused by: ".length());
      }
    }
    return line;
  }

  private static String message(Throwable cause) {
    String message = cause.getMessage();
    if (cause instanceof java.nio.file.NoSuchFileException missing) {
      return "file not found: " + missing.getFile();
    }
    return message == null
        ? cause.getClass().getSimpleName()
        : message.lines().findFirst().orElse("");
  }
}

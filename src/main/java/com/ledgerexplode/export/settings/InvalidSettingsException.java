package com.ledgerexplode.export.settings;

/** A job file or an override that cannot be used, said in one line naming the key. */
public final class InvalidSettingsException extends RuntimeException {
  public InvalidSettingsException(String message) {
    super(message, null, false, false);
  }
}

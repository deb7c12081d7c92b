package com.ledgerexplode.explode;

/**
 * A request names a parameter the API does not have, or gives one twice: it cannot be read as a
 * request at all. The command line answers it as bad usage, the server as 11012.
 */
public final class BadParameterException extends IllegalArgumentException {
  public BadParameterException(String message) {
    super(message);
  }
}

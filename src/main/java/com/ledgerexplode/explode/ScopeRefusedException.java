package com.ledgerexplode.explode;

/** The data scope asked for is not allowed (310144): nothing runs. */
public final class ScopeRefusedException extends Exception {
  private final String reason;

  public ScopeRefusedException(String message) {
    super(ErrorCodes.SCOPE + ": " + message, null, false, false);
    this.reason = message;
  }

  public ApiError error() {
    return new ApiError(ErrorCodes.SCOPE, reason);
  }
}

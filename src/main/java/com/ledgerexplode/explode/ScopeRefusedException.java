package com.ledgerexplode.explode;

/** The data scope asked for is not allowed (310144): nothing runs. */
public final class ScopeRefusedException extends Exception {
  public ScopeRefusedException(String message) {
    super(ErrorCodes.SCOPE + ": " + message, null, false, false);
  }

  public ApiError error() {
    return new ApiError(
        ErrorCodes.SCOPE, getMessage().substring((ErrorCodes.SCOPE + ": ").length()));
  }
}

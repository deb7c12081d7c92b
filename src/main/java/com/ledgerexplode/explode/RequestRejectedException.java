package com.ledgerexplode.explode;

/** A request failed validation or resolution: the API answers it with {@link #error()} alone. */
public final class RequestRejectedException extends Exception {
  private final ApiError error;

  public RequestRejectedException(ApiError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}

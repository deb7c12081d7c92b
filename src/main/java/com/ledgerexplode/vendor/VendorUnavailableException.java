package com.ledgerexplode.vendor;

/**
 * The API could not answer a row within its retries (429s, 5xx, connection failures, timeouts, the
 * vendor's 9003), or refused the client's credential. One line naming the row's line and the URL's
 * path, never its query or a credential.
 */
public final class VendorUnavailableException extends VendorApiException {
  private static final long serialVersionUID = 1L;

  VendorUnavailableException(long line, String path, String why) {
    super(line, "the API did not answer " + path + ": " + why);
  }

  private VendorUnavailableException(long line, String message) {
    super(line, message);
  }

  /** The API answered {@code path} by refusing the client's credential (HTTP 401 or 403). */
  static VendorUnavailableException credentialRefused(long line, String path, int status) {
    return new VendorUnavailableException(
        line, "the API refused the credential at " + path + " (HTTP " + status + ")");
  }
}

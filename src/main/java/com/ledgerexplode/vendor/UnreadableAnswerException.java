package com.ledgerexplode.vendor;

/**
 * The API answered a row, after its retries, with a body that is not its JSON (garbage, HTML, a
 * truncated envelope): the chunk cannot be written. The message is one line naming the row's line
 * and the URL's path, never its query (customer identifiers) or a credential.
 */
public final class UnreadableAnswerException extends VendorApiException {
  private static final long serialVersionUID = 1L;

  UnreadableAnswerException(long line, String path, String why) {
    super(line, "the API's answer to " + path + " is not its JSON: " + why);
  }
}

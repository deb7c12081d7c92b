package com.ledgerexplode.serve;

import com.ledgerexplode.explode.ErrorCodes;
import java.util.Map;

/**
 * The HTTP status of each error code the server answers (README, "Serving the API"): the vendor's
 * generic reading, 400 for invalid input, 403 for access, 500 for its own failure. Warnings stay in
 * a 200 answer.
 */
public final class ErrorStatus {
  /** getLedgerExplodeInfo failed on the server's side (the ledger database lost, say). */
  public static final int INTERNAL = 9003;

  /** Not API codes: the HTTP status repeated in the envelope of an answer that has no API code. */
  public static final int UNAUTHORIZED = 401;

  public static final int TOO_MANY_REQUESTS = 429;

  private static final Map<Integer, Integer> STATUS =
      Map.ofEntries(
          Map.entry(ErrorCodes.IDENTIFIER_MISSING, 400),
          Map.entry(ErrorCodes.IDENTIFIER_NAME, 400),
          Map.entry(ErrorCodes.SOURCE, 400),
          Map.entry(ErrorCodes.IDENTIFIER_VALUE, 400),
          Map.entry(ErrorCodes.BOTH_SELECTIONS, 400),
          Map.entry(ErrorCodes.NO_SELECTION, 400),
          Map.entry(ErrorCodes.EVENT_ID, 400),
          Map.entry(ErrorCodes.EVENT_NAME, 400),
          Map.entry(ErrorCodes.REFERENCE_IDS, 400),
          Map.entry(ErrorCodes.CURRENCY_NAMES, 400),
          Map.entry(ErrorCodes.BAD_VALUE, 400),
          Map.entry(ErrorCodes.SOURCE_VALUE_CAPTURING, 400),
          Map.entry(ErrorCodes.NO_GROUP, 400),
          Map.entry(ErrorCodes.SCOPE, 403),
          Map.entry(INTERNAL, 500),
          Map.entry(UNAUTHORIZED, 401),
          Map.entry(TOO_MANY_REQUESTS, 429));

  private ErrorStatus() {}

  /** The status of an answer with this error code; 500 for a code the table does not know. */
  public static int of(int code) {
    return STATUS.getOrDefault(code, 500);
  }
}

package com.ledgerexplode.export.job;

import com.ledgerexplode.export.requests.UnreadableRecord;

/** More records of the requests CSV could not be read than the job's skipLimit allows. */
public final class SkipLimitExceededException extends RuntimeException {
  public SkipLimitExceededException(long unreadable, int skipLimit, UnreadableRecord last) {
    super(
        unreadable
            + " unreadable record"
            + (unreadable == 1 ? "" : "s")
            + " in the requests CSV, more than skipLimit="
            + skipLimit
            + "; the last at line "
            + last.line()
            + ": "
            + last.message(),
        null,
        false,
        false);
  }
}

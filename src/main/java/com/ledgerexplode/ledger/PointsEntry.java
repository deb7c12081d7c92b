package com.ledgerexplode.ledger;

/** One points entry of an event, in one bucket. */
public record PointsEntry(Bucket bucket, Fields<PointsField> fields) {

  /** This entry as {@code pointsEarned} shows it: without the breakup-only fields. */
  public PointsEntry summary() {
    return new PointsEntry(bucket, fields.without(PointsField::breakupOnly));
  }
}

package com.ledgerexplode.ledger;

import java.util.List;

/** One line of a bill, with the points it earned itself (in ledger order; often none). */
public record LineItem(Fields<LineItemField> fields, List<PointsEntry> points) {
  public LineItem {
    points = List.copyOf(points);
  }

  public LineItem(Fields<LineItemField> fields) {
    this(fields, List.of());
  }
}

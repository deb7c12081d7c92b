package com.ledgerexplode.ledger;

import java.util.List;

/** The bill of a transaction event, with its line items in ledger order. */
public record Bill(Fields<BillField> fields, List<LineItem> lineItems) {
  public Bill {
    lineItems = List.copyOf(lineItems);
  }
}

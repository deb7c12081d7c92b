package com.ledgerexplode.ledger;

import java.util.List;

/** A customer of an org, with its identifiers ({@code id} is the customerId, never listed). */
public record Customer(long orgId, long customerId, List<Identifier> identifiers) {
  public Customer {
    identifiers = List.copyOf(identifiers);
  }

  public CustomerKey key() {
    return new CustomerKey(orgId, customerId);
  }
}

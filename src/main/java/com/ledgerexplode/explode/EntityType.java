package com.ledgerexplode.explode;

/** Whose events a request asks for: the customer's own, or its group's. */
public enum EntityType {
  CUSTOMER,
  USERGROUP2
}

package com.ledgerexplode.ledger;

/**
 * One optional field of a ledger section: its name in the snapshot and in the API's JSON, its type,
 * and its column in the ledger store. Implemented by enums whose order is the output order.
 */
public interface FieldSpec {
  String jsonName();

  FieldType type();

  String column();
}

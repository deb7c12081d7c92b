package com.ledgerexplode.ledger;

/** The value type of a ledger field, and so how it is read, stored and written. */
public enum FieldType {
  /** An exact decimal ({@link java.math.BigDecimal}), written as a JSON number. */
  DECIMAL,
  /** A whole number ({@link Long}). */
  INTEGER,
  /** Text ({@link String}). */
  TEXT,
  /** A calendar date ({@link java.time.LocalDate}), written {@code yyyy-MM-dd}. */
  DATE,
  /**
   * A time ({@link LedgerTime}: an instant and its fraction's digits), written ISO-8601 in UTC with
   * the ledger's digits.
   */
  TIMESTAMP
}

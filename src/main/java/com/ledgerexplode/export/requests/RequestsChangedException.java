package com.ledgerexplode.export.requests;

import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * The requests file is not the one a run read up to its last checkpoint: rows would be skipped or
 * shifted if the run continued in it.
 */
public final class RequestsChangedException extends ItemStreamException {
  private static final long serialVersionUID = 1L;

  public RequestsChangedException(String message) {
    super(message);
  }
}

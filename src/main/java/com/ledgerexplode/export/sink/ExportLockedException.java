package com.ledgerexplode.export.sink;

import org.springframework.batch.infrastructure.item.ItemStreamException;

/** Another live run is writing the same export. Nothing was changed. */
public final class ExportLockedException extends ItemStreamException {
  private static final long serialVersionUID = 1L;

  public ExportLockedException(String message) {
    super(message);
  }
}

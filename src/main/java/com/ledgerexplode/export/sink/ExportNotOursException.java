package com.ledgerexplode.export.sink;

import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * The export's files are not this run's: already there when it started (and {@code overwrite} not
 * set), or changed since its last checkpoint. Nothing was changed.
 */
public final class ExportNotOursException extends ItemStreamException {
  private static final long serialVersionUID = 1L;

  public ExportNotOursException(String message) {
    super(message);
  }
}

package com.ledgerexplode.export.sink;

import org.springframework.batch.infrastructure.item.ItemStreamException;

/** Another live run is writing the same export. Nothing was changed. */
public final class ExportLockedException extends ItemStreamException {
  private static final long serialVersionUID = 1L;

  public ExportLockedException(String message) {
    super(message);
  }

  /** The export at this path is locked by another run. */
  static ExportLockedException of(java.nio.file.Path output) {
    return new ExportLockedException(
        "The export " + output + " is being written by another run; nothing was changed");
  }

  /**
   * Takes the lock on the export's channel (released by the system if the process dies), or null
   * when another run holds it, in this process or another.
   */
  static java.nio.channels.@org.jspecify.annotations.Nullable FileLock tryLock(
      java.nio.channels.FileChannel channel) throws java.io.IOException {
    try {
      return channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException heldInThisProcess) {
      return null;
    }
  }
}

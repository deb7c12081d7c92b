package com.ledgerexplode.export.sink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;

/**
 * The lock a run holds on its export while it writes it (a one-thread run through its {@link
 * JsonLinesSink}, a partitioned one through {@link JsonLinesParts#hold}), released by the system if
 * the process dies: the one place that takes it and says it is taken.
 */
final class ExportLock {
  private ExportLock() {}

  /**
   * Takes the lock on the export's channel, held until the channel is closed.
   *
   * @throws ExportLockedException another run holds it, in this process or another
   */
  static void take(FileChannel channel, Path output) throws IOException {
    boolean taken;
    try {
      taken = channel.tryLock() != null;
    } catch (OverlappingFileLockException heldInThisProcess) {
      taken = false;
    }
    if (!taken) {
      throw new ExportLockedException(
          "The export " + output + " is being written by another run; nothing was changed");
    }
  }
}

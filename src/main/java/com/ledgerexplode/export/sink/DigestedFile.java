package com.ledgerexplode.export.sink;

import com.ledgerexplode.export.requests.FilePrefix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * A file written by appending, with the SHA-256 of its bytes carried forward as they are written,
 * so that a checkpoint can record what it committed and a restart can tell its own bytes from a
 * file that another run wrote or that was changed in place. Not thread-safe.
 */
final class DigestedFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final long committedLength;
  private FilePrefix written;
  private boolean unforced = true;

  /** What to do with the file's channel before anything is read (such as locking it). */
  interface BeforeReading {
    void accept(FileChannel channel) throws IOException;
  }

  /** How a file's channel is opened: {@link #CHANNELS}, or in a test one whose system fails. */
  interface Channels {
    FileChannel open(Path path) throws IOException;
  }

  /** The file opened to read and write, created if absent. */
  static final Channels CHANNELS =
      path ->
          FileChannel.open(
              path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

  /** Where the file stood before a write, to take the write back. */
  record Mark(long length, FilePrefix written) {}

  private DigestedFile(Path path, FileChannel channel, long committedLength, FilePrefix written) {
    this.path = path;
    this.channel = channel;
    this.committedLength = committedLength;
    this.written = written;
  }

  /**
   * Opens the file (created if absent) to append after its first {@code length} bytes, checking
   * first that they are those a checkpoint committed: at least {@code length} bytes whose SHA-256
   * is {@code sha256} (not checked when null: a checkpoint written before digests were kept).
   * Nothing is changed until {@link #cutToCommitted}.
   *
   * @param channels how its channel is opened: {@link #CHANNELS}, but in a test of a failing disk
   * @throws ChangedOutsideTheRunException the file is shorter, or its prefix differs
   */
  static DigestedFile open(
      Path path,
      long length,
      @Nullable String sha256,
      BeforeReading beforeReading,
      Channels channels)
      throws IOException {
    FileChannel channel = channels.open(path);
    try {
      beforeReading.accept(channel);
      if (channel.size() < length) {
        throw new ChangedOutsideTheRunException(
            path
                + " has "
                + channel.size()
                + " bytes, fewer than the "
                + length
                + " of its last checkpoint: it was changed outside the job");
      }
      FilePrefix written = FilePrefix.empty();
      written.extendTo(channel, length);
      DigestedFile file = new DigestedFile(path, channel, length, written);
      if (sha256 != null && !sha256.equals(file.sha256())) {
        throw new ChangedOutsideTheRunException(
            path
                + " is not what this run had written by its last checkpoint: its first "
                + length
                + " bytes differ (another run wrote it, or it was edited); nothing was changed."
                + " Put back the file this run wrote, or run this night afresh with another"
                + " output or runDate");
      }
      return file;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  Path path() {
    return path;
  }

  FileChannel channel() {
    return channel;
  }

  /** Cuts off what follows the committed prefix (an uncommitted write), and appends from there. */
  void cutToCommitted() throws IOException {
    try {
      channel.truncate(committedLength);
      channel.position(committedLength);
      unforced = true;
    } catch (IOException e) {
      throw failed("cut back to its checkpoint", e);
    }
  }

  Mark mark() throws IOException {
    return new Mark(channel.position(), written.copy());
  }

  void append(byte[] bytes) throws IOException {
    append(bytes, 0, bytes.length);
  }

  /** Appends {@code count} bytes from {@code bytes[from]} on. */
  void append(byte[] bytes, int from, int count) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, from, count);
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      unforced = true; // part of it may be there
      throw failed("write", e);
    }
    unforced = true;
    written.append(bytes, from, count);
  }

  /** Takes back what was appended after the mark. */
  void rollBackTo(Mark mark) throws IOException {
    if (channel.isOpen()) {
      try {
        unforced = true;
        channel.truncate(mark.length());
        channel.position(mark.length());
      } catch (IOException e) {
        throw failed("take back a write to", e);
      }
    }
    written = mark.written();
  }

  /** Whether something was written to the file (or cut from it) since it was last forced. */
  boolean unforced() {
    return unforced;
  }

  /** Forces the bytes written to disk, unless nothing changed since the last time. */
  void force() throws IOException {
    try {
      if (unforced) {
        channel.force(false);
        unforced = false;
      }
    } catch (IOException e) {
      throw failed("save to disk", e);
    }
  }

  /**
   * A failure of the file system (a full disk, an I/O error) said with the file's path, which the
   * system's own message leaves out.
   */
  private IOException failed(String doing, IOException e) {
    return new IOException("Cannot " + doing + " " + path + ": " + e.getMessage(), e);
  }

  /** How many bytes the file has: those written so far. */
  long length() {
    return written.length();
  }

  /** The SHA-256 of the bytes written so far, in hex. */
  String sha256() {
    return written.sha256();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** The file is not what the run's last checkpoint committed. */
  static final class ChangedOutsideTheRunException extends IOException {
    private static final long serialVersionUID = 1L;

    ChangedOutsideTheRunException(String message) {
      super(message);
    }
  }
}

package com.ledgerexplode.export.requests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a file's first bytes, carried forward as more of them are taken: what a checkpoint
 * records of the bytes a run has read or written, so that a restart can tell the same file from a
 * changed one. One place for the requests it read and the export it wrote. Not thread-safe.
 */
public final class FilePrefix {
  private static final int READ_AT_MOST = 1 << 16;

  private MessageDigest digest;
  private long length;

  private FilePrefix(MessageDigest digest, long length) {
    this.digest = digest;
    this.length = length;
  }

  /** The prefix of no bytes. */
  public static FilePrefix empty() {
    return new FilePrefix(newSha256(), 0);
  }

  /** How many bytes the digest covers. */
  public long length() {
    return length;
  }

  /** Takes the file's bytes from this prefix's end up to {@code end}, reading them from it. */
  public void extendTo(FileChannel file, long end) throws IOException {
    if (length >= end) {
      return;
    }
    // no bigger than the bytes to take: a chunk's rows are some kilobytes
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(READ_AT_MOST, end - length));
    while (length < end) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), end - length));
      int n = file.read(buffer, length);
      if (n < 0) {
        throw new IOException("the file ends at byte " + length + ", before byte " + end);
      }
      digest.update(buffer.flip());
      length += n;
    }
  }

  /** Takes bytes that follow this prefix, as they are written. */
  public void append(byte[] bytes) {
    append(bytes, 0, bytes.length);
  }

  /** Takes {@code count} bytes from {@code bytes[from]} on, which follow this prefix. */
  public void append(byte[] bytes, int from, int count) {
    digest.update(bytes, from, count);
    length += count;
  }

  /** A copy, to go back to if what follows is taken back. */
  public FilePrefix copy() {
    return new FilePrefix(clone(digest), length);
  }

  /** The SHA-256 of the bytes taken, in hex. */
  public String sha256() {
    return HexFormat.of().formatHex(clone(digest).digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static MessageDigest clone(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
  }
}

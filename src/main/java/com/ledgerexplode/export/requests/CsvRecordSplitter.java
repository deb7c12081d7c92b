package com.ledgerexplode.export.requests;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits a CSV byte stream into raw records, tracking the byte offset and line number of each, so
 * that a reader can resume at a record's end. A record is a physical line, joined with the lines
 * after it while a quoted cell is open. A quote that no line closes within {@link
 * #MAX_LINES_PER_RECORD} lines (or before the end of the file) is taken as broken: the record is
 * its first line alone, marked unclosed, and splitting resumes on the next line, so that one stray
 * quote never swallows the rest of the file. Line breaks are LF, CRLF or CR, as Commons CSV reads
 * them. Quotes, commas and line breaks are ASCII, so the bytes of UTF-8 text are scanned as they
 * are.
 */
final class CsvRecordSplitter implements Closeable {
  /** How many physical lines one record (a quoted cell holding line breaks) may span. */
  static final int MAX_LINES_PER_RECORD = 50;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** A record as it stands in the file: its bytes, without the final line break. */
  @SuppressWarnings("ArrayRecordComponent") // bytes handed on, never compared nor hashed
  record RawRecord(long line, byte[] bytes, long endOffset, long nextLine, boolean unclosedQuote) {}

  @SuppressWarnings("ArrayRecordComponent") // bytes handed on, never compared nor hashed
  private record PhysicalLine(long number, byte[] content, byte[] lineBreak, long endOffset) {}

  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    QUOTE_IN_QUOTED
  }

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private long offset;
  private long nextLine;
  private final Deque<PhysicalLine> pushedBack = new ArrayDeque<>();

  /**
   * @param in the stream, positioned at byte {@code offset} of the file, the start of line {@code
   *     line}; at offset 0 a byte order mark is skipped
   */
  CsvRecordSplitter(InputStream in, long offset, long line) throws IOException {
    this.in = in;
    this.offset = offset;
    this.nextLine = line;
    if (offset == 0) {
      skipBom();
    }
  }

  private void skipBom() throws IOException {
    fill(BOM.length);
    if (limit - pos >= BOM.length
        && buffer[pos] == BOM[0]
        && buffer[pos + 1] == BOM[1]
        && buffer[pos + 2] == BOM[2]) {
      pos += BOM.length;
      offset += BOM.length;
    }
  }

  /** The next record, blank lines skipped; null at the end of the file. */
  @Nullable RawRecord next() throws IOException {
    PhysicalLine first;
    do {
      first = nextLine();
      if (first == null) {
        return null;
      }
    } while (isBlank(first.content()));
    List<PhysicalLine> lines = new ArrayList<>();
    lines.add(first);
    State state = scan(first.content(), State.FIELD_START);
    while (state == State.QUOTED) {
      PhysicalLine more = lines.size() < MAX_LINES_PER_RECORD ? nextLine() : null;
      if (more == null) {
        for (int i = lines.size() - 1; i >= 1; i--) {
          pushedBack.addFirst(lines.get(i));
        }
        return new RawRecord(
            first.number(), first.content(), first.endOffset(), first.number() + 1, true);
      }
      lines.add(more);
      state = scan(more.content(), state);
    }
    PhysicalLine last = lines.get(lines.size() - 1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      bytes.write(lines.get(i).content());
      if (i < lines.size() - 1) {
        bytes.write(lines.get(i).lineBreak());
      }
    }
    return new RawRecord(
        first.number(), bytes.toByteArray(), last.endOffset(), last.number() + 1, false);
  }

  private static State scan(byte[] content, State from) {
    State state = from;
    for (byte b : content) {
      state =
          switch (state) {
            case FIELD_START ->
                b == '"' ? State.QUOTED : b == ',' ? State.FIELD_START : State.UNQUOTED;
            case UNQUOTED -> b == ',' ? State.FIELD_START : State.UNQUOTED;
            case QUOTED -> b == '"' ? State.QUOTE_IN_QUOTED : State.QUOTED;
            case QUOTE_IN_QUOTED ->
                b == '"' ? State.QUOTED : b == ',' ? State.FIELD_START : State.UNQUOTED;
          };
    }
    return state;
  }

  private static boolean isBlank(byte[] content) {
    for (byte b : content) {
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private @Nullable PhysicalLine nextLine() throws IOException {
    if (!pushedBack.isEmpty()) {
      return pushedBack.removeFirst();
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    long number = nextLine;
    while (true) {
      if (pos == limit && !fill(1)) {
        if (content.size() == 0) {
          return null;
        }
        nextLine++;
        return new PhysicalLine(number, content.toByteArray(), new byte[0], offset);
      }
      int start = pos;
      while (pos < limit && buffer[pos] != '\n' && buffer[pos] != '\r') {
        pos++;
      }
      content.write(buffer, start, pos - start);
      offset += pos - start;
      if (pos < limit) {
        byte[] lineBreak;
        if (buffer[pos] == '\r') {
          pos++;
          offset++;
          if ((pos < limit || fill(1)) && buffer[pos] == '\n') {
            pos++;
            offset++;
            lineBreak = new byte[] {'\r', '\n'};
          } else {
            lineBreak = new byte[] {'\r'};
          }
        } else {
          pos++;
          offset++;
          lineBreak = new byte[] {'\n'};
        }
        nextLine++;
        return new PhysicalLine(number, content.toByteArray(), lineBreak, offset);
      }
    }
  }

  /** Makes at least {@code wanted} bytes available if the stream has them; false at its end. */
  private boolean fill(int wanted) throws IOException {
    if (pos > 0) {
      System.arraycopy(buffer, pos, buffer, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    while (limit < wanted) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        return limit > 0;
      }
      limit += n;
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

package com.ledgerexplode.export.requests;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads CSV records from a byte stream in one pass: each record's cells, or why it is not one, with
 * the byte offset and line number after it, so that a reader can resume at any record's end.
 *
 * <p>The dialect is RFC 4180: cells separated by commas; a cell that holds a comma, a quote or a
 * line break is quoted, a quote inside it doubled. Line breaks are LF, CRLF or CR; inside a quoted
 * cell they are kept as they are. Two tolerances, as the requests CSV has always had them: a quote
 * inside an unquoted cell is an ordinary character, and spaces or tabs between a closing quote and
 * the next comma are ignored; anything else there makes the record broken. A line of nothing but
 * spaces and tabs is skipped. A UTF-8 byte order mark at offset 0 is skipped.
 *
 * <p>A quote that no line closes within {@link #MAX_LINES_PER_RECORD} lines (or before the end of
 * the file) is taken as broken: the record is its first line alone, and reading resumes on the next
 * line, so that one stray quote never swallows the rest of the file.
 *
 * <p>Quotes, commas and line breaks are ASCII, so the bytes of UTF-8 text are scanned as they are:
 * a record stays in the buffer until its end is found, and its cells are decoded only then. A
 * record that is not UTF-8 text is unreadable. Not thread-safe.
 */
final class CsvTokenizer implements Closeable {
  /** How many physical lines one record (a quoted cell holding line breaks) may span. */
  static final int MAX_LINES_PER_RECORD = 50;

  /** A record of the file, read as cells or not. */
  sealed interface Token permits Cells, Unreadable {
    /** The line on which the record starts. */
    long line();

    /** The byte offset just after the record's line break: where the next record starts. */
    long endOffset();

    /** The line on which the next record starts. */
    long nextLine();
  }

  /** A record read as cells, unquoted, neither stripped nor checked against a header. */
  record Cells(long line, List<String> values, long endOffset, long nextLine) implements Token {}

  /** A record that is not cells; {@code text} is as it stands in the file, without line break. */
  record Unreadable(long line, String text, String message, long endOffset, long nextLine)
      implements Token {}

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;
  private static final int AFTER_QUOTE = 4;
  private static final int EOF = -1;

  private final InputStream in;
  private final CharsetDecoder strictUtf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  private byte[] buffer = new byte[1 << 16];

  /** The file offset of {@code buffer[0]}. */
  private long bufferOffset;

  /** The start of the record being read: the buffer keeps every byte from here on. */
  private int mark;

  private int pos;
  private int limit;
  private long nextLine;

  // The current record's cells, as positions relative to mark; reused from record to record.
  private int cellCount;
  private int[] cellStarts = new int[16];
  private int[] cellEnds = new int[16];
  private boolean[] cellEscaped = new boolean[16];
  private byte[] unescaped = new byte[256];

  /**
   * @param in the stream, positioned at byte {@code offset} of the file, the start of line {@code
   *     line}; at offset 0 a byte order mark is skipped
   */
  CsvTokenizer(InputStream in, long offset, long line) throws IOException {
    this.in = in;
    this.bufferOffset = offset;
    this.nextLine = line;
    if (offset == 0) {
      skipBom();
    }
  }

  private void skipBom() throws IOException {
    while (limit < 3 && fill()) {
      // at least three bytes, or the whole of a shorter file
    }
    if (limit >= 3
        && buffer[0] == (byte) 0xEF
        && buffer[1] == (byte) 0xBB
        && buffer[2] == (byte) 0xBF) {
      pos = 3;
    }
  }

  /**
   * The next record, blank lines skipped; null at the end of the file.
   *
   * @param maxCells how many cells a record may have; a record with more is unreadable
   */
  @Nullable Token next(int maxCells) throws IOException {
    while (true) {
      mark = pos;
      long line = nextLine;
      cellCount = 0;
      int state = FIELD_START;
      boolean blank = true;
      @Nullable String broken = null;
      int lines = 1;
      int firstLineEnd = -1;
      int firstBreakEnd = -1;
      int cellStart = 0;
      int quoteAt = 0;
      boolean escaped = false;
      int contentEnd;
      boolean atEnd;
      int b;
      while (true) {
        if (pos == limit && !fill()) {
          b = EOF;
        } else {
          // The bulk of a file is the inside of cells: skipped here without the state machine.
          if (state == UNQUOTED && !blank) {
            int p = pos;
            while (p < limit && !isSpecial(buffer[p], ',')) {
              p++;
            }
            pos = p;
          } else if (state == QUOTED) {
            int p = pos;
            while (p < limit && !isSpecial(buffer[p], '"')) {
              p++;
            }
            pos = p;
          }
          if (pos == limit) {
            continue;
          }
          b = buffer[pos++] & 0xFF;
        }
        if (b == '\n' || b == '\r' || b == EOF) {
          int breakStart = b == EOF ? pos - mark : pos - 1 - mark;
          if (b == '\r' && (pos < limit || fill()) && buffer[pos] == '\n') {
            pos++;
          }
          if (state != QUOTED) {
            contentEnd = breakStart;
            atEnd = b == EOF;
            break;
          }
          if (lines == 1) {
            firstLineEnd = breakStart;
            firstBreakEnd = pos - mark;
          }
          if (b == EOF || lines == MAX_LINES_PER_RECORD) {
            pos = mark + firstBreakEnd;
            nextLine = line + 1;
            return unreadable(
                line,
                firstLineEnd,
                "A quoted cell is not closed within "
                    + MAX_LINES_PER_RECORD
                    + " lines; the record is read as its own line alone");
          }
          lines++;
          continue;
        }
        switch (state) {
          case FIELD_START -> {
            if (b == '"') {
              blank = false;
              state = QUOTED;
              cellStart = pos - mark;
              escaped = false;
            } else if (b == ',') {
              blank = false;
              addCell(pos - 1 - mark, pos - 1 - mark, false, maxCells);
            } else {
              blank &= b == ' ' || b == '\t';
              state = UNQUOTED;
              cellStart = pos - 1 - mark;
            }
          }
          case UNQUOTED -> {
            if (b == ',') {
              blank = false;
              if (broken == null) {
                addCell(cellStart, pos - 1 - mark, false, maxCells);
              }
              state = FIELD_START;
            } else {
              blank &= b == ' ' || b == '\t';
            }
          }
          case QUOTED -> {
            if (b == '"') {
              state = QUOTE_IN_QUOTED;
              quoteAt = pos - 1 - mark;
            }
          }
          case QUOTE_IN_QUOTED, AFTER_QUOTE -> {
            if (b == '"' && state == QUOTE_IN_QUOTED) {
              state = QUOTED;
              escaped = true;
            } else if (b == ',') {
              addCell(cellStart, quoteAt, escaped, maxCells);
              state = FIELD_START;
            } else if (b == ' ' || b == '\t') {
              state = AFTER_QUOTE;
            } else {
              if (broken == null) {
                broken = "cell " + (cellCount + 1) + " has text after its closing quote";
              }
              state = UNQUOTED;
            }
          }
          default -> throw new IllegalStateException("state " + state);
        }
      }
      nextLine = line + lines;
      if (blank) {
        if (atEnd) {
          return null;
        }
        continue;
      }
      if (broken != null) {
        return unreadable(line, contentEnd, "Broken CSV record: " + broken);
      }
      if (state == FIELD_START) {
        addCell(contentEnd, contentEnd, false, maxCells);
      } else if (state == UNQUOTED) {
        addCell(cellStart, contentEnd, false, maxCells);
      } else {
        addCell(cellStart, quoteAt, escaped, maxCells);
      }
      if (cellCount > maxCells) {
        return unreadable(
            line, contentEnd, "The record has " + cellCount + " cells, the header " + maxCells);
      }
      List<String> values = new ArrayList<>(cellCount);
      for (int i = 0; i < cellCount; i++) {
        String value = decode(mark + cellStarts[i], mark + cellEnds[i], cellEscaped[i]);
        if (value == null) {
          return unreadable(line, contentEnd, "The record is not UTF-8 text");
        }
        values.add(value);
      }
      return new Cells(line, values, bufferOffset + pos, nextLine);
    }
  }

  /**
   * The byte offset where reading stands: after the last record, and at the end the file's size.
   */
  long offset() {
    return bufferOffset + pos;
  }

  /** The line where reading stands. */
  long line() {
    return nextLine;
  }

  private static boolean isSpecial(byte b, char stop) {
    return b == stop || b == '\n' || b == '\r';
  }

  private void addCell(int start, int end, boolean escaped, int maxCells) {
    if (cellCount < maxCells) {
      if (cellCount == cellStarts.length) {
        cellStarts = Arrays.copyOf(cellStarts, cellCount * 2);
        cellEnds = Arrays.copyOf(cellEnds, cellCount * 2);
        cellEscaped = Arrays.copyOf(cellEscaped, cellCount * 2);
      }
      cellStarts[cellCount] = start;
      cellEnds[cellCount] = end;
      cellEscaped[cellCount] = escaped;
    }
    cellCount++;
  }

  /**
   * The record from mark to {@code textEnd} as unreadable, ending where reading now stands; a
   * record that is not UTF-8 says so, whatever else is wrong with it.
   */
  private Unreadable unreadable(long line, int textEnd, String message) {
    String text;
    String why = message;
    try {
      text = strictUtf8.reset().decode(ByteBuffer.wrap(buffer, mark, textEnd)).toString();
    } catch (CharacterCodingException e) {
      text = new String(buffer, mark, textEnd, StandardCharsets.UTF_8);
      why = "The record is not UTF-8 text";
    }
    return new Unreadable(line, text, why, bufferOffset + pos, nextLine);
  }

  /** The cell's text, its doubled quotes made single; null when it is not UTF-8. */
  private @Nullable String decode(int start, int end, boolean escaped) {
    byte[] bytes = buffer;
    int from = start;
    int length = end - start;
    if (escaped) {
      if (unescaped.length < length) {
        unescaped = new byte[Math.max(length, unescaped.length * 2)];
      }
      int n = 0;
      for (int i = start; i < end; i++) {
        unescaped[n++] = buffer[i];
        if (buffer[i] == '"') {
          i++; // its double
        }
      }
      bytes = unescaped;
      from = 0;
      length = n;
    }
    String value = new String(bytes, from, length, StandardCharsets.UTF_8);
    // The lenient decoding above is the fast one; only a replacement character needs a closer look.
    if (value.indexOf('\uFFFD') >= 0) {
      try {
        strictUtf8.reset().decode(ByteBuffer.wrap(bytes, from, length));
      } catch (CharacterCodingException e) {
        return null;
      }
    }
    return value;
  }

  /**
   * Reads more of the stream after {@code limit}, keeping every byte from mark on (moved to the
   * buffer's start, or into a larger buffer when a record outgrows it); false at its end.
   */
  private boolean fill() throws IOException {
    if (mark > 0) {
      System.arraycopy(buffer, mark, buffer, 0, limit - mark);
      bufferOffset += mark;
      pos -= mark;
      limit -= mark;
      mark = 0;
    }
    if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n;
    do {
      n = in.read(buffer, limit, buffer.length - limit);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    limit += n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

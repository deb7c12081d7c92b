package com.ledgerexplode.export.requests;

import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the requests CSV (RFC 4180: comma, double quotes, LF, CRLF or CR; quoted cells may hold
 * commas and line breaks) into {@link RequestItem}s, in file order, in one pass: {@link
 * CsvTokenizer} gives each record's cells and the byte offset after it.
 *
 * <p>{@link #open} checks the header before any row: each column must be an {@link ApiParameter}
 * name, once, else {@link UnknownColumnException}. A record that is not a row (broken quoting, more
 * cells than the header, not UTF-8) becomes an {@link UnreadableRecord} and reading goes on with
 * the next record; a quote that no line closes within {@value CsvTokenizer#MAX_LINES_PER_RECORD}
 * lines ends at the end of its own line. Fewer cells than the header: the missing ones are not
 * given. Blank lines are skipped; a UTF-8 byte order mark is tolerated.
 *
 * <p>Restartable in O(1): {@link #update} saves the byte offset and line number after the last item
 * read, under keys prefixed {@value #NAME}; {@link #open} with that state checks the header again
 * and seeks there. Rows read are counted by the step, not here. How far through the file it is:
 * {@link #offset()} of {@link #size()}, also saved as {@value #OFFSET_KEY} and {@value #SIZE_KEY}.
 *
 * <p>A part of the file: {@link #ranges} splits it at records' ends into ranges of about equal
 * bytes, and a context that a {@link Range} {@linkplain Range#startIn starts in} makes the reader
 * read only the records that start in that range (its line numbers those of the whole file). Not
 * thread-safe.
 */
public class RequestsCsvReader implements ItemStreamReader<RequestItem> {
  public static final String NAME = "requestsReader";

  /** The byte offset after the last record read (after the header before any): a long. */
  public static final String OFFSET_KEY = NAME + ".offset";

  static final String LINE_KEY = NAME + ".line";

  /** The size of the file in bytes when it was opened: a long. */
  public static final String SIZE_KEY = NAME + ".size";

  /** The SHA-256 of the bytes read up to the checkpoint's offset. */
  static final String READ_SHA256_KEY = NAME + ".readSha256";

  /** Where a range's reading ends: the byte offset after its last record (a long). */
  static final String END_KEY = NAME + ".end";

  /** Where a range starts: the byte offset of its first record (a long). */
  static final String START_KEY = NAME + ".start";

  /**
   * The records that start from byte {@code start} (on line {@code line}) up to byte {@code end}
   * ({@link Long#MAX_VALUE}: the end of the file), both ends records' ends (or the header's).
   */
  public record Range(long start, long line, long end) {
    /** Makes a new reader's context read this range. */
    public void startIn(ExecutionContext context) {
      context.putLong(START_KEY, start);
      context.putLong(OFFSET_KEY, start);
      context.putLong(LINE_KEY, line);
      context.putLong(END_KEY, end);
    }

    /** The range a context holds, if one {@linkplain #startIn started} in it. */
    public static Optional<Range> of(ExecutionContext context) {
      if (!context.containsKey(START_KEY) || !context.containsKey(END_KEY)) {
        return Optional.empty();
      }
      return Optional.of(
          new Range(
              context.getLong(START_KEY), context.getLong(LINE_KEY, 0), context.getLong(END_KEY)));
    }
  }

  /**
   * Splits the rows of the requests file into {@code count} ranges of about equal bytes, each
   * ending where a record ends as reading the file from its start finds it (so that a quoted cell's
   * line break never splits a record), in file order; a range may hold no record (a small file).
   * One pass over the file's records, their cells not checked.
   *
   * @throws ItemStreamException the file has no header row
   */
  public static List<Range> ranges(Path input, int count) throws IOException {
    if (count < 1) {
      throw new IllegalArgumentException("at least one range, not " + count);
    }
    long size = Files.size(input);
    try (CsvTokenizer tokens =
        new CsvTokenizer(Channels.newInputStream(FileChannel.open(input)), 0, 1)) {
      CsvTokenizer.Token header = tokens.next(Integer.MAX_VALUE);
      if (header == null) {
        throw new ItemStreamException(input.getFileName() + " has no header row");
      }
      int cells =
          header instanceof CsvTokenizer.Cells named ? named.values().size() : Integer.MAX_VALUE;
      long bodyStart = header.endOffset();
      long start = bodyStart;
      long line = header.nextLine();
      List<Range> ranges = new ArrayList<>(count);
      for (int i = 1; i < count; i++) {
        long target = bodyStart + (size - bodyStart) * i / count;
        long end = start;
        long nextLine = line;
        while (end < target) {
          CsvTokenizer.Token record = tokens.next(cells);
          if (record == null) {
            break;
          }
          end = record.endOffset();
          nextLine = record.nextLine();
        }
        ranges.add(new Range(start, line, end));
        start = end;
        line = nextLine;
      }
      ranges.add(new Range(start, line, Long.MAX_VALUE));
      return ranges;
    }
  }

  private final Path input;
  private @Nullable CsvTokenizer tokenizer;
  private @Nullable FileChannel hashing;
  private FilePrefix read = FilePrefix.empty();
  private List<String> columns = List.of();
  private List<ApiParameter> parameters = List.of();
  private long offset;
  private long nextLine;
  private long size;
  private long end = Long.MAX_VALUE;

  public RequestsCsvReader(Path input) {
    this.input = input;
  }

  /**
   * @throws UnknownColumnException when the header names a column that is not an API parameter, or
   *     one twice
   * @throws ItemStreamException when the file cannot be read (a missing file: its cause is a {@link
   *     java.nio.file.NoSuchFileException}) or has no header
   */
  @Override
  public void open(ExecutionContext context) {
    close();
    try {
      size = Files.size(input);
      CsvTokenizer fromStart = new CsvTokenizer(openAt(0), 0, 1);
      try {
        CsvTokenizer.Token header = fromStart.next(Integer.MAX_VALUE);
        if (header == null) {
          throw new ItemStreamException(fileName() + " has no header row");
        }
        checkHeader(header);
        offset = context.getLong(OFFSET_KEY, header.endOffset());
        nextLine = context.getLong(LINE_KEY, header.nextLine());
        end = context.getLong(END_KEY, Long.MAX_VALUE);
        hashing = FileChannel.open(input, StandardOpenOption.READ);
        read = FilePrefix.empty();
        checkReadPrefix(context, hashing);
        if (offset == header.endOffset()) {
          tokenizer = fromStart;
        } else {
          fromStart.close();
          tokenizer = new CsvTokenizer(openAt(offset), offset, nextLine);
        }
      } catch (RuntimeException | IOException e) {
        fromStart.close();
        close();
        throw e;
      }
    } catch (IOException e) {
      throw new ItemStreamException("Cannot read the requests file " + input + ": " + e, e);
    }
  }

  /**
   * A continuing run reads on only in the file it read up to its checkpoint: the bytes before the
   * checkpoint's offset must be those it read, or rows would be skipped or shifted.
   */
  private void checkReadPrefix(ExecutionContext context, FileChannel file) throws IOException {
    if (!context.containsKey(READ_SHA256_KEY)) {
      return; // a new run, or a checkpoint from before the digest was kept
    }
    String expected = context.getString(READ_SHA256_KEY);
    try {
      read.extendTo(file, offset);
    } catch (IOException shorter) {
      throw changed();
    }
    if (!read.sha256().equals(expected)) {
      throw changed();
    }
  }

  private RequestsChangedException changed() {
    return new RequestsChangedException(
        "The requests file "
            + input
            + " changed since this run's last checkpoint: its first "
            + offset
            + " bytes, already exploded, are not those the run read. Put back the file the run"
            + " started with, or run the new file as a new run (another runDate or output)");
  }

  private InputStream openAt(long position) throws IOException {
    FileChannel channel = FileChannel.open(input, StandardOpenOption.READ);
    try {
      channel.position(position);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return Channels.newInputStream(channel);
  }

  private String fileName() {
    Path name = input.getFileName();
    return name == null ? input.toString() : name.toString();
  }

  private void checkHeader(CsvTokenizer.Token header) {
    if (header instanceof CsvTokenizer.Unreadable unreadable) {
      throw new ItemStreamException(
          "The header of " + fileName() + " cannot be read: " + unreadable.message());
    }
    List<String> names = ((CsvTokenizer.Cells) header).values();
    Set<String> seen = new HashSet<>();
    List<ApiParameter> known = new ArrayList<>();
    for (String raw : names) {
      String name = raw.strip();
      ApiParameter parameter =
          ApiParameter.byName(name)
              .orElseThrow(
                  () ->
                      new UnknownColumnException(
                          "Unknown column '"
                              + name
                              + "' in the header of "
                              + fileName()
                              + "; known columns: "
                              + ApiParameter.knownNames()));
      if (!seen.add(name)) {
        throw new UnknownColumnException(
            "Duplicate column '" + name + "' in the header of " + fileName());
      }
      known.add(parameter);
    }
    columns = names.stream().map(String::strip).toList();
    parameters = List.copyOf(known);
  }

  @Override
  public @Nullable RequestItem read() throws IOException {
    if (tokenizer == null) {
      throw new IllegalStateException("The reader is not open");
    }
    if (offset >= end) {
      return null; // the range's last record is read: the next is another range's
    }
    CsvTokenizer.Token record = tokenizer.next(columns.size());
    if (record == null) {
      // past trailing blank lines too, so that a finished file reads as wholly done
      offset = tokenizer.offset();
      nextLine = tokenizer.line();
      return null;
    }
    offset = record.endOffset();
    nextLine = record.nextLine();
    if (record instanceof CsvTokenizer.Unreadable unreadable) {
      return new UnreadableRecord(unreadable.line(), unreadable.text(), unreadable.message());
    }
    return toRow((CsvTokenizer.Cells) record);
  }

  private RequestRow toRow(CsvTokenizer.Cells record) {
    List<String> values = record.values();
    Map<String, String> cells = new LinkedHashMap<>();
    Map<ApiParameter, String> params = new EnumMap<>(ApiParameter.class);
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i).strip();
      if (!value.isEmpty()) {
        cells.put(columns.get(i), value);
        params.put(parameters.get(i), value);
      }
    }
    return new RequestRow(record.line(), cells, ApiRequest.of(params));
  }

  /** The byte offset after the last record read: with {@link #size()}, how far the reader is. */
  public long offset() {
    return offset;
  }

  /** The file's size in bytes when it was opened. */
  public long size() {
    return size;
  }

  @Override
  public void update(ExecutionContext context) {
    context.putLong(OFFSET_KEY, offset);
    context.putLong(LINE_KEY, nextLine);
    context.putLong(SIZE_KEY, size);
    FileChannel file = hashing;
    if (file != null) {
      try {
        // the bytes read since the last checkpoint, again: from the page cache, once each
        read.extendTo(file, offset);
      } catch (IOException e) {
        throw new ItemStreamException("Cannot read the requests file " + input + ": " + e, e);
      }
      context.putString(READ_SHA256_KEY, read.sha256());
    }
  }

  @Override
  public void close() {
    FileChannel file = hashing;
    hashing = null;
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        throw new ItemStreamException("Cannot close the requests file " + input, e);
      }
    }
    if (tokenizer != null) {
      try {
        tokenizer.close();
      } catch (IOException e) {
        throw new ItemStreamException("Cannot close the requests file " + input, e);
      } finally {
        tokenizer = null;
      }
    }
  }
}

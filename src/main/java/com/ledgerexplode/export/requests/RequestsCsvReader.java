package com.ledgerexplode.export.requests;

import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiRequest;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the requests CSV (RFC 4180: comma, double quotes, LF or CRLF; quoted cells may hold commas
 * and line breaks) into {@link RequestItem}s, in file order.
 *
 * <p>{@link #open} checks the header before any row: each column must be an {@link ApiParameter}
 * name, once, else {@link UnknownColumnException}. A record that is not a row (broken quoting, more
 * cells than the header, not UTF-8) becomes an {@link UnreadableRecord} and reading goes on with
 * the next record; a quote that no line closes within {@value
 * CsvRecordSplitter#MAX_LINES_PER_RECORD} lines ends at the end of its own line. Fewer cells than
 * the header: the missing ones are not given. Blank lines are skipped; a UTF-8 byte order mark is
 * tolerated.
 *
 * <p>Restartable in O(1): {@link #update} saves the byte offset and line number after the last item
 * read and the count of items read, under keys prefixed {@value #NAME}; {@link #open} with that
 * state checks the header again and seeks there. Not thread-safe.
 */
public class RequestsCsvReader implements ItemStreamReader<RequestItem> {
  public static final String NAME = "requestsReader";
  static final String OFFSET_KEY = NAME + ".offset";
  static final String LINE_KEY = NAME + ".line";
  static final String READ_COUNT_KEY = NAME + ".read.count";

  private static final CSVFormat FORMAT = CSVFormat.RFC4180;

  private final Path input;
  private @Nullable CsvRecordSplitter splitter;
  private List<String> columns = List.of();
  private long offset;
  private long nextLine;
  private long readCount;

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
      CsvRecordSplitter.RawRecord header;
      try (CsvRecordSplitter headerSplitter = new CsvRecordSplitter(openAt(0), 0, 1)) {
        header = headerSplitter.next();
      }
      if (header == null) {
        throw new ItemStreamException(fileName() + " has no header row");
      }
      columns = checkHeader(header);
      offset = context.getLong(OFFSET_KEY, header.endOffset());
      nextLine = context.getLong(LINE_KEY, header.nextLine());
      readCount = context.getLong(READ_COUNT_KEY, 0);
      splitter = new CsvRecordSplitter(openAt(offset), offset, nextLine);
    } catch (IOException e) {
      throw new ItemStreamException("Cannot read the requests file " + input + ": " + e, e);
    }
  }

  private java.io.InputStream openAt(long position) throws IOException {
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

  private List<String> checkHeader(CsvRecordSplitter.RawRecord header) {
    List<String> names;
    try {
      names = cells(decode(header.bytes()));
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new ItemStreamException(
          "The header of " + fileName() + " is not a CSV record: " + e.getMessage(), e);
    }
    Set<String> seen = new HashSet<>();
    for (String raw : names) {
      String name = raw.strip();
      if (ApiParameter.byName(name).isEmpty()) {
        throw new UnknownColumnException(
            "Unknown column '"
                + name
                + "' in the header of "
                + fileName()
                + "; known columns: "
                + knownColumns());
      }
      if (!seen.add(name)) {
        throw new UnknownColumnException(
            "Duplicate column '" + name + "' in the header of " + fileName());
      }
    }
    return names.stream().map(String::strip).toList();
  }

  private static String knownColumns() {
    return Arrays.stream(ApiParameter.values())
        .map(ApiParameter::apiName)
        .collect(Collectors.joining(", "));
  }

  @Override
  public @Nullable RequestItem read() throws IOException {
    if (splitter == null) {
      throw new IllegalStateException("The reader is not open");
    }
    CsvRecordSplitter.RawRecord record = splitter.next();
    if (record == null) {
      return null;
    }
    offset = record.endOffset();
    nextLine = record.nextLine();
    readCount++;
    return toItem(record);
  }

  private RequestItem toItem(CsvRecordSplitter.RawRecord record) {
    String text;
    try {
      text = decode(record.bytes());
    } catch (CharacterCodingException e) {
      return new UnreadableRecord(
          record.line(),
          new String(record.bytes(), StandardCharsets.UTF_8),
          "The record is not UTF-8 text");
    }
    if (record.unclosedQuote()) {
      return new UnreadableRecord(
          record.line(),
          text,
          "A quoted cell is not closed within "
              + CsvRecordSplitter.MAX_LINES_PER_RECORD
              + " lines; the record is read as its own line alone");
    }
    List<String> values;
    try {
      values = cells(text);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return new UnreadableRecord(record.line(), text, "Broken CSV record: " + e.getMessage());
    }
    if (values.size() > columns.size()) {
      return new UnreadableRecord(
          record.line(),
          text,
          "The record has " + values.size() + " cells, the header " + columns.size());
    }
    Map<String, String> cells = new LinkedHashMap<>();
    Map<ApiParameter, String> params = new EnumMap<>(ApiParameter.class);
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i).strip();
      if (!value.isEmpty()) {
        cells.put(columns.get(i), value);
        params.put(ApiParameter.byName(columns.get(i)).orElseThrow(), value);
      }
    }
    return new RequestRow(record.line(), cells, ApiRequest.of(params));
  }

  /** The cells of one record's text; throws when the text is not exactly one CSV record. */
  private static List<String> cells(String text) throws IOException {
    try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new IOException("it holds " + records.size() + " records, not one");
      }
      List<String> values = new ArrayList<>();
      records.get(0).forEach(values::add);
      return values;
    }
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  @Override
  public void update(ExecutionContext context) {
    context.putLong(OFFSET_KEY, offset);
    context.putLong(LINE_KEY, nextLine);
    context.putLong(READ_COUNT_KEY, readCount);
  }

  @Override
  public void close() {
    if (splitter != null) {
      try {
        splitter.close();
      } catch (IOException e) {
        throw new ItemStreamException("Cannot close the requests file " + input, e);
      } finally {
        splitter = null;
      }
    }
  }

  /**
   * How many records (rows and unreadable records) follow the header: a quick scan for a progress
   * total, without checking the header or parsing cells.
   */
  public static long countRecords(Path input) throws IOException {
    try (CsvRecordSplitter splitter =
        new CsvRecordSplitter(
            Channels.newInputStream(FileChannel.open(input, StandardOpenOption.READ)), 0, 1)) {
      if (splitter.next() == null) {
        return 0;
      }
      long count = 0;
      while (splitter.next() != null) {
        count++;
      }
      return count;
    }
  }
}

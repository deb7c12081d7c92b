package com.ledgerexplode.export.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.ApiParameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * The requests CSV over arbitrary input: any bytes are read without an undocumented exception,
 * valid RFC 4180 gives back exactly its cells, and a restart at any checkpoint reads what a
 * straight read would have read after it.
 */
class RequestsCsvReaderPropertyTest {
  private static final String[] LINE_BREAKS = {"\r\n", "\n", "\r"};

  /** Bytes rich in what CSV gives meaning to, and in what UTF-8 can get wrong. */
  @Provide
  Arbitrary<byte[]> csvishBytes() {
    Arbitrary<Byte> significant =
        Arbitraries.of(
            (byte) '"',
            (byte) ',',
            (byte) '\n',
            (byte) '\r',
            (byte) ' ',
            (byte) '\t',
            (byte) 'a',
            (byte) '1',
            (byte) 0xC3,
            (byte) 0xA9,
            (byte) 0xEF,
            (byte) 0xBB,
            (byte) 0xBF,
            (byte) 0xFF);
    return Arbitraries.frequencyOf(Tuple.of(9, significant), Tuple.of(1, Arbitraries.bytes()))
        .list()
        .ofMaxSize(400)
        .map(RequestsCsvReaderPropertyTest::toArray);
  }

  @Provide
  Arbitrary<byte[]> anyFile() {
    Arbitrary<String> header =
        Arbitraries.of(
            "",
            "identifierName,identifierValue\n",
            "\uFEFFsource,eventIds,identifierName\r\n",
            "identifierName,\"identifierValue\",source\r",
            "foo,bar\n",
            "source,source\n");
    return Combinators.combine(header, csvishBytes())
        .as((h, rest) -> concat(h.getBytes(StandardCharsets.UTF_8), rest));
  }

  @Provide
  Arbitrary<byte[]> rowsAfterAHeader() {
    return csvishBytes()
        .map(
            rest ->
                concat(
                    "identifierName,identifierValue,eventIds\n".getBytes(StandardCharsets.UTF_8),
                    rest));
  }

  @Property(tries = 500)
  void anyBytesAreReadToTheEndOrRefusedOnOpenWithADocumentedException(
      @ForAll("anyFile") byte[] bytes) throws Exception {
    withFile(
        bytes,
        file -> {
          RequestsCsvReader reader = new RequestsCsvReader(file);
          try {
            reader.open(new ExecutionContext());
          } catch (UnknownColumnException | ItemStreamException e) {
            return;
          }
          try {
            long lastLine = 1;
            for (RequestItem item = reader.read(); item != null; item = reader.read()) {
              assertThat(item.line()).isGreaterThan(lastLine);
              lastLine = item.line();
            }
            assertThat(reader.offset()).isEqualTo(bytes.length).isEqualTo(reader.size());
          } finally {
            reader.close();
          }
        });
  }

  @Property(tries = 300)
  void aRestartAtAnyCheckpointReadsWhatAStraightReadReadsAfterIt(
      @ForAll("rowsAfterAHeader") byte[] bytes) throws Exception {
    withFile(
        bytes,
        file -> {
          List<RequestItem> straight = readFrom(file, new ExecutionContext());
          for (int done = 0; done <= straight.size(); done++) {
            ExecutionContext checkpoint = new ExecutionContext();
            RequestsCsvReader first = new RequestsCsvReader(file);
            first.open(checkpoint);
            for (int i = 0; i < done; i++) {
              first.read();
            }
            first.update(checkpoint);
            first.read(); // read after the checkpoint, then lost with the process
            first.close();

            assertThat(readFrom(file, checkpoint))
                .as("after %d items", done)
                .isEqualTo(straight.subList(done, straight.size()));
          }
        });
  }

  @Property(tries = 300)
  void theRangesOfAnySplitReadInOrderWhatAStraightReadReadsEachRecordOnce(
      @ForAll("rowsAfterAHeader") byte[] bytes, @ForAll @IntRange(min = 1, max = 7) int count)
      throws Exception {
    withFile(
        bytes,
        file -> {
          List<RequestItem> straight = readFrom(file, new ExecutionContext());
          List<RequestsCsvReader.Range> ranges = RequestsCsvReader.ranges(file, count);
          assertThat(ranges).hasSize(count);
          List<RequestItem> split = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            RequestsCsvReader.Range range = ranges.get(i);
            if (i > 0) {
              assertThat(range.start())
                  .as("range %d starts where the last ended", i)
                  .isEqualTo(ranges.get(i - 1).end());
            }
            ExecutionContext context = new ExecutionContext();
            range.startIn(context);
            split.addAll(readFrom(file, context));
          }
          assertThat(ranges.get(count - 1).end()).isEqualTo(Long.MAX_VALUE);
          assertThat(split).isEqualTo(straight);
        });
  }

  @Property(tries = 200)
  void aRangeRestartedAtAnyCheckpointReadsWhatItsStraightReadReadsAfterIt(
      @ForAll("rowsAfterAHeader") byte[] bytes, @ForAll @IntRange(min = 2, max = 4) int count)
      throws Exception {
    withFile(
        bytes,
        file -> {
          RequestsCsvReader.Range second = RequestsCsvReader.ranges(file, count).get(1);
          ExecutionContext start = new ExecutionContext();
          second.startIn(start);
          List<RequestItem> straight = readFrom(file, start);
          for (int done = 0; done <= straight.size(); done++) {
            ExecutionContext checkpoint = new ExecutionContext();
            second.startIn(checkpoint);
            RequestsCsvReader first = new RequestsCsvReader(file);
            first.open(checkpoint);
            for (int i = 0; i < done; i++) {
              first.read();
            }
            first.update(checkpoint);
            first.close();

            assertThat(readFrom(file, checkpoint))
                .as("after %d items", done)
                .isEqualTo(straight.subList(done, straight.size()));
          }
        });
  }

  /** A table of cells and the RFC 4180 text that writes it, with where each record starts. */
  @SuppressWarnings("ArrayRecordComponent") // test data read field by field, never compared whole
  record Written(List<List<String>> rows, byte[] bytes, List<Long> lines, List<Long> endOffsets) {}

  @Provide
  Arbitrary<Written> written() {
    Arbitrary<String> cell =
        Arbitraries.of("a", "Z", "1", " ", "\t", "\"", ",", "\r", "\n", "é", "€", "😀")
            .list()
            .ofMaxSize(8)
            .map(parts -> String.join("", parts));
    Arbitrary<List<List<String>>> rows = cell.list().ofMinSize(1).ofMaxSize(6).list().ofMaxSize(20);
    return Combinators.combine(
            rows,
            Arbitraries.of(LINE_BREAKS),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 3),
            Arbitraries.longs())
        .as(RequestsCsvReaderPropertyTest::write);
  }

  private static Written write(
      List<List<String>> rows, String lineBreak, boolean bom, int blankEvery, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(bom ? "\uFEFF" : "");
    List<Long> lines = new ArrayList<>();
    List<Long> endOffsets = new ArrayList<>();
    long line = 1;
    for (List<String> row : rows) {
      if (blankEvery > 0 && random.nextInt(blankEvery + 1) == 0) {
        text.append(random.nextBoolean() ? " \t" : "").append(lineBreak);
        line++;
      }
      List<String> written = new ArrayList<>();
      for (String cell : row) {
        written.add(needsQuotes(cell) ? quoted(cell) : cell);
      }
      String record = String.join(",", written);
      if (record.isBlank()) {
        // unquoted, it would be a blank line, which is skipped
        written.set(0, quoted(row.get(0)));
        record = String.join(",", written);
      }
      lines.add(line);
      line += lineBreaks(record) + 1;
      text.append(record).append(lineBreak);
      endOffsets.add((long) text.toString().getBytes(StandardCharsets.UTF_8).length);
    }
    return new Written(rows, text.toString().getBytes(StandardCharsets.UTF_8), lines, endOffsets);
  }

  private static boolean needsQuotes(String cell) {
    return cell.contains("\"") || cell.contains(",") || cell.contains("\r") || cell.contains("\n");
  }

  private static String quoted(String cell) {
    return "\"" + cell.replace("\"", "\"\"") + "\"";
  }

  private static long lineBreaks(String text) {
    return text.replace("\r\n", "\n").chars().filter(c -> c == '\n' || c == '\r').count();
  }

  @Property(tries = 500)
  void validCsvGivesBackExactlyItsCellsWithTheirLinesAndOffsets(
      @ForAll("written") Written csv, @ForAll @IntRange(min = 1, max = 9) int piece)
      throws Exception {
    List<List<String>> cells = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    List<Long> endOffsets = new ArrayList<>();
    try (CsvTokenizer tokenizer = new CsvTokenizer(inPieces(csv.bytes(), piece), 0, 1)) {
      for (CsvTokenizer.Token record = tokenizer.next(Integer.MAX_VALUE);
          record != null;
          record = tokenizer.next(Integer.MAX_VALUE)) {
        assertThat(record).isInstanceOf(CsvTokenizer.Cells.class);
        cells.add(((CsvTokenizer.Cells) record).values());
        lines.add(record.line());
        endOffsets.add(record.endOffset());
      }
    }

    assertThat(cells).isEqualTo(csv.rows());
    assertThat(lines).isEqualTo(csv.lines());
    assertThat(endOffsets).isEqualTo(csv.endOffsets());
  }

  @Property(tries = 200)
  void validCsvBecomesRowsOfItsNonBlankCellsStrippedUnderTheirColumns(
      @ForAll("written") Written csv) throws Exception {
    int width = csv.rows().stream().mapToInt(List::size).max().orElse(1);
    List<String> columns =
        Arrays.stream(ApiParameter.values()).limit(width).map(ApiParameter::apiName).toList();
    byte[] header = (String.join(",", columns) + "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = csv.bytes();
    boolean bom = body.length >= 3 && body[0] == (byte) 0xEF;
    byte[] bytes =
        bom
            ? concat(
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, header),
                Arrays.copyOfRange(body, 3, body.length))
            : concat(header, body);
    withFile(
        bytes,
        file -> {
          List<RequestItem> items = readFrom(file, new ExecutionContext());
          List<Map<String, String>> expected = new ArrayList<>();
          for (List<String> row : csv.rows()) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
              if (!row.get(i).strip().isEmpty()) {
                cells.put(columns.get(i), row.get(i).strip());
              }
            }
            expected.add(cells);
          }
          assertThat(items).allMatch(RequestRow.class::isInstance);
          assertThat(items).map(item -> ((RequestRow) item).cells()).isEqualTo(expected);
          assertThat(items)
              .map(RequestItem::line)
              .isEqualTo(csv.lines().stream().map(line -> line + 1).toList());
        });
  }

  @Property(tries = 300)
  void anyBytesTokenizeTheSameWhateverPiecesTheStreamGivesThemIn(
      @ForAll("anyFile") byte[] bytes, @ForAll @IntRange(min = 1, max = 9) int piece)
      throws Exception {
    assertThat(tokenize(inPieces(bytes, piece))).isEqualTo(tokenize(inPieces(bytes, 1 << 20)));
  }

  private static List<CsvTokenizer.Token> tokenize(InputStream in) throws IOException {
    List<CsvTokenizer.Token> records = new ArrayList<>();
    try (CsvTokenizer tokenizer = new CsvTokenizer(in, 0, 1)) {
      for (CsvTokenizer.Token record = tokenizer.next(3);
          record != null;
          record = tokenizer.next(3)) {
        records.add(record);
      }
    }
    return records;
  }

  /** A stream that gives its bytes at most {@code piece} at a time, as a pipe or socket may. */
  private static InputStream inPieces(byte[] bytes, int piece) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, piece));
      }
    };
  }

  private static List<RequestItem> readFrom(Path file, ExecutionContext context) throws Exception {
    RequestsCsvReader reader = new RequestsCsvReader(file);
    reader.open(context);
    try {
      List<RequestItem> items = new ArrayList<>();
      for (RequestItem item = reader.read(); item != null; item = reader.read()) {
        items.add(item);
      }
      return items;
    } finally {
      reader.close();
    }
  }

  private interface FileCheck {
    void check(Path file) throws Exception;
  }

  private static void withFile(byte[] bytes, FileCheck check) throws Exception {
    Path file = Files.createTempFile("requests", ".csv");
    try {
      Files.write(file, bytes);
      check.check(file);
    } finally {
      Files.delete(file);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static byte[] toArray(List<Byte> bytes) {
    byte[] array = new byte[bytes.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = bytes.get(i);
    }
    return array;
  }
}

package com.ledgerexplode.export.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.explode.ApiParameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

class RequestsCsvReaderTest {
  @TempDir Path dir;

  private Path csv(String text) throws Exception {
    Path file = dir.resolve("requests.csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static List<RequestItem> readAll(RequestsCsvReader reader) throws Exception {
    List<RequestItem> items = new ArrayList<>();
    for (RequestItem item = reader.read(); item != null; item = reader.read()) {
      items.add(item);
    }
    return items;
  }

  private List<RequestItem> readAll(String text) throws Exception {
    RequestsCsvReader reader = new RequestsCsvReader(csv(text));
    reader.open(new ExecutionContext());
    try {
      return readAll(reader);
    } finally {
      reader.close();
    }
  }

  @Test
  void anUnknownColumnFailsOnOpenNamingTheColumnAndTheKnownOnes() throws Exception {
    RequestsCsvReader reader =
        new RequestsCsvReader(csv("identifierName,foo,identifierValue\nmobile,1,2\n"));

    assertThatThrownBy(() -> reader.open(new ExecutionContext()))
        .isInstanceOf(UnknownColumnException.class)
        .hasMessage(
            "Unknown column 'foo' in the header of requests.csv; known columns: identifierName,"
                + " identifierValue, source, accountId, eventIds, eventName, eventReferenceIds,"
                + " type, isPrimaryUser, getBillDetails, getPointsEarnedBreakup, getCustomFields,"
                + " getExtendedFields, getMaxConversionDetails, getPaymentMode, getPaymentModes,"
                + " includeAlternateCurrencies, alternateCurrencyNames, offset, limit");
  }

  @Test
  void aDuplicateColumnFailsOnOpen() throws Exception {
    RequestsCsvReader reader = new RequestsCsvReader(csv("source,source\nINSTORE,WEB\n"));

    assertThatThrownBy(() -> reader.open(new ExecutionContext()))
        .isInstanceOf(UnknownColumnException.class)
        .hasMessage("Duplicate column 'source' in the header of requests.csv");
  }

  @Test
  void aMissingFileFailsOnOpenWithNoSuchFile() {
    RequestsCsvReader reader = new RequestsCsvReader(dir.resolve("absent.csv"));

    assertThatThrownBy(() -> reader.open(new ExecutionContext()))
        .isInstanceOf(ItemStreamException.class)
        .hasCauseInstanceOf(NoSuchFileException.class);
  }

  @Test
  void anEmptyFileHasNoHeader() throws Exception {
    RequestsCsvReader reader = new RequestsCsvReader(csv("\n\n"));

    assertThatThrownBy(() -> reader.open(new ExecutionContext()))
        .isInstanceOf(ItemStreamException.class)
        .hasMessage("requests.csv has no header row");
  }

  @Test
  void rowsCarryTheLineTheyStartOnCountingMultiLineQuotedCellsAndBlankLines() throws Exception {
    List<RequestItem> items =
        readAll(
            """
            identifierName,identifierValue,eventReferenceIds\r
            mobile,1,"a,b"\r
            \r
            mobile,2,"x\r
            y"\r
            mobile,3,z\r
            """);

    assertThat(items).extracting(RequestItem::line).containsExactly(2L, 4L, 6L);
    RequestRow multiLine = (RequestRow) items.get(1);
    assertThat(multiLine.cells()).containsEntry("eventReferenceIds", "x\r\ny");
  }

  @Test
  void cellsAreTheNonEmptyOnesInHeaderOrderAndBecomeTheRequest() throws Exception {
    List<RequestItem> items =
        readAll("\uFEFFsource,identifierName,identifierValue,eventIds\nINSTORE, mobile ,\n");

    RequestRow row = (RequestRow) items.get(0);
    assertThat(row.line()).isEqualTo(2);
    assertThat(row.cells())
        .containsExactly(Map.entry("source", "INSTORE"), Map.entry("identifierName", "mobile"));
    assertThat(row.request().params())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(ApiParameter.SOURCE, "INSTORE", ApiParameter.IDENTIFIER_NAME, "mobile"));
  }

  @Test
  void unreadableRecordsAreKeptWithTheirLineAndReadingContinues() throws Exception {
    List<RequestItem> items =
        readAll(
            """
            identifierName,identifierValue
            mobile,1
            mobile,1,extra
            mobile,"2"x
            mobile,"3
            mobile,4
            """);

    assertThat(items).hasSize(5);
    assertThat(items.get(0)).isInstanceOf(RequestRow.class);
    assertThat(items.get(1))
        .isEqualTo(
            new UnreadableRecord(3, "mobile,1,extra", "The record has 3 cells, the header 2"));
    UnreadableRecord junkAfterQuote = (UnreadableRecord) items.get(2);
    assertThat(junkAfterQuote.line()).isEqualTo(4);
    assertThat(junkAfterQuote.text()).isEqualTo("mobile,\"2\"x");
    assertThat(junkAfterQuote.message()).startsWith("Broken CSV record: ");
    assertThat(items.get(3))
        .isEqualTo(
            new UnreadableRecord(
                5,
                "mobile,\"3",
                "A quoted cell is not closed within 50 lines; the record is read as its own line"
                    + " alone"));
    assertThat(((RequestRow) items.get(4)).line()).isEqualTo(6);
    assertThat(((RequestRow) items.get(4)).cells()).containsEntry("identifierValue", "4");
  }

  @Test
  void fewerCellsThanTheHeaderLeaveTheRestNotGiven() throws Exception {
    RequestRow row = (RequestRow) readAll("identifierName,identifierValue,source\nmobile\n").get(0);

    assertThat(row.cells()).containsExactly(Map.entry("identifierName", "mobile"));
  }

  @Test
  void aRestartedReaderReadsExactlyTheRemainingRows() throws Exception {
    StringBuilder text = new StringBuilder("identifierName,identifierValue,eventReferenceIds\n");
    for (int i = 1; i <= 9; i++) {
      text.append(i % 3 == 0 ? "mobile,\"" + i + "\n\u00e9\",r\n" : "mobile," + i + ",\"a,b\"\n");
    }
    text.append("mobile,\"broken\n");
    Path file = csv(text.toString());
    RequestsCsvReader straight = new RequestsCsvReader(file);
    straight.open(new ExecutionContext());
    List<RequestItem> all = readAll(straight);
    straight.close();

    RequestsCsvReader first = new RequestsCsvReader(file);
    ExecutionContext context = new ExecutionContext();
    first.open(context);
    for (int i = 0; i < 4; i++) {
      first.read();
    }
    first.update(context);
    first.read();
    first.close();
    RequestsCsvReader restarted = new RequestsCsvReader(file);
    restarted.open(context);
    List<RequestItem> rest = readAll(restarted);
    restarted.close();

    assertThat(rest).isEqualTo(all.subList(4, all.size()));
    assertThat(context.getLong("requestsReader.line")).isEqualTo(all.get(4).line());
    assertThat(context.containsKey("requestsReader.read.count"))
        .as("rows read are the step's count, not the reader's")
        .isFalse();
  }

  @Test
  void lineBreaksMayBeCrAloneAsWellAsLfOrCrlf() throws Exception {
    List<RequestItem> items =
        readAll("identifierName,identifierValue\rmobile,1\r\rmobile,\"2\r3\"\nmobile,4\r\n");

    assertThat(items).extracting(RequestItem::line).containsExactly(2L, 4L, 6L);
    assertThat(((RequestRow) items.get(1)).cells()).containsEntry("identifierValue", "2\r3");
  }

  @Test
  void aQuotedCellKeepsCommasAndLineBreaksAndADoubledQuoteIsOneQuote() throws Exception {
    RequestRow row =
        (RequestRow)
            readAll("identifierName,eventReferenceIds\nmobile,\"a \"\"b\"\", c\nd\"\n").get(0);

    assertThat(row.cells()).containsEntry("eventReferenceIds", "a \"b\", c\nd");
  }

  @Test
  void aQuoteInsideAnUnquotedCellIsAnOrdinaryCharacter() throws Exception {
    RequestRow row = (RequestRow) readAll("identifierName,identifierValue\nmobile,ab\"c\n").get(0);

    assertThat(row.cells()).containsEntry("identifierValue", "ab\"c");
  }

  @Test
  void spacesAndTabsBetweenAClosingQuoteAndTheNextCommaAreIgnored() throws Exception {
    RequestRow row =
        (RequestRow) readAll("identifierName,identifierValue\n\"mobile\" \t,\"1\"  \n").get(0);

    assertThat(row.cells())
        .containsExactly(Map.entry("identifierName", "mobile"), Map.entry("identifierValue", "1"));
  }

  @Test
  void textAfterAClosingQuoteMakesTheRecordBrokenNamingTheCell() throws Exception {
    List<RequestItem> items = readAll("identifierName,identifierValue\nmobile,\"2\" x\nmobile,3\n");

    assertThat(items.get(0))
        .isEqualTo(
            new UnreadableRecord(
                2, "mobile,\"2\" x", "Broken CSV record: cell 2 has text after its closing quote"));
    assertThat(items.get(1)).isInstanceOf(RequestRow.class);
  }

  @Test
  void aRecordThatIsNotUtf8IsUnreadableWhateverElseIsWrongWithIt() throws Exception {
    Path file = dir.resolve("latin1.csv");
    Files.write(
        file,
        "identifierName,identifierValue\nmobile,caf\u00e9\nmobile,\u00e9,x\nmobile,1\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    RequestsCsvReader reader = new RequestsCsvReader(file);
    reader.open(new ExecutionContext());
    List<RequestItem> items = readAll(reader);
    reader.close();

    assertThat(items)
        .containsExactly(
            new UnreadableRecord(2, "mobile,caf\uFFFD", "The record is not UTF-8 text"),
            new UnreadableRecord(3, "mobile,\uFFFD,x", "The record is not UTF-8 text"),
            items.get(2));
    assertThat(items.get(2)).isInstanceOf(RequestRow.class);
  }

  @Test
  void aQuotedCellMaySpanFiftyLinesButNoMore() throws Exception {
    String fifty = "\"" + "x\n".repeat(49) + "x\"";
    String fiftyOne = "\"" + "y\n".repeat(50) + "y\"";
    List<RequestItem> items = readAll("eventReferenceIds\n" + fifty + "\n" + fiftyOne + "\nz\n");

    assertThat(items.get(0)).isInstanceOf(RequestRow.class);
    assertThat(items.get(1))
        .isEqualTo(
            new UnreadableRecord(
                52,
                "\"y",
                "A quoted cell is not closed within 50 lines; the record is read as its own line"
                    + " alone"));
    // the lines after the broken one are records again: 49 lines of y, then y" (a quote inside an
    // unquoted cell is an ordinary character), then z
    assertThat(items.get(2).line()).isEqualTo(53);
    assertThat(items.get(items.size() - 1).line()).isEqualTo(52 + 51);
  }

  @Test
  void aHeaderThatIsNotACsvRecordFailsOnOpen() throws Exception {
    RequestsCsvReader reader = new RequestsCsvReader(csv("identifierName,\"source\"s\nmobile,1\n"));

    assertThatThrownBy(() -> reader.open(new ExecutionContext()))
        .isInstanceOf(ItemStreamException.class)
        .hasMessage(
            "The header of requests.csv cannot be read: Broken CSV record: cell 2 has text after"
                + " its closing quote");
  }

  @Test
  void aRecordLongerThanTheReadBufferIsReadWhole() throws Exception {
    String ids = "1,".repeat(100_000) + "2";
    RequestRow row =
        (RequestRow) readAll("identifierName,eventIds\nmobile,\"" + ids + "\"\n").get(0);

    assertThat(row.cells()).containsEntry("eventIds", ids);
  }

  @Test
  void theOffsetOfTheSizeSaysHowFarThroughTheFileTheReaderIsAndIsSavedWithTheCheckpoint()
      throws Exception {
    Path file = csv("\uFEFFidentifierName\nmobile\n\nemail\n\n");
    RequestsCsvReader reader = new RequestsCsvReader(file);
    reader.open(new ExecutionContext());
    long header = reader.offset();
    reader.read();
    long first = reader.offset();
    ExecutionContext context = new ExecutionContext();
    reader.update(context);
    reader.read();
    long second = reader.offset();
    reader.read();
    long end = reader.offset();
    reader.close();

    assertThat(List.of(header, first, second, end)).containsExactly(18L, 25L, 32L, 33L);
    assertThat(reader.size()).isEqualTo(33L).isEqualTo(Files.size(file));
    assertThat(context.getLong(RequestsCsvReader.OFFSET_KEY)).isEqualTo(25L);
    assertThat(context.getLong(RequestsCsvReader.SIZE_KEY)).isEqualTo(33L);
  }

  @Test
  void everyRecordAfterTheHeaderIsOneItemARowOrAnUnreadableRecord() throws Exception {
    List<RequestItem> items = readAll("identifierName\nmobile\n\n\"a\nb\"\nx,y\n");

    assertThat(items).hasSize(3);
    assertThat(items).extracting(RequestItem::line).containsExactly(2L, 4L, 6L);
    assertThat(items.get(2)).isInstanceOf(UnreadableRecord.class);
  }

  @Test
  void aRestartReadsOnOnlyInTheFileItReadUpToItsCheckpoint() throws Exception {
    String text = "identifierName,identifierValue\nmobile,111\nmobile,222\nmobile,333\n";
    Path file = csv(text);
    RequestsCsvReader first = new RequestsCsvReader(file);
    ExecutionContext checkpoint = new ExecutionContext();
    first.open(checkpoint);
    first.read();
    first.read();
    first.update(checkpoint);
    first.close();

    RequestsCsvReader same = new RequestsCsvReader(file);
    same.open(new ExecutionContext(checkpoint));
    assertThat(readAll(same)).extracting(RequestItem::line).containsExactly(4L);
    same.close();

    Files.writeString(file, text.replace("111", "999"), StandardCharsets.UTF_8); // same length
    RequestsCsvReader changed = new RequestsCsvReader(file);
    assertThatThrownBy(() -> changed.open(new ExecutionContext(checkpoint)))
        .isInstanceOf(RequestsChangedException.class)
        .hasMessage(
            "The requests file "
                + file
                + " changed since this run's last checkpoint: its first "
                + checkpoint.getLong(RequestsCsvReader.OFFSET_KEY)
                + " bytes, already exploded, are not those the run read. Put back the file the"
                + " run started with, or run the new file as a new run (another runDate or"
                + " output)");

    Files.writeString(file, "identifierName,identifierValue\nmobile,111\n", StandardCharsets.UTF_8);
    RequestsCsvReader shorter = new RequestsCsvReader(file);
    assertThatThrownBy(() -> shorter.open(new ExecutionContext(checkpoint)))
        .isInstanceOf(RequestsChangedException.class);
  }
}

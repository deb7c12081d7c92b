package com.ledgerexplode.json.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.ledger.SnapshotRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming path reads every valid line into the record the tree path reads, and gives up on
 * every line the tree path refuses, so that the tree path names what is wrong.
 */
class StreamingRecordsTest {
  @TempDir Path dir;

  @Test
  void everyLineOfAGeneratedLedgerIsReadAsTheTreePathReadsIt() throws Exception {
    new LedgerGenerator(GeneratorOptions.of(300, 10, 3)).generate(dir);
    List<String> lines =
        Files.readAllLines(dir.resolve(LedgerGenerator.LEDGER_FILE), StandardCharsets.UTF_8);
    assertThat(lines).hasSizeGreaterThan(3000);
    for (String line : lines) {
      SnapshotRecord streamed = SnapshotReader.parseStreaming(line);
      assertThat(streamed).as(line).isNotNull().isEqualTo(SnapshotReader.parseTree(line));
    }
  }

  @Test
  void anEventWithEverySectionNumbersAsStringsOrNumbersAndOffsetsIsReadTheSame() throws Exception {
    String line = SnapshotReaderTest.EVENT;
    assertThat(SnapshotReader.parseStreaming(line))
        .isNotNull()
        .isEqualTo(SnapshotReader.parseTree(line));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,\"details\":null}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,\"pointz\":null}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,"
            + "\"points\":[{\"bucket\":\"regular\",\"name\":null}]}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,\"points\":[null]}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1} {}",
        "{\"kind\":\"org\",\"orgId\":1,\"orgId\":2}",
        "{\"kind\":\"org\",\"orgId\":99999999999999999999}",
        "{\"kind\":\"org\",\"orgId\":1.0}",
        "{\"kind\":\"org\",\"orgId\":0}",
        "{\"kind\":\"org\",\"orgId\":\"1\"}",
        "{\"kind\":\"org\"}",
        "{\"kind\":\"org\",\"orgId\":1,\"connectedOrgIds\":[2,2]}",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":1,\"identifiers\":["
            + "{\"name\":\"id\",\"value\":\"1\",\"source\":\"INSTORE\"}]}",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":1,\"identifiers\":["
            + "{\"name\":\"mobile\",\"value\":\"1\",\"source\":\"ALL\"}]}",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":1,\"identifiers\":["
            + "{\"name\":\"mobile\",\"value\":\"1\",\"source\":\"INSTORE\"},"
            + "{\"name\":\"Mobile\",\"value\":\"1\",\"source\":\"instore\"}]}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,\"tillId\":-2}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,"
            + "\"eventTime\":\"2024-08-20T11:29:02.1234567Z\"}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,"
            + "\"eventName\":\"TargetCompleted\",\"points\":[{\"bucket\":\"regular\"}]}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,"
            + "\"points\":[{\"bucket\":\"promo\",\"returnPoints\":\"1\"}]}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,"
            + "\"points\":[{\"bucket\":\"promised\",\"delayStrategy\":\"SOON\"}]}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,"
            + "\"paymentModes\":[{\"mode\":\"UPI\",\"amount\":\"1e\"}]}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,"
            + "\"eventName\":\"NewBill\",\"details\":{\"reason\":\"x\"}}",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":1,\"eventLogId\":1,\"bill\":[]}",
        "{\"kind\":\"group\",\"orgId\":1,\"groupId\":1,\"memberCustomerIds\":[1,null]}",
        "{\"kind\":\"evnt\"}",
        "not json"
      })
  void aLineTheTreePathRefusesIsGivenUpOn(String line) {
    assertThat(SnapshotReader.parseStreaming(line)).isNull();
    assertThatThrownBy(() -> SnapshotReader.parseTree(line))
        .isInstanceOf(SnapshotReader.Invalid.class);
  }

  @Test
  void aLineWhoseFirstFieldIsNotKindIsLeftToTheTreePath() throws Exception {
    String line = "{\"orgId\":1,\"kind\":\"org\"}";
    assertThat(SnapshotReader.parseStreaming(line)).isNull();
    assertThat(SnapshotReader.parseTree(line)).isNotNull();
  }
}

package com.ledgerexplode.json.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.SnapshotRecord;
import com.ledgerexplode.ledger.TypeDetail;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The store keeps an event type's verbatim objects as text ({@link TypeDetailJson#toText}) and
 * reads them back as they were ({@link TypeDetailJson#fromText}), refusing text it did not write.
 */
class TypeDetailJsonTest {
  @TempDir Path dir;

  @Test
  void everyObjectOfAGeneratedLedgerComesBackFromTheStoresTextAsItWent() throws Exception {
    new LedgerGenerator(GeneratorOptions.of(300, 10, 5)).generate(dir);
    int objects = 0;
    for (String line :
        Files.readAllLines(dir.resolve(LedgerGenerator.LEDGER_FILE), StandardCharsets.UTF_8)) {
      SnapshotRecord record = SnapshotReader.parseTree(line);
      if (record instanceof SnapshotRecord.EventRecord event) {
        TypeDetail detail = event.event().header().typeDetail();
        for (Map<String, Object> object : List.of(detail.details(), detail.blocks())) {
          String text = TypeDetailJson.toText(object);
          assertThat(TypeDetailJson.fromText(text)).as(line).isEqualTo(object);
          objects += object.isEmpty() ? 0 : 1;
        }
      }
    }
    assertThat(objects).as("objects with something in them").isGreaterThan(500);
  }

  @Test
  void storedTextKeepsDecimalsScaleTimesDigitsStringsAndNesting() {
    Map<String, Object> read =
        TypeDetailJson.fromText(
            "{\"pointsRedeemed\":\"12.50\",\"rate\":1.50,\"count\":7,\"big\":123456789012345678901,"
                + "\"expiresOn\":\"2024-08-20T11:29:02.50Z\",\"ok\":true,"
                + "\"pointsBreakup\":[{\"points\":\"3\",\"programId\":\"9\"},\"x\",[1]]}");
    assertThat(read)
        .containsExactly(
            Map.entry("pointsRedeemed", "12.50"),
            Map.entry("rate", new BigDecimal("1.50")),
            Map.entry("count", new BigDecimal("7")),
            Map.entry("big", new BigDecimal("123456789012345678901")),
            Map.entry("expiresOn", new LedgerTime(Instant.parse("2024-08-20T11:29:02.500Z"), 2)),
            Map.entry("ok", true),
            Map.entry(
                "pointsBreakup",
                List.of(
                    Map.of("points", "3", "programId", "9"), "x", List.of(new BigDecimal("1")))));
    assertThat(((BigDecimal) read.get("rate")).scale()).isEqualTo(2);
  }

  @Test
  void noStoredTextIsNoObject() {
    assertThat(TypeDetailJson.fromText(null)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":null}|stored.a: is null (leave an absent value out)",
        "{\"a\":{\"b\":[1,null]}}|stored.a.b[1]: is null (leave an absent value out)",
        "{\"pointsRedeemed\":5}|stored.pointsRedeemed: the vendor writes it as a string: 5",
        "{\"rows\":[{\"targetValue\":{\"v\":1}}]}"
            + "|stored.rows[0].targetValue: the vendor writes it as a string: {\"v\":1}",
        "{\"expiresOn\":17}|stored.expiresOn: not an ISO-8601 time: 17",
        "{\"expiresOn\":\"soon\"}|stored.expiresOn: not an ISO-8601 time: 'soon'",
        "{\"expiresOnISO\":\"2024-08-20T11:29:02Z\"}"
            + "|stored.expiresOnISO: the export writes a time's ISO twin; give expiresOn alone",
        "[1]|stored: not an object: [1]",
        "{\"a\":1}{\"b\":2}|stored: more than one object: {\"a\":1}{\"b\":2}",
      })
  void textTheStoreDidNotWriteIsRefusedNamingWhereItIsWrong(String text, String reason) {
    assertThatThrownBy(() -> TypeDetailJson.fromText(text))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("A stored event detail is not readable: " + reason);
  }
}

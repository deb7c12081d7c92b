package com.ledgerexplode.export.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ledgerexplode.export.job.ChunkExploder;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.outcome.ExportJson;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.testing.InMemoryLedger;
import com.ledgerexplode.testing.Requests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ManifestWriterTest {
  private static final Path CHECK_EXPORT = Path.of("..", "shared", "tools", "check-export");
  @TempDir Path dir;
  private ExecutionContext checkpoint = new ExecutionContext();
  private Manifest manifest =
      new Manifest(0, "", Instant.EPOCH, Instant.EPOCH, Map.of(), ExportCounts.ZERO);

  private Path export() throws Exception {
    return export(Requests.mixedChunk());
  }

  private Path export(List<RequestItem> items) throws Exception {
    Path out = dir.resolve("name.jsonl");
    JsonLinesSink sink = new JsonLinesSink(out);
    sink.open(new ExecutionContext());
    List<RowOutcome> outcomes =
        new ChunkExploder(InMemoryLedger.engine(), Map.of(), 3).explode(items);
    sink.write(RowOutcome.recordsOf(outcomes.subList(0, 2)));
    sink.write(RowOutcome.recordsOf(outcomes.subList(2, outcomes.size())));
    ExecutionContext context = new ExecutionContext();
    sink.update(context);
    checkpoint = context;
    sink.close();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("input", "requests.csv");
    settings.put("ledger.db", "jdbc:postgresql://db/ledger?user=etl&password=hunter2");
    settings.put("repository.password", "hunter2");
    manifest =
        new Manifest(
            12,
            "COMPLETED",
            Instant.parse("2024-08-20T01:00:00Z"),
            Instant.parse("2024-08-20T01:02:03.5Z"),
            settings,
            ExportCounts.ZERO.plus(outcomes));
    ManifestWriter.write(out, manifest, context);
    return out;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void theManifestsCountsAddUpAndItsFilesMatchTheirSizeAndHash() throws Exception {
    Path out = export();

    JsonNode manifest = JsonMapper.shared().readTree(ManifestWriter.manifestFile(out).toFile());

    JsonNode counts = manifest.get("counts");
    assertThat(counts.get("rowsRead").asLong())
        .isEqualTo(6)
        .isEqualTo(
            counts.get("rowsExploded").asLong()
                + counts.get("rowsRejected").asLong()
                + counts.get("rowsUnreadable").asLong());
    assertThat(counts.get("eventsWritten").asLong()).isEqualTo(Files.readAllLines(out).size());
    assertThat(manifest.get("executionId").asLong()).isEqualTo(12);
    assertThat(manifest.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(manifest.get("endTime").asString()).isEqualTo("2024-08-20T01:02:03.500Z");
    JsonNode files = manifest.get("files");
    assertThat(files).hasSize(2);
    for (JsonNode file : files) {
      Path written = dir.resolve(file.get("name").asString());
      assertThat(file.get("bytes").asLong()).isEqualTo(Files.size(written));
      assertThat(file.get("sha256").asString()).isEqualTo(sha256(written));
    }
    assertThat(files.get(0).get("name").asString()).isEqualTo("name.jsonl");
    assertThat(files.get(1).get("name").asString()).isEqualTo("name.rejects.jsonl");
  }

  @Test
  void aManifestIsNotWrittenOverAFileWhoseSizeIsNotTheOneItsCheckpointCommitted() throws Exception {
    Path out = export();
    Files.delete(ManifestWriter.manifestFile(out));
    Files.writeString(out, "{}\n", StandardOpenOption.APPEND);

    assertThatThrownBy(() -> ManifestWriter.write(out, manifest, checkpoint))
        .isInstanceOf(ExportNotOursException.class)
        .hasMessageStartingWith(out + " has " + Files.size(out) + " bytes, not the ")
        .hasMessageContaining("no manifest was written");
    assertThat(ManifestWriter.manifestFile(out)).doesNotExist();
  }

  @Test
  void aManifestWrittenAgainOverTheRunsOwnFilesIsTheOneTheRunWrote() throws Exception {
    Path out = export();
    byte[] written = Files.readAllBytes(ManifestWriter.manifestFile(out));
    Files.delete(ManifestWriter.manifestFile(out));

    ManifestWriter.rewrite(out, manifest, checkpoint);

    assertThat(Files.readAllBytes(ManifestWriter.manifestFile(out))).isEqualTo(written);
  }

  @Test
  void aManifestWrittenAgainRefusesAFileChangedInPlaceToTheSameSize() throws Exception {
    Path out = export();
    Files.delete(ManifestWriter.manifestFile(out));
    Path rejects = JsonLinesSink.rejectsFile(out);
    byte[] bytes = Files.readAllBytes(rejects);
    bytes[bytes.length / 2] = (byte) (bytes[bytes.length / 2] == '1' ? '2' : '1');
    Files.write(rejects, bytes);

    assertThatThrownBy(() -> ManifestWriter.rewrite(out, manifest, checkpoint))
        .isInstanceOf(ExportNotOursException.class)
        .hasMessage(
            rejects
                + " is not what its run wrote: its SHA-256 is not the one of its last checkpoint"
                + " (it was edited, or another run wrote it); no manifest was written. Put back"
                + " the files the run wrote, or run the night afresh with another runDate or"
                + " output");
    assertThat(ManifestWriter.manifestFile(out)).doesNotExist();
  }

  @Test
  void aManifestWrittenAgainRefusesAMissingFile() throws Exception {
    Path out = export();
    Files.delete(ManifestWriter.manifestFile(out));
    Files.delete(out);

    assertThatThrownBy(() -> ManifestWriter.rewrite(out, manifest, checkpoint))
        .isInstanceOf(ExportNotOursException.class)
        .hasMessageStartingWith(out + " is missing: the run's files are gone;");
    assertThat(ManifestWriter.manifestFile(out)).doesNotExist();
  }

  @Test
  void theManifestCarriesNoSecrets() throws Exception {
    Path out = export();

    String text = Files.readString(ManifestWriter.manifestFile(out), StandardCharsets.UTF_8);

    assertThat(text)
        .doesNotContain("hunter2")
        .contains("\"repository.password\":\"***\"")
        .contains("jdbc:postgresql://db/ledger?user=etl&password=***");
  }

  @Test
  void theManifestsSettingsMaskAnSslPasswordAPwdAndAUsersPassword() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("ledger.db", "jdbc:postgresql://etl:pw1@db/ledger?sslpassword=pw2&ssl=true");
    settings.put("output", "jdbc:h2:./report;PWD=pw3");

    String json = ExportJson.text(g -> ManifestWriter.writeSettings(g, settings));

    assertThat(json)
        .isEqualTo(
            "{\"ledger.db\":\"jdbc:postgresql://etl:***@db/ledger?sslpassword=***&ssl=true\","
                + "\"output\":\"jdbc:h2:./report;PWD=***\"}");
  }

  @Test
  void checkExportFindsTheContractHolds() throws Exception {
    List<RequestItem> wholeSecondEvents =
        Requests.mixedChunk().stream()
            .filter(item -> item.line() != 2)
            .collect(java.util.stream.Collectors.toList());
    wholeSecondEvents.add(
        Requests.row(
            8,
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=INSTORE",
            "eventIds=18608683,18608686,999",
            "getBillDetails=true",
            "includeAlternateCurrencies=true"));
    assertContractHolds(export(wholeSecondEvents));
  }

  @Test
  void checkExportAcceptsTheEventTimeOfAnEventWithMilliseconds() throws Exception {
    assertContractHolds(export());
  }

  private static void assertContractHolds(Path out) throws Exception {
    assumeTrue(Files.isExecutable(CHECK_EXPORT), "check-export is not installed here");

    Process check =
        new ProcessBuilder(CHECK_EXPORT.toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(check.waitFor()).as(report).isZero();
    assertThat(report).contains("contract holds");
  }
}

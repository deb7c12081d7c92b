package com.ledgerexplode.export.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ledgerexplode.export.settings.ExportFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The join of a partitioned export: the parts as their checkpoints committed them, in input order,
 * checked whole before the export is written.
 */
class JsonLinesPartsTest {
  @TempDir Path dir;

  private Path output;
  private Path first;
  private Path second;

  @BeforeEach
  void twoParts() throws IOException {
    output = dir.resolve("out/export.jsonl");
    first = ExportFiles.part(output, 0, 2);
    second = ExportFiles.part(output, 1, 2);
    Files.createDirectories(first.getParent());
  }

  @Test
  void theExportIsThePartsCommittedBytesInInputOrderAndItsCheckpointTheirDigest() throws Exception {
    JsonLinesParts.Part one = part(first, "{\"a\":1}\n", "{\"r\":1}\n", "{\"uncommitted\":1}\n");
    JsonLinesParts.Part two = part(second, "{\"a\":2}\n{\"a\":3}\n", "", "");
    ExecutionContext joined = new ExecutionContext();

    try (JsonLinesParts.Hold held = JsonLinesParts.hold(output)) {
      JsonLinesParts.join(held, output, List.of(one, two), joined);
    }

    String export = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n";
    assertThat(Files.readString(output)).isEqualTo(export);
    assertThat(Files.readString(ExportFiles.rejects(output))).isEqualTo("{\"r\":1}\n");
    List<JsonLinesSink.CommittedFile> files = JsonLinesSink.committed(output, joined);
    assertThat(files.get(0).bytes()).isEqualTo(export.length());
    assertThat(files.get(0).sha256()).isEqualTo(sha256(export));
    assertThat(files.get(1).sha256()).isEqualTo(sha256("{\"r\":1}\n"));
  }

  @Test
  void aPartShorterThanItsCheckpointIsRefusedAndTheExportIsLeftAsItWas() throws Exception {
    JsonLinesParts.Part one = part(first, "{\"a\":1}\n", "", "");
    JsonLinesParts.Part two = part(second, "{\"a\":2}\n{\"a\":3}\n", "", "");
    Files.writeString(second, "{\"a\":2}\n");

    assertThat(refusedJoinOf(one, two))
        .isEqualTo(
            second
                + " has fewer bytes than the 16 its partition's last checkpoint committed: it"
                + " was changed outside the job; run this night afresh with another output or"
                + " runDate");
  }

  @Test
  void aMissingPartIsRefusedAndTheExportIsLeftAsItWas() throws Exception {
    JsonLinesParts.Part one = part(first, "{\"a\":1}\n", "", "");
    JsonLinesParts.Part two = part(second, "{\"a\":2}\n", "", "");
    Files.delete(second);

    assertThat(refusedJoinOf(one, two))
        .isEqualTo(
            second
                + " is missing: a part of this run's export is gone; run this night afresh with"
                + " another output or runDate");
  }

  @Test
  void aPartWhoseCommittedBytesWereEditedIsRefusedAndTheExportIsLeftAsItWas() throws Exception {
    JsonLinesParts.Part one = part(first, "{\"a\":1}\n", "", "");
    JsonLinesParts.Part two = part(second, "{\"a\":2}\n", "", "");
    Files.writeString(first, "{\"a\":9}\n");

    assertThat(refusedJoinOf(one, two)).startsWith(first + " is not what its partition wrote");
  }

  /**
   * Joins the parts over an export that holds {@code before}, which must refuse them and leave the
   * export as it was; answers the refusal's message.
   */
  private String refusedJoinOf(JsonLinesParts.Part... parts) throws IOException {
    Files.writeString(output, "before\n");
    String message;
    try (JsonLinesParts.Hold held = JsonLinesParts.hold(output)) {
      Throwable refusal =
          catchThrowable(
              () -> JsonLinesParts.join(held, output, List.of(parts), new ExecutionContext()));
      assertThat(refusal).isInstanceOf(ExportNotOursException.class);
      message = String.valueOf(refusal.getMessage());
    }
    assertThat(Files.readString(output)).as("the export, left as it was").isEqualTo("before\n");
    return message;
  }

  /**
   * A part whose checkpoint committed {@code committed} and its rejects {@code rejects}; {@code
   * after} is written after the checkpoint (a chunk that did not commit).
   */
  private static JsonLinesParts.Part part(Path path, String committed, String rejects, String after)
      throws IOException {
    Files.writeString(path, committed + after);
    Files.writeString(ExportFiles.rejects(path), rejects);
    ExecutionContext context = new ExecutionContext();
    JsonLinesSink.saveCommitted(
        context,
        committed.getBytes(StandardCharsets.UTF_8).length,
        sha256(committed),
        rejects.getBytes(StandardCharsets.UTF_8).length,
        sha256(rejects));
    return new JsonLinesParts.Part(path, context);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package com.ledgerexplode.export.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is appended to a digested file is written and digested from its first byte to its last. */
class DigestedFileTest {
  @TempDir Path dir;

  @Test
  void appendingPartOfAnArrayWritesAndDigestsThosePartsAlone() throws Exception {
    Path path = dir.resolve("export.jsonl");
    byte[] buffer = "xx{\"a\":1}\nyyyy".getBytes(StandardCharsets.UTF_8);
    try (DigestedFile file =
        DigestedFile.open(path, 0, null, channel -> {}, DigestedFile.CHANNELS)) {
      file.append(buffer, 2, 8);
      file.append("{\"b\":2}\n".getBytes(StandardCharsets.UTF_8));
      byte[] expected = "{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
      assertThat(Files.readAllBytes(path)).isEqualTo(expected);
      assertThat(file.sha256())
          .isEqualTo(
              HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)));
    }
  }

  @Test
  void aFileIsForcedAgainOnlyWhenSomethingWasWrittenOrTakenBackSinceItWasLastForced()
      throws Exception {
    try (DigestedFile file =
        DigestedFile.open(dir.resolve("export.jsonl"), 0, null, c -> {}, DigestedFile.CHANNELS)) {
      assertThat(file.unforced()).as("a file just opened").isTrue();
      file.force();
      assertThat(file.unforced()).as("forced").isFalse();
      DigestedFile.Mark before = file.mark();
      file.append("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
      assertThat(file.unforced()).as("written since").isTrue();
      file.force();
      assertThat(file.unforced()).isFalse();
      file.rollBackTo(before);
      assertThat(file.unforced()).as("taken back since").isTrue();
      file.force();
      assertThat(file.unforced()).isFalse();
      assertThat(file.length()).isZero();
    }
  }
}

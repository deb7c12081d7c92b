package com.ledgerexplode.export.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's prefix, taken in steps small and large, digests exactly the bytes up to its end. */
class FilePrefixTest {
  @TempDir Path dir;

  private static String sha256(byte[] bytes, int length) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(bytes, length)));
  }

  @Test
  void extendingInStepsOfAnySizeDigestsEveryByteUpToTheEnd() throws Exception {
    byte[] bytes = new byte[200_000]; // more than one read of the largest buffer
    new Random(1).nextBytes(bytes);
    Path path = dir.resolve("requests.csv");
    Files.write(path, bytes);
    FilePrefix prefix = FilePrefix.empty();
    try (FileChannel file = FileChannel.open(path)) {
      for (int end : new int[] {0, 10, 10, 9_000, 150_000, 200_000}) {
        prefix.extendTo(file, end);
        assertThat(prefix.length()).isEqualTo(end);
        assertThat(prefix.sha256()).isEqualTo(sha256(bytes, end));
      }
    }
  }
}

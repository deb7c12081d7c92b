package com.ledgerexplode.export;

import com.ledgerexplode.json.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes {@code name.manifest.json} beside the export {@code name.jsonl}, last, atomically (a
 * temporary file renamed into place), so that its presence means the export is finished. It holds
 * the run, its settings (secrets masked), its counts and, for the export and its rejects file,
 * their sizes and SHA-256 as they are on disk.
 */
public final class ManifestWriter {
  static final String MASK = "***";
  private static final List<String> SECRET_WORDS =
      List.of("password", "secret", "token", "credential", "apikey", "api_key");
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(?i)(password=)[^&;]*|(//[^/:@]+:)[^/@]*(@)");
  private static final JsonFactory JSON = new JsonFactory();

  private ManifestWriter() {}

  /** {@code out/name.jsonl} has its manifest in {@code out/name.manifest.json}. */
  public static Path manifestFile(Path output) {
    return ExportFiles.manifest(output);
  }

  /**
   * Writes the manifest of the export {@code output}.
   *
   * @return the manifest's path
   */
  public static Path write(Path output, Manifest manifest) throws IOException {
    Path target = manifestFile(output);
    List<Path> files = List.of(output, ExportFiles.rejects(output));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), bytes)) {
      g.writeStartObject();
      g.writeNumberProperty("executionId", manifest.executionId());
      g.writeStringProperty("status", manifest.status());
      g.writeStringProperty("startTime", JsonValues.timestamp(manifest.startTime()));
      g.writeStringProperty("endTime", JsonValues.timestamp(manifest.endTime()));
      g.writeName("settings");
      g.writeStartObject();
      for (Map.Entry<String, String> setting : manifest.settings().entrySet()) {
        g.writeStringProperty(setting.getKey(), masked(setting.getKey(), setting.getValue()));
      }
      g.writeEndObject();
      ExportCounts c = manifest.counts();
      g.writeName("counts");
      g.writeStartObject();
      g.writeNumberProperty("rowsRead", c.rowsRead());
      g.writeNumberProperty("rowsExploded", c.rowsExploded());
      g.writeNumberProperty("rowsRejected", c.rowsRejected());
      g.writeNumberProperty("rowsUnreadable", c.rowsUnreadable());
      g.writeNumberProperty("eventsWritten", c.eventsWritten());
      g.writeNumberProperty("warnings", c.warnings());
      g.writeEndObject();
      g.writeName("files");
      g.writeStartArray();
      for (Path file : files) {
        g.writeStartObject();
        g.writeStringProperty("name", file.getFileName().toString());
        g.writeNumberProperty("bytes", Files.size(file));
        g.writeStringProperty("sha256", sha256(file));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    bytes.write('\n');
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  /** A setting as the manifest shows it: a secret's value masked, a URL's password taken out. */
  static String masked(String key, String value) {
    String lower = key.toLowerCase(Locale.ROOT);
    for (String word : SECRET_WORDS) {
      if (lower.contains(word)) {
        return value.isEmpty() ? value : MASK;
      }
    }
    return URL_PASSWORD
        .matcher(value)
        .replaceAll(
            m ->
                Matcher.quoteReplacement(
                    m.group(1) != null ? m.group(1) + MASK : m.group(2) + MASK + m.group(3)));
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}

package com.ledgerexplode.export.sink;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.outcome.ExportJson;
import com.ledgerexplode.export.settings.ExportFiles;
import com.ledgerexplode.json.JsonValues;
import com.ledgerexplode.store.Secrets;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * Writes {@code name.manifest.json} beside the export {@code name.jsonl}, last, atomically (a
 * temporary file renamed into place), so that its presence means the export is finished. It holds
 * the run, its settings (secrets masked), its counts and, for the export and its rejects file,
 * their sizes and SHA-256 as they are on disk.
 */
public final class ManifestWriter {
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
    List<FileEntry> files = new ArrayList<>();
    for (Path file : List.of(output, ExportFiles.rejects(output))) {
      files.add(new FileEntry(file.getFileName().toString(), Files.size(file), sha256(file)));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ExportJson.write(bytes, g -> writeManifest(g, manifest, files));
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

  private record FileEntry(String name, long bytes, String sha256) {}

  private static void writeManifest(JsonGenerator g, Manifest manifest, List<FileEntry> files) {
    g.writeStartObject();
    g.writeNumberProperty("executionId", manifest.executionId());
    g.writeStringProperty("status", manifest.status());
    g.writeStringProperty("startTime", JsonValues.timestamp(manifest.startTime()));
    g.writeStringProperty("endTime", JsonValues.timestamp(manifest.endTime()));
    g.writeName("settings");
    writeSettings(g, manifest.settings());
    ExportCounts c = manifest.counts();
    g.writeName("counts");
    g.writeStartObject();
    c.asMap().forEach((name, value) -> g.writeNumberProperty(name, (long) value));
    g.writeEndObject();
    g.writeName("files");
    g.writeStartArray();
    for (FileEntry file : files) {
      g.writeStartObject();
      g.writeStringProperty("name", file.name());
      g.writeNumberProperty("bytes", file.bytes());
      g.writeStringProperty("sha256", file.sha256());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** The settings as one JSON object, secrets masked. */
  static void writeSettings(JsonGenerator g, Map<String, String> settings) {
    g.writeStartObject();
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      g.writeStringProperty(
          setting.getKey(), Secrets.maskSetting(setting.getKey(), setting.getValue()));
    }
    g.writeEndObject();
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

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
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.core.JsonGenerator;

/**
 * Writes {@code name.manifest.json} beside the export {@code name.jsonl}, last, atomically (a
 * temporary file renamed into place), so that its presence means the export is finished. It holds
 * the run, its settings (secrets masked), its counts and, for the export and its rejects file,
 * their sizes and SHA-256 as the run's last checkpoint committed them (and the files have).
 */
public final class ManifestWriter {
  private ManifestWriter() {}

  /** {@code out/name.jsonl} has its manifest in {@code out/name.manifest.json}. */
  public static Path manifestFile(Path output) {
    return ExportFiles.manifest(output);
  }

  /**
   * Writes the manifest of the export {@code output} as its export step's last checkpoint {@code
   * committed} vouches for it: each file must have the size that checkpoint committed, and its
   * SHA-256 is the one carried forward as it was written (the export is not read again).
   *
   * @return the manifest's path
   * @throws ExportNotOursException a file is missing or its size is not the committed one
   */
  public static Path write(Path output, Manifest manifest, ExecutionContext committed)
      throws IOException {
    return write(output, manifest, files(output, committed, false));
  }

  /**
   * Writes again the manifest of a completed run (deleted, or lost with a disk), after verifying
   * each file against the run's last checkpoint {@code committed}: its size, and the SHA-256 of its
   * whole content read again.
   *
   * @return the manifest's path
   * @throws ExportNotOursException a file is missing, or not what the run wrote; nothing is written
   */
  public static Path rewrite(Path output, Manifest manifest, ExecutionContext committed)
      throws IOException {
    return write(output, manifest, files(output, committed, true));
  }

  private static List<FileEntry> files(Path output, ExecutionContext committed, boolean readAgain)
      throws IOException {
    List<FileEntry> files = new ArrayList<>();
    for (JsonLinesSink.CommittedFile file : JsonLinesSink.committed(output, committed)) {
      Path path = file.path();
      if (!Files.isRegularFile(path)) {
        throw new ExportNotOursException(
            path + " is missing: the run's files are gone; " + RUN_AFRESH);
      }
      long size = Files.size(path);
      if (size != file.bytes()) {
        throw new ExportNotOursException(
            path
                + " has "
                + size
                + " bytes, not the "
                + file.bytes()
                + " its run wrote: it was changed after the run; "
                + RUN_AFRESH);
      }
      String sha256 = file.sha256();
      if (readAgain) {
        if (sha256 == null) {
          throw new ExportNotOursException(
              path
                  + " cannot be verified: its run's checkpoint holds no SHA-256 (an older"
                  + " release wrote it); "
                  + RUN_AFRESH);
        }
        if (!sha256.equals(sha256(path))) {
          throw new ExportNotOursException(
              path
                  + " is not what its run wrote: its SHA-256 is not the one of its last checkpoint"
                  + " (it was edited, or another run wrote it); "
                  + RUN_AFRESH);
        }
      } else if (sha256 == null) {
        sha256 = sha256(path); // a checkpoint of an older release, which kept no digest
      }
      files.add(new FileEntry(path.getFileName().toString(), size, sha256));
    }
    return files;
  }

  private static final String RUN_AFRESH =
      "no manifest was written. Put back the files the run wrote, or run the night afresh with"
          + " another runDate or output";

  private static Path write(Path output, Manifest manifest, List<FileEntry> files)
      throws IOException {
    Path target = manifestFile(output);
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
    } catch (java.nio.file.FileSystemException e) {
      throw e; // names its file already
    } catch (IOException e) {
      throw new IOException("Cannot write " + temporary + ": " + e.getMessage(), e);
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

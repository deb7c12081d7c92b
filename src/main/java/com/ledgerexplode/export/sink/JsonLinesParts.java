package com.ledgerexplode.export.sink;

import com.ledgerexplode.export.requests.FilePrefix;
import com.ledgerexplode.export.settings.ExportFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The parts of a partitioned JSON Lines export: each partition writes the lines of its rows to its
 * own export and rejects file ({@link ExportFiles#part}, a {@link JsonLinesSink} each, restartable
 * on its own); once every partition has completed, {@link #join} writes the export and its rejects
 * as the parts' concatenation in input order, the same bytes one thread would have written; the
 * manifest step then {@linkplain #remove removes} the parts.
 */
public final class JsonLinesParts {
  private static final int BUFFER = 1 << 20;

  private JsonLinesParts() {}

  /**
   * The export held by a partitioned run from its start: its lock (the one a one-thread run takes
   * on its export, so that two runs, partitioned or not, never write one export) and the channel
   * the join writes through. Taking it deletes the export's old manifest, so that no consumer takes
   * the files of an earlier night for a finished export while this run writes.
   */
  public static final class Hold implements AutoCloseable {
    private final FileChannel channel;

    private Hold(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void close() throws IOException {
      channel.close(); // releases the lock
    }
  }

  /**
   * Holds the export {@code output} (created empty if absent) for this run.
   *
   * @throws ExportLockedException another run holds it; nothing was changed
   */
  public static Hold hold(Path output) throws IOException {
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel channel =
        FileChannel.open(
            output, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      ExportLock.take(channel, output);
      Files.deleteIfExists(ExportFiles.manifest(output));
      return new Hold(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Joins the parts, as their partitions' last checkpoints committed them ({@code partitions}, in
   * input order), into the export and its rejects: every part is first read whole and checked
   * against its checkpoint (the joined rejects written beside the parts meanwhile), and only then
   * are the export's parts copied into it through the run's {@link Hold}, by the system, and the
   * rejects moved over their name, each on disk; and saves in {@code into} the checkpoint of the
   * joined files that a {@link JsonLinesSink} saves (their lengths and SHA-256), for the manifest.
   *
   * @throws ExportNotOursException a part is missing, shorter than its checkpoint, or not the bytes
   *     its partition wrote; the export's files are then left as they were
   */
  public static void join(Hold held, Path output, List<Part> partitions, ExecutionContext into)
      throws IOException {
    Path joinedRejects =
        ExportFiles.rejects(ExportFiles.parts(output).resolve("joined" + ExportFiles.EXTENSION));
    FilePrefix export = FilePrefix.empty();
    FilePrefix rejects = FilePrefix.empty();
    List<JsonLinesSink.CommittedFile> exportParts = new ArrayList<>(partitions.size());
    try (OutputStream rejectsOut = Files.newOutputStream(joinedRejects)) {
      byte[] buffer = new byte[BUFFER];
      for (Part partition : partitions) {
        List<JsonLinesSink.CommittedFile> files =
            JsonLinesSink.committed(partition.output(), partition.context());
        append(files.get(0), null, export, buffer);
        append(files.get(1), rejectsOut, rejects, buffer);
        exportParts.add(files.get(0));
      }
    }
    // every part is checked: only now is the export written, through the run's hold, the parts'
    // bytes copied by the system rather than through a file beside it
    FileChannel exportChannel = held.channel;
    exportChannel.truncate(0);
    for (JsonLinesSink.CommittedFile part : exportParts) {
      try (FileChannel in = FileChannel.open(part.path(), StandardOpenOption.READ)) {
        long copied = 0;
        while (copied < part.bytes()) {
          long n = in.transferTo(copied, part.bytes() - copied, exportChannel);
          if (n <= 0) {
            throw shorterThanCommitted(part);
          }
          copied += n;
        }
      }
    }
    exportChannel.force(true);
    force(joinedRejects);
    Files.move(
        joinedRejects,
        ExportFiles.rejects(output),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(output.toAbsolutePath().getParent());
    JsonLinesSink.saveCommitted(
        into, export.length(), export.sha256(), rejects.length(), rejects.sha256());
  }

  /** A partition's part and the context its last checkpoint committed. */
  public record Part(Path output, ExecutionContext context) {}

  /** Reads a part as its checkpoint committed it into {@code whole} (and {@code out}, if any). */
  private static void append(
      JsonLinesSink.CommittedFile part, @Nullable OutputStream out, FilePrefix whole, byte[] buffer)
      throws IOException {
    FilePrefix own = FilePrefix.empty();
    try (InputStream in = Files.newInputStream(part.path())) {
      long left = part.bytes();
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw shorterThanCommitted(part);
        }
        own.append(buffer, 0, n);
        whole.append(buffer, 0, n);
        if (out != null) {
          out.write(buffer, 0, n);
        }
        left -= n;
      }
    } catch (NoSuchFileException e) {
      throw new ExportNotOursException(
          part.path()
              + " is missing: a part of this run's export is gone; run this night afresh with"
              + " another output or runDate");
    }
    String expected = part.sha256();
    if (expected != null && !expected.equals(own.sha256())) {
      throw new ExportNotOursException(
          part.path()
              + " is not what its partition wrote by its last checkpoint (it was edited, or"
              + " another run wrote it); run this night afresh with another output or runDate");
    }
  }

  private static ExportNotOursException shorterThanCommitted(JsonLinesSink.CommittedFile part) {
    return new ExportNotOursException(
        part.path()
            + " has fewer bytes than the "
            + part.bytes()
            + " its partition's last checkpoint committed: it was changed outside the job;"
            + " run this night afresh with another output or runDate");
  }

  private static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Makes the moves durable, where the system lets a directory be forced. */
  private static void forceDirectory(@Nullable Path directory) {
    if (directory == null) {
      return;
    }
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notOnThisSystem) {
      // some systems cannot open a directory; the moves are then as durable as they make them
    }
  }

  /** Removes the parts of this export and their directory, once the export is joined. */
  public static void remove(Path output) throws IOException {
    Path parts = ExportFiles.parts(output);
    if (!Files.isDirectory(parts)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(parts)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(parts);
  }
}

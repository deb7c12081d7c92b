package com.ledgerexplode.export.sink;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.export.job.ExportWriter;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestRow;
import com.ledgerexplode.export.requests.UnreadableRecord;
import com.ledgerexplode.json.api.EventJson;
import com.ledgerexplode.ledger.CustomerKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.JsonGenerator;

/**
 * Writes outcomes to the export {@code name.jsonl} (one line per exploded event) and {@code
 * name.rejects.jsonl} (one line per rejected row, warning or unreadable record), as PRODUCT.md's
 * "Export files" says: compact JSON, UTF-8, {@code \n} line ends, input order.
 *
 * <p>Restart to the byte: {@link #update} forces both files to disk and saves their lengths under
 * keys prefixed {@value #NAME} (the run's counts are {@link ExportWriter}'s); {@link #open} with
 * that state truncates both files to those lengths and appends, without it creates them afresh. A
 * write whose chunk transaction rolls back is taken back the same way. {@link #open} also deletes a
 * manifest left from an earlier run, so that no consumer takes the files being written for a
 * finished export, and holds a lock on the export while open, so that two runs never write the same
 * files. Not thread-safe.
 */
public class JsonLinesSink implements ExportSink {
  public static final String NAME = "jsonLinesSink";
  static final String EXPORT_BYTES_KEY = NAME + ".exportBytes";
  static final String REJECTS_BYTES_KEY = NAME + ".rejectsBytes";

  private final Path output;
  private final Path rejects;
  private @Nullable FileChannel exportChannel;
  private @Nullable FileChannel rejectsChannel;

  /**
   * @param output the export, a path whose name ends in {@code .jsonl}; the rejects file and the
   *     manifest are its siblings
   */
  public JsonLinesSink(Path output) {
    ExportFiles.check(output);
    this.output = output;
    this.rejects = ExportFiles.rejects(output);
  }

  /** {@code out/name.jsonl} has its rejects in {@code out/name.rejects.jsonl}. */
  public static Path rejectsFile(Path output) {
    return ExportFiles.rejects(output);
  }

  @Override
  public void open(ExecutionContext context) {
    close();
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      exportChannel = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock(exportChannel);
      Files.deleteIfExists(ExportFiles.manifest(output));
      boolean restart = context.containsKey(EXPORT_BYTES_KEY);
      cut(exportChannel, output, restart ? context.getLong(EXPORT_BYTES_KEY) : 0);
      rejectsChannel =
          FileChannel.open(rejects, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      cut(rejectsChannel, rejects, restart ? context.getLong(REJECTS_BYTES_KEY) : 0);
    } catch (IOException e) {
      close();
      throw new ItemStreamException("Cannot open the export " + output + ": " + e, e);
    }
  }

  /**
   * Holds the export's lock while the sink is open (the system releases it if the process dies), so
   * that two runs never write one file.
   */
  private void lock(FileChannel channel) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldInThisProcess) {
      lock = null;
    }
    if (lock == null) {
      close();
      throw new ItemStreamException(
          "The export " + output + " is being written by another run; nothing was changed");
    }
  }

  /** Cuts a file back to the length of its last checkpoint, and writes on from there. */
  private static void cut(FileChannel channel, Path file, long length) throws IOException {
    if (channel.size() < length) {
      throw new IOException(
          file
              + " has "
              + channel.size()
              + " bytes, fewer than the "
              + length
              + " of its last checkpoint: it was changed outside the job");
    }
    channel.truncate(length);
    channel.position(length);
  }

  @Override
  public void write(List<RowOutcome> outcomes) throws IOException {
    FileChannel exportTo = open(exportChannel);
    FileChannel rejectsTo = open(rejectsChannel);
    ByteArrayOutputStream events = new ByteArrayOutputStream();
    ByteArrayOutputStream rejected = new ByteArrayOutputStream();
    for (RowOutcome outcome : outcomes) {
      writeOutcome(outcome, events, rejected);
    }
    long exportBefore = exportTo.position();
    long rejectsBefore = rejectsTo.position();
    try {
      writeFully(exportTo, events.toByteArray());
      writeFully(rejectsTo, rejected.toByteArray());
    } catch (IOException | RuntimeException e) {
      takeBack(exportBefore, rejectsBefore);
      throw e;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              if (status == STATUS_ROLLED_BACK) {
                takeBack(exportBefore, rejectsBefore);
              }
            }
          });
    }
  }

  private void takeBack(long exportLength, long rejectsLength) {
    try {
      truncate(exportChannel, exportLength);
      truncate(rejectsChannel, rejectsLength);
    } catch (IOException e) {
      throw new ItemStreamException("Cannot take back a failed write to " + output, e);
    }
  }

  private static void truncate(@Nullable FileChannel channel, long length) throws IOException {
    if (channel != null && channel.isOpen()) {
      channel.truncate(length);
      channel.position(length);
    }
  }

  private FileChannel open(@Nullable FileChannel channel) {
    if (channel == null) {
      throw new IllegalStateException("The sink is not open");
    }
    return channel;
  }

  private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static void writeOutcome(
      RowOutcome outcome, ByteArrayOutputStream events, ByteArrayOutputStream rejected) {
    if (outcome.item() instanceof UnreadableRecord unreadable) {
      line(
          rejected,
          g -> {
            g.writeStringProperty("kind", "unreadable");
            g.writeNumberProperty("line", unreadable.line());
            g.writeStringProperty("text", unreadable.text());
            g.writeStringProperty("message", unreadable.message());
          });
      return;
    }
    RequestRow row = (RequestRow) outcome.item();
    ApiError error = outcome.error();
    if (error != null) {
      line(rejected, g -> writeStatus(g, "rejected", row, error.code(), error.message()));
      return;
    }
    CustomerKey customer = outcome.customer();
    for (ExplodedEvent event : outcome.events()) {
      line(
          events,
          g -> {
            writeRequest(g, row);
            if (customer != null) {
              g.writeNumberProperty("customerId", customer.customerId());
            }
            EventJson.writeEventFields(g, event);
          });
    }
    for (ApiWarning warning : outcome.warnings()) {
      line(
          rejected,
          g -> {
            writeStatus(g, "warning", row, warning.code(), warning.message());
            if (warning.eventId() != null) {
              g.writeStringProperty("eventId", warning.eventId());
            }
            if (warning.eventReferenceId() != null) {
              g.writeStringProperty("eventReferenceId", warning.eventReferenceId());
            }
          });
    }
  }

  private static void writeStatus(
      JsonGenerator g, String kind, RequestRow row, int code, String message) {
    g.writeStringProperty("kind", kind);
    if (kind.equals("warning")) {
      writeWarningRequest(g, row);
    } else {
      writeRequest(g, row);
    }
    g.writeNumberProperty("code", code);
    g.writeStringProperty("message", message);
  }

  /**
   * A warning's request without the row's event ids and reference ids: the warning names the one it
   * concerns, so that the file grows with the input, never with its square.
   */
  private static void writeWarningRequest(JsonGenerator g, RequestRow row) {
    g.writeName("request");
    g.writeStartObject();
    g.writeNumberProperty("line", row.line());
    row.cells()
        .forEach(
            (name, value) -> {
              if (!name.equals("eventIds") && !name.equals("eventReferenceIds")) {
                g.writeStringProperty(name, value);
              }
            });
    g.writeEndObject();
  }

  private static void writeRequest(JsonGenerator g, RequestRow row) {
    g.writeName("request");
    g.writeStartObject();
    ExportJson.writeRequestFields(g, row);
    g.writeEndObject();
  }

  /** One JSON object holding what {@code fields} writes, and a line break. */
  private static void line(ByteArrayOutputStream out, Consumer<JsonGenerator> fields) {
    ExportJson.write(
        out,
        g -> {
          g.writeStartObject();
          fields.accept(g);
          g.writeEndObject();
        });
    out.write('\n');
  }

  @Override
  public void update(ExecutionContext context) {
    try {
      FileChannel exportTo = open(exportChannel);
      FileChannel rejectsTo = open(rejectsChannel);
      exportTo.force(false);
      rejectsTo.force(false);
      context.putLong(EXPORT_BYTES_KEY, exportTo.position());
      context.putLong(REJECTS_BYTES_KEY, rejectsTo.position());
    } catch (IOException e) {
      throw new ItemStreamException("Cannot save the export " + output + " to disk: " + e, e);
    }
  }

  @Override
  public void close() {
    IOException failure = null;
    for (FileChannel channel : new FileChannel[] {exportChannel, rejectsChannel}) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          failure = e;
        }
      }
    }
    exportChannel = null;
    rejectsChannel = null;
    if (failure != null) {
      throw new ItemStreamException("Cannot close the export " + output, failure);
    }
  }
}

package com.ledgerexplode.export.sink;

import com.ledgerexplode.export.outcome.ExportJson;
import com.ledgerexplode.export.outcome.OutputRecord;
import com.ledgerexplode.export.settings.ExportFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.JsonGenerator;

/**
 * Writes output records to the export {@code name.jsonl} (one line per exploded event) and {@code
 * name.rejects.jsonl} (one line per rejected row, warning or unreadable record), as PRODUCT.md's
 * "Export files" says: compact JSON, UTF-8, {@code \n} line ends, input order.
 *
 * <p>Restart to the byte, of this run's bytes only: {@link #update} forces both files to disk and
 * saves their lengths and the SHA-256 of those bytes (carried forward as they are written) under
 * keys prefixed {@value #NAME} (the run's counts are the export writer's); {@link #open} with that
 * state first checks that each file still begins with exactly those bytes (else it refuses, and
 * changes nothing: another run wrote the file, or it was edited), then truncates both files to
 * those lengths and appends; without it, it creates them afresh. A write whose chunk transaction
 * rolls back is taken back the same way. {@link #open} also deletes a manifest left from an earlier
 * run, so that no consumer takes the files being written for a finished export, and holds a lock on
 * the export while open, so that two runs never write the same files. Not thread-safe.
 */
public class JsonLinesSink implements ExportSink {
  public static final String NAME = "jsonLinesSink";
  static final String EXPORT_BYTES_KEY = NAME + ".exportBytes";
  static final String REJECTS_BYTES_KEY = NAME + ".rejectsBytes";
  static final String EXPORT_SHA256_KEY = NAME + ".exportSha256";
  static final String REJECTS_SHA256_KEY = NAME + ".rejectsSha256";

  private final Path output;
  private final Path rejects;
  private final boolean overwrite;
  private final Consumer<ExecutionContext> saveCheckpoint;
  private final DigestedFile.Channels channels;
  private @Nullable DigestedFile export;
  private @Nullable DigestedFile rejected;
  private @Nullable Lines exportLines;
  private @Nullable Lines rejectsLines;
  private @Nullable ExecutorService forcer;

  /**
   * @param output the export, a path whose name ends in {@code .jsonl}; the rejects file and the
   *     manifest are its siblings
   */
  public JsonLinesSink(Path output) {
    this(output, false, context -> {});
  }

  /**
   * @param overwrite whether a new run may replace export files that it did not write
   * @param saveCheckpoint saves the context at once: a new run's claim on its files (a checkpoint
   *     at 0 bytes) must be kept before its first chunk, so that its rerun knows them as its own
   */
  public JsonLinesSink(Path output, boolean overwrite, Consumer<ExecutionContext> saveCheckpoint) {
    this(output, overwrite, saveCheckpoint, DigestedFile.CHANNELS);
  }

  /** As {@link #JsonLinesSink(Path, boolean, Consumer)}, its files' channels opened so (tests). */
  JsonLinesSink(
      Path output,
      boolean overwrite,
      Consumer<ExecutionContext> saveCheckpoint,
      DigestedFile.Channels channels) {
    ExportFiles.check(output);
    this.output = output;
    this.rejects = ExportFiles.rejects(output);
    this.overwrite = overwrite;
    this.saveCheckpoint = saveCheckpoint;
    this.channels = channels;
  }

  /** {@code out/name.jsonl} has its rejects in {@code out/name.rejects.jsonl}. */
  public static Path rejectsFile(Path output) {
    return ExportFiles.rejects(output);
  }

  /** A file of the export as a checkpoint committed it: its size and, if kept, its SHA-256. */
  record CommittedFile(Path path, long bytes, @Nullable String sha256) {}

  /**
   * The export and its rejects file as the checkpoint {@code context} committed them.
   *
   * @throws IllegalArgumentException the context is not a checkpoint of this sink
   */
  static List<CommittedFile> committed(Path output, ExecutionContext context) {
    if (!context.containsKey(EXPORT_BYTES_KEY) || !context.containsKey(REJECTS_BYTES_KEY)) {
      throw new IllegalArgumentException("No checkpoint of the export " + output);
    }
    return List.of(
        new CommittedFile(
            output, context.getLong(EXPORT_BYTES_KEY), savedString(context, EXPORT_SHA256_KEY)),
        new CommittedFile(
            ExportFiles.rejects(output),
            context.getLong(REJECTS_BYTES_KEY),
            savedString(context, REJECTS_SHA256_KEY)));
  }

  @Override
  public void open(ExecutionContext context) {
    close();
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      boolean restart = context.containsKey(EXPORT_BYTES_KEY);
      DigestedFile exportFile =
          DigestedFile.open(
              output,
              restart ? context.getLong(EXPORT_BYTES_KEY) : 0,
              savedString(context, EXPORT_SHA256_KEY),
              this::lock,
              channels);
      export = exportFile;
      if (!restart && !overwrite) {
        refuseFilesOfAnotherRun(); // under the lock: no other run writes them meanwhile
      }
      DigestedFile rejectsFile =
          DigestedFile.open(
              rejects,
              restart ? context.getLong(REJECTS_BYTES_KEY) : 0,
              savedString(context, REJECTS_SHA256_KEY),
              channel -> {},
              channels);
      rejected = rejectsFile;
      // both files are this run's up to its checkpoint: only now is anything changed
      Files.deleteIfExists(ExportFiles.manifest(output));
      exportFile.cutToCommitted();
      rejectsFile.cutToCommitted();
      if (!restart) {
        update(context);
        saveCheckpoint.accept(context);
      }
    } catch (DigestedFile.ChangedOutsideTheRunException e) {
      close();
      throw new ExportNotOursException(String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      close();
      throw e;
    } catch (IOException e) {
      close();
      throw new ItemStreamException("Cannot open the export " + output + ": " + e, e);
    }
  }

  private void refuseFilesOfAnotherRun() throws IOException {
    Optional<Path> there = ExportFiles.firstAlreadyThere(output);
    if (there.isPresent()) {
      throw new ExportNotOursException(ExportFiles.notThisRunsMessage(there.get()));
    }
  }

  private static @Nullable String savedString(ExecutionContext context, String key) {
    return context.containsKey(key) ? context.getString(key) : null;
  }

  /**
   * Holds the export's lock while the sink is open (the system releases it if the process dies), so
   * that two runs never write one file.
   */
  private void lock(FileChannel channel) throws IOException {
    try {
      ExportLock.take(channel, output);
    } catch (ExportLockedException e) {
      close();
      throw e;
    }
  }

  @Override
  public void write(List<OutputRecord> records) throws IOException {
    DigestedFile exportTo = opened(export);
    DigestedFile rejectsTo = opened(rejected);
    Lines events = exportLines == null ? new Lines() : exportLines;
    Lines rejectedLines = rejectsLines == null ? new Lines() : rejectsLines;
    // a record that failed half-way leaves its generator inside it: both are made anew then
    exportLines = null;
    rejectsLines = null;
    for (OutputRecord record : records) {
      (record.isEvent() ? events : rejectedLines).write(record);
    }
    events.flush();
    rejectedLines.flush();
    exportLines = events;
    rejectsLines = rejectedLines;
    DigestedFile.Mark exportBefore = exportTo.mark();
    DigestedFile.Mark rejectsBefore = rejectsTo.mark();
    try {
      events.appendTo(exportTo);
      rejectedLines.appendTo(rejectsTo);
    } catch (IOException | RuntimeException e) {
      try {
        takeBack(exportBefore, rejectsBefore);
      } catch (RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed); // the write's failure (a full disk, say) is the one to tell
      }
      throw e;
    } finally {
      events.clear();
      rejectedLines.clear();
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

  /**
   * The lines of one file in a chunk, all written by one generator that lives as long as the sink
   * (rather than one generator per line), each line compact JSON and its {@code \n}.
   */
  private static final class Lines {
    private final Buffer buffer = new Buffer();
    private final JsonGenerator generator = ExportJson.linesGenerator(buffer);

    void write(OutputRecord record) {
      generator.writeStartObject();
      record.writeFields(generator);
      generator.writeEndObject();
      generator.writeRaw('\n');
    }

    /** Lets the generator's last bytes reach the buffer. */
    void flush() {
      generator.flush();
    }

    /** Appends the lines written since the last {@link #clear} to the file, from the buffer. */
    void appendTo(DigestedFile file) throws IOException {
      buffer.appendTo(file);
    }

    void clear() {
      buffer.reset();
    }
  }

  /** A byte buffer whose bytes are appended to a file as they are, not copied out first. */
  private static final class Buffer extends ByteArrayOutputStream {
    void appendTo(DigestedFile file) throws IOException {
      file.append(buf, 0, count);
    }
  }

  /** Takes back a write from both files, each tried even if the other fails. */
  private void takeBack(DigestedFile.Mark exportMark, DigestedFile.Mark rejectsMark) {
    IOException failure = null;
    try {
      opened(export).rollBackTo(exportMark);
    } catch (IOException e) {
      failure = e;
    }
    try {
      opened(rejected).rollBackTo(rejectsMark);
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw new ItemStreamException("Cannot take back a failed write to " + output, failure);
    }
  }

  private static DigestedFile opened(@Nullable DigestedFile file) {
    if (file == null) {
      throw new IllegalStateException("The sink is not open");
    }
    return file;
  }

  @Override
  public void update(ExecutionContext context) {
    DigestedFile exportFile = opened(export);
    DigestedFile rejectsFile = opened(rejected);
    try {
      forceBoth(exportFile, rejectsFile);
    } catch (IOException e) {
      throw new ItemStreamException("Cannot save the export " + output + " to disk: " + e, e);
    }
    saveCommitted(
        context,
        exportFile.length(),
        exportFile.sha256(),
        rejectsFile.length(),
        rejectsFile.sha256());
  }

  /**
   * Forces both files to disk (what has not changed since it was last forced is not forced again).
   * When both changed, the rejects file is forced on the sink's second thread while this one forces
   * the export: the system then waits for both at once rather than for one after the other. Both
   * are forced even if one fails; the first failure is thrown.
   */
  private void forceBoth(DigestedFile exportFile, DigestedFile rejectsFile) throws IOException {
    if (!exportFile.unforced() || !rejectsFile.unforced()) {
      exportFile.force();
      rejectsFile.force();
      return;
    }
    Future<@Nullable Void> rejectsForced =
        forcer()
            .submit(
                () -> {
                  rejectsFile.force();
                  return null;
                });
    IOException failure = null;
    try {
      exportFile.force();
    } catch (IOException e) {
      failure = e;
    }
    try {
      awaitUninterruptibly(rejectsForced);
    } catch (ExecutionException e) {
      IOException rejectsFailure =
          e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      if (failure == null) {
        failure = rejectsFailure;
      } else {
        failure.addSuppressed(rejectsFailure);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Waits for a force to end even if interrupted (and then keeps the interrupt). */
  private static void awaitUninterruptibly(Future<?> forced) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          forced.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private ExecutorService forcer() {
    ExecutorService running = forcer;
    if (running == null) {
      running =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, "ledger-explode-rejects-forcer");
                thread.setDaemon(true);
                return thread;
              });
      forcer = running;
    }
    return running;
  }

  /**
   * Saves in a context the checkpoint of an export and its rejects, on disk: what {@link
   * #committed} reads back (the joined files of a partitioned run are saved so too).
   */
  static void saveCommitted(
      ExecutionContext context,
      long exportBytes,
      String exportSha256,
      long rejectsBytes,
      String rejectsSha256) {
    context.putLong(EXPORT_BYTES_KEY, exportBytes);
    context.putLong(REJECTS_BYTES_KEY, rejectsBytes);
    context.putString(EXPORT_SHA256_KEY, exportSha256);
    context.putString(REJECTS_SHA256_KEY, rejectsSha256);
  }

  @Override
  public void close() {
    IOException failure = null;
    for (DigestedFile file : new DigestedFile[] {export, rejected}) {
      if (file != null) {
        try {
          file.close();
        } catch (IOException e) {
          failure = e;
        }
      }
    }
    export = null;
    rejected = null;
    exportLines = null;
    rejectsLines = null;
    ExecutorService running = forcer;
    if (running != null) {
      running.shutdown(); // it has no force left to do: each is waited for
      forcer = null;
    }
    if (failure != null) {
      throw new ItemStreamException("Cannot close the export " + output, failure);
    }
  }
}

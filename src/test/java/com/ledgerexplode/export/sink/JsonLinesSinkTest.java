package com.ledgerexplode.export.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.export.job.ChunkExploder;
import com.ledgerexplode.export.outcome.OutputRecord;
import com.ledgerexplode.export.outcome.RowOutcome;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.settings.ExportFiles;
import com.ledgerexplode.testing.InMemoryLedger;
import com.ledgerexplode.testing.Requests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

class JsonLinesSinkTest {
  private static ExplodeEngine engine;
  @TempDir Path dir;

  @BeforeAll
  static void engine() throws Exception {
    engine = InMemoryLedger.engine();
  }

  private static List<RowOutcome> explode(List<RequestItem> items) {
    return new ChunkExploder(engine, Map.of(), 2).explode(items);
  }

  private static List<OutputRecord> records(List<RequestItem> items) {
    return RowOutcome.recordsOf(explode(items));
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  @Test
  void eachOutcomeIsWrittenInTheContractsLineShapesAWarningsRequestWithoutTheRowsEventIds()
      throws Exception {
    Path out = dir.resolve("out/name.jsonl");
    JsonLinesSink sink = new JsonLinesSink(out);
    sink.open(new ExecutionContext());

    sink.write(records(Requests.oneOfEach()));
    sink.close();

    assertThat(Files.readString(out))
        .isEqualTo(
            "{\"request\":{\"line\":2,\"identifierName\":\"mobile\",\"identifierValue\":"
                + "\"917406401004\",\"source\":\"INSTORE\",\"eventIds\":\"18608684,999\"},"
                + "\"customerId\":1001,\"eventLogId\":18608684,\"eventName\":"
                + "\"CustomerRegistration\",\"eventDetails\":{\"eventTime\":"
                + "\"2024-01-18 17:18:00.250\",\"eventTimeISO\":\"2024-01-18T17:18:00.250Z\","
                + "\"tillId\":50697469},\"pointsEarned\":"
                + "{\"regular\":[],\"promo\":[],\"promised\":[]},"
                + "\"eventReferenceId\":\"R-1\",\"orgId\":50406}\n");
    assertThat(lines(JsonLinesSink.rejectsFile(out)))
        .containsExactly(
            "{\"kind\":\"warning\",\"request\":{\"line\":2,\"identifierName\":\"mobile\","
                + "\"identifierValue\":\"917406401004\",\"source\":\"INSTORE\"},"
                + "\"code\":9021,\"message\":\"No event found for eventId 999\","
                + "\"eventId\":\"999\"}",
            "{\"kind\":\"unreadable\",\"line\":3,\"text\":\"mobile,\\\"x\",\"message\":"
                + "\"A quoted cell is not closed\"}",
            "{\"kind\":\"warning\",\"request\":{\"line\":4,\"identifierName\":\"mobile\","
                + "\"identifierValue\":\"917406401004\",\"source\":\"INSTORE\",\"eventName\":"
                + "\"GenericEvent\"},\"code\":9021,\"message\":"
                + "\"No GenericEvent event found for eventReferenceId nope\","
                + "\"eventReferenceId\":\"nope\"}",
            "{\"kind\":\"rejected\",\"request\":{\"line\":5,\"identifierName\":\"mobile\","
                + "\"source\":\"INSTORE\",\"eventIds\":\"1\"},\"code\":11013,\"message\":"
                + "\"identifierName, identifierValue and source are required\"}");
  }

  @Test
  void aRestartTruncatesToTheSavedBytesAndWritesTheSameFilesAsAStraightRun() throws Exception {
    List<RowOutcome> outcomes = explode(Requests.mixedChunk());
    List<OutputRecord> chunk1 = RowOutcome.recordsOf(outcomes.subList(0, 3));
    List<OutputRecord> chunk2 = RowOutcome.recordsOf(outcomes.subList(3, outcomes.size()));
    Path straight = dir.resolve("straight/name.jsonl");
    JsonLinesSink straightSink = new JsonLinesSink(straight);
    straightSink.open(new ExecutionContext());
    straightSink.write(chunk1);
    straightSink.write(chunk2);
    ExecutionContext straightContext = new ExecutionContext();
    straightSink.update(straightContext);
    straightSink.close();

    Path restarted = dir.resolve("restarted/name.jsonl");
    ExecutionContext saved = new ExecutionContext();
    JsonLinesSink crashed = new JsonLinesSink(restarted);
    crashed.open(saved);
    crashed.write(chunk1);
    crashed.update(saved);
    crashed.write(chunk2.subList(0, 1));
    crashed.close();
    JsonLinesSink again = new JsonLinesSink(restarted);
    again.open(new ExecutionContext(saved));
    again.write(chunk2);
    ExecutionContext restartedContext = new ExecutionContext();
    again.update(restartedContext);
    again.close();

    assertThat(Files.readAllBytes(restarted)).isEqualTo(Files.readAllBytes(straight));
    assertThat(Files.readAllBytes(JsonLinesSink.rejectsFile(restarted)))
        .isEqualTo(Files.readAllBytes(JsonLinesSink.rejectsFile(straight)));
    assertThat(restartedContext).isEqualTo(straightContext);
  }

  @Test
  void openingWithoutStateWithOverwriteStartsTheFilesAfreshAndRemovesAnOldManifest()
      throws Exception {
    Path out = dir.resolve("name.jsonl");
    Files.writeString(out, "left over\n");
    Files.writeString(ManifestWriter.manifestFile(out), "{}");
    JsonLinesSink sink = new JsonLinesSink(out, true, context -> {});

    sink.open(new ExecutionContext());
    sink.close();

    assertThat(out).isEmptyFile();
    assertThat(JsonLinesSink.rejectsFile(out)).isEmptyFile();
    assertThat(ManifestWriter.manifestFile(out)).doesNotExist();
  }

  @Test
  void anExportBeingWrittenByAnotherRunIsLeftUntouched() throws Exception {
    Path out = dir.resolve("out/name.jsonl");
    JsonLinesSink first = new JsonLinesSink(out);
    first.open(new ExecutionContext());
    first.write(records(Requests.mixedChunk()));
    first.update(new ExecutionContext());
    byte[] written = Files.readAllBytes(out);

    JsonLinesSink second = new JsonLinesSink(out, true, context -> {}); // even told to overwrite

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.open(new ExecutionContext()))
        .hasMessage("The export " + out + " is being written by another run; nothing was changed");
    assertThat(Files.readAllBytes(out)).isEqualTo(written);
    first.close();
    second.open(new ExecutionContext());
    second.close();
  }

  @Test
  void aRestartRefusesAnExportChangedInPlaceWithinItsCommittedBytesAndChangesNothing()
      throws Exception {
    Path out = dir.resolve("out/name.jsonl");
    JsonLinesSink sink = new JsonLinesSink(out);
    ExecutionContext checkpoint = new ExecutionContext();
    sink.open(checkpoint);
    sink.write(records(Requests.mixedChunk()));
    sink.update(checkpoint);
    sink.close();
    byte[] edited = Files.readAllBytes(out);
    edited[10] = (byte) (edited[10] == 'x' ? 'y' : 'x'); // same length, other bytes
    Files.write(out, edited);

    JsonLinesSink rerun = new JsonLinesSink(out);
    assertThatThrownBy(() -> rerun.open(new ExecutionContext(checkpoint)))
        .isInstanceOf(ItemStreamException.class)
        .hasMessage(
            out
                + " is not what this run had written by its last checkpoint: its first "
                + edited.length
                + " bytes differ (another run wrote it, or it was edited); nothing was changed."
                + " Put back the file this run wrote, or run this night afresh with another"
                + " output or runDate");
    assertThat(Files.readAllBytes(out)).isEqualTo(edited);
  }

  @Test
  void aKilledRunDoesNotContinueInsideTheExportThatAnotherRunWroteSince() throws Exception {
    Path out = dir.resolve("out/name.jsonl");
    List<RowOutcome> outcomes = explode(Requests.mixedChunk());
    JsonLinesSink killed = new JsonLinesSink(out);
    ExecutionContext killedCheckpoint = new ExecutionContext();
    killed.open(killedCheckpoint);
    killed.write(RowOutcome.recordsOf(outcomes.subList(0, 2)));
    killed.update(killedCheckpoint);
    killed.close();
    // another run, same output, from scratch, told to overwrite what is there
    JsonLinesSink other = new JsonLinesSink(out, true, context -> {});
    other.open(new ExecutionContext());
    other.write(RowOutcome.recordsOf(outcomes.subList(2, outcomes.size())));
    other.write(RowOutcome.recordsOf(outcomes.subList(0, 2)));
    other.update(new ExecutionContext());
    other.close();
    byte[] othersExport = Files.readAllBytes(out);
    byte[] othersRejects = Files.readAllBytes(ExportFiles.rejects(out));

    JsonLinesSink rerun = new JsonLinesSink(out);
    assertThatThrownBy(() -> rerun.open(new ExecutionContext(killedCheckpoint)))
        .isInstanceOf(ItemStreamException.class)
        .hasMessageContaining("is not what this run had written by its last checkpoint");
    assertThat(Files.readAllBytes(out)).isEqualTo(othersExport);
    assertThat(Files.readAllBytes(ExportFiles.rejects(out))).isEqualTo(othersRejects);
  }

  @Test
  void aNewRunRefusesExportFilesItDidNotWriteAndChangesNothing() throws Exception {
    Path out = dir.resolve("out/name.jsonl");
    Files.createDirectories(out.getParent());
    Files.writeString(ExportFiles.rejects(out), "another night's rejects\n");

    JsonLinesSink sink = new JsonLinesSink(out);
    assertThatThrownBy(() -> sink.open(new ExecutionContext()))
        .isInstanceOf(ExportNotOursException.class)
        .hasMessage(ExportFiles.notThisRunsMessage(ExportFiles.rejects(out)));
    assertThat(Files.readString(ExportFiles.rejects(out))).isEqualTo("another night's rejects\n");
    JsonLinesSink again = new JsonLinesSink(out); // the lock was released
    assertThatThrownBy(() -> again.open(new ExecutionContext()))
        .isInstanceOf(ExportNotOursException.class);
  }

  @Test
  void aNewRunClaimsItsFilesAtOpenSoThatItsRerunAfterAKillInTheFirstChunkContinues()
      throws Exception {
    Path out = dir.resolve("out/name.jsonl");
    List<ExecutionContext> saved = new java.util.ArrayList<>();
    JsonLinesSink first = new JsonLinesSink(out, false, c -> saved.add(new ExecutionContext(c)));
    first.open(new ExecutionContext());
    first.write(records(Requests.mixedChunk())); // killed before this chunk's checkpoint
    first.close();
    assertThat(saved).hasSize(1);
    assertThat(Files.size(out)).isPositive();

    JsonLinesSink rerun = new JsonLinesSink(out);
    rerun.open(new ExecutionContext(saved.get(0)));
    rerun.close();

    assertThat(Files.size(out)).isZero();
    assertThat(Files.size(ExportFiles.rejects(out))).isZero();
  }

  @Test
  void aFailureForcingTheExportToDiskIsTheSinksFailureAndTheSinkStillClosesCleanly()
      throws Exception {
    Path out = dir.resolve("out/name.jsonl");
    Forced forced = updateWhileForcingFails(out, out);

    assertThat(forced.failedOn())
        .as("the export is forced by the caller")
        .isSameAs(forced.caller());
  }

  @Test
  void aFailureForcingTheRejectsOnTheSecondThreadIsTheSinksFailureAsTheExportsIsAndTheSinkCloses()
      throws Exception {
    Path out = dir.resolve("out/name.jsonl");
    Forced forced = updateWhileForcingFails(out, ExportFiles.rejects(out));

    assertThat(forced.failedOn()).isNotSameAs(forced.caller());
    assertThat(forced.failedOn().getName()).isEqualTo("ledger-explode-rejects-forcer");
  }

  /** The threads of an update whose force of one file failed: the caller's, the failed force's. */
  private record Forced(Thread caller, Thread failedOn) {}

  /**
   * Opens a sink, writes a chunk to both files (so that update forces them at once, on two
   * threads), makes forcing {@code failing} fail as a failing disk does, and checks what update and
   * close then do: update throws the sink's failure of saving the export, naming the file, without
   * hanging; the other file is forced all the same; close throws nothing and ends the sink's second
   * thread.
   */
  private Forced updateWhileForcingFails(Path out, Path failing) throws Exception {
    Map<Path, ForceFailingChannel> channels = new ConcurrentHashMap<>();
    JsonLinesSink sink =
        new JsonLinesSink(
            out,
            false,
            context -> {},
            path -> {
              ForceFailingChannel channel =
                  new ForceFailingChannel(DigestedFile.CHANNELS.open(path));
              channels.put(path, channel);
              return channel;
            });
    sink.open(new ExecutionContext());
    sink.write(records(Requests.mixedChunk()));
    ForceFailingChannel failingChannel = channels.get(failing);
    ForceFailingChannel otherChannel =
        channels.get(failing.equals(out) ? ExportFiles.rejects(out) : out);
    failingChannel.failForces();
    int otherForcedBefore = otherChannel.forces();
    AtomicReference<Thread> caller = new AtomicReference<>();

    Throwable thrown =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> {
              caller.set(Thread.currentThread());
              return catchThrowable(() -> sink.update(new ExecutionContext()));
            },
            "update waits for a failed force no longer than for a force");

    String fileFailure = "Cannot save to disk " + failing + ": " + ForceFailingChannel.FAILURE;
    assertThat(thrown)
        .isInstanceOf(ItemStreamException.class)
        .hasMessage(
            "Cannot save the export " + out + " to disk: java.io.IOException: " + fileFailure)
        .cause()
        .isInstanceOf(IOException.class)
        .hasMessage(fileFailure);
    assertThat(otherChannel.forces())
        .as("the other file forced all the same")
        .isGreaterThan(otherForcedBefore);
    Thread forcer = channels.get(ExportFiles.rejects(out)).lastForcedOn();
    assertThat(forcer.getName()).isEqualTo("ledger-explode-rejects-forcer");
    assertThatCode(sink::close).doesNotThrowAnyException();
    forcer.join(10_000);
    assertThat(forcer.isAlive()).as("the sink's second thread ended at close").isFalse();
    return new Forced(caller.get(), failingChannel.lastForcedOn());
  }

  /**
   * A file's channel whose force fails, once told to, as a failing disk's does; it says on which
   * thread it was last forced.
   */
  private static final class ForceFailingChannel extends FileChannel {
    static final String FAILURE = "Input/output error";
    private final FileChannel file;
    private volatile boolean failing;
    private final AtomicInteger forces = new AtomicInteger();
    private volatile @Nullable Thread lastForcedOn;

    ForceFailingChannel(FileChannel file) {
      this.file = file;
    }

    void failForces() {
      failing = true;
    }

    int forces() {
      return forces.get();
    }

    Thread lastForcedOn() {
      Thread thread = lastForcedOn;
      assertThat(thread).as("forced once at least").isNotNull();
      return java.util.Objects.requireNonNull(thread);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      lastForcedOn = Thread.currentThread();
      if (failing) {
        throw new IOException(FAILURE);
      }
      file.force(metaData);
      forces.incrementAndGet();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return file.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      return file.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      file.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      return file.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return file.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return file.lock(position, size, shared);
    }

    @Override
    public @Nullable FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }
}

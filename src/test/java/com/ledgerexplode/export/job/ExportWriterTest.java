package com.ledgerexplode.export.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.runs.RunCounts;
import com.ledgerexplode.export.sink.JsonLinesSink;
import com.ledgerexplode.testing.InMemoryLedger;
import com.ledgerexplode.testing.Requests;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The export step's writer keeps the run's counts: every row read is accounted for. */
class ExportWriterTest {
  @TempDir Path dir;

  private static final List<RequestItem> ONE_OF_EACH = Requests.oneOfEach();

  private ExportWriter writer(int skipLimit) throws Exception {
    return new ExportWriter(
        new ChunkExploder(InMemoryLedger.engine(), Map.of(), 2),
        new JsonLinesSink(dir.resolve("name.jsonl")),
        skipLimit);
  }

  @Test
  void everyRowReadIsCountedByWhatItBecameAndTheCountsSurviveARestart() throws Exception {
    ExportWriter writer = writer(1);
    ExecutionContext context = new ExecutionContext();
    writer.open(context);
    writer.write(new Chunk<>(ONE_OF_EACH.subList(0, 2)));
    writer.update(context);
    writer.close();

    ExportWriter restarted = writer(1);
    restarted.open(new ExecutionContext(context));
    restarted.write(new Chunk<>(ONE_OF_EACH.subList(2, 4)));
    restarted.update(context);
    restarted.close();

    // 4 rows: 2 exploded (one event), 1 rejected, 1 unreadable; 2 warnings (9021 twice)
    assertThat(RunCounts.load(context)).isEqualTo(new ExportCounts(2, 1, 1, 1, 2));
    assertThat(RunCounts.load(context).rowsRead()).isEqualTo(4);
  }

  @Test
  void partitionsWritingAtOnceNeverPassTheRunsSkipLimitTogether() throws Exception {
    AtomicLong run = new AtomicLong();
    ExportWriter first = partition("first", 1, run);
    ExportWriter second = partition("second", 1, run);
    first.open(new ExecutionContext());
    second.open(new ExecutionContext());
    List<RequestItem> oneUnreadable = ONE_OF_EACH.subList(0, 2);

    first.write(new Chunk<>(oneUnreadable));

    assertThatThrownBy(() -> second.write(new Chunk<>(oneUnreadable)))
        .isInstanceOf(SkipLimitExceededException.class)
        .hasMessageStartingWith("2 unreadable record");
    assertThat(run).as("the refused chunk's record is not the run's").hasValue(1);
    first.close();
    second.close();
  }

  @Test
  void aPartitionsChunkRolledBackGivesItsUnreadableRecordsBack() throws Exception {
    AtomicLong run = new AtomicLong();
    ExportWriter writer = partition("rolled", 1, run);
    writer.open(new ExecutionContext());
    TransactionTemplate transaction = new TransactionTemplate(new ResourcelessTransactionManager());

    transaction.executeWithoutResult(
        status -> {
          try {
            writer.write(new Chunk<>(ONE_OF_EACH.subList(0, 2)));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          assertThat(run).as("taken while the chunk is written").hasValue(1);
          status.setRollbackOnly();
        });

    assertThat(run).hasValue(0);
    writer.close();
  }

  private ExportWriter partition(String name, int skipLimit, AtomicLong run) throws Exception {
    return new ExportWriter(
        new ChunkExploder(InMemoryLedger.engine(), Map.of(), 2),
        new JsonLinesSink(dir.resolve(name + ".jsonl")),
        skipLimit,
        run);
  }

  @Test
  void moreUnreadableRecordsThanTheSkipLimitFailTheChunk() throws Exception {
    ExportWriter writer = writer(0);
    writer.open(new ExecutionContext());

    assertThatThrownBy(() -> writer.write(new Chunk<>(ONE_OF_EACH)))
        .isInstanceOf(SkipLimitExceededException.class);
    writer.close();
  }
}

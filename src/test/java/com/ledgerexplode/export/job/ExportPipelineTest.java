package com.ledgerexplode.export.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.Scope;
import com.ledgerexplode.export.outcome.ExportCounts;
import com.ledgerexplode.export.requests.RequestItem;
import com.ledgerexplode.export.requests.RequestsCsvReader;
import com.ledgerexplode.export.runs.RunCounts;
import com.ledgerexplode.export.sink.JsonLinesSink;
import com.ledgerexplode.export.sink.Manifest;
import com.ledgerexplode.export.sink.ManifestWriter;
import com.ledgerexplode.store.JdbcLedgerStore;
import com.ledgerexplode.store.LedgerSchema;
import com.ledgerexplode.store.SnapshotImporter;
import com.ledgerexplode.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The export's parts wired as the job wires them (reader, exploder, sink, checkpoint after each
 * chunk), over sample-input on the real ledger store: a run stopped after a checkpoint and
 * restarted from it writes the same bytes as a straight run.
 */
class ExportPipelineTest {
  private static final Path SAMPLE = Path.of("sample-input");
  private static final int CHUNK = 4;
  private static ChunkExploder exploder;
  @TempDir Path dir;

  @BeforeAll
  static void ledger() throws Exception {
    DataSource db = TestDatabases.H2.createEmpty();
    LedgerSchema.migrate(db);
    new SnapshotImporter(db).importSnapshot(SAMPLE.resolve("ledger.jsonl"), false);
    JdbcLedgerStore store = new JdbcLedgerStore(db);
    ExplodeEngine engine =
        new ExplodeEngine(store, Scope.resolve(store, 50406, DataScope.SELF, List.of()));
    exploder = new ChunkExploder(engine, Map.of(), 2);
  }

  /** Runs chunks from the context's checkpoint; stops after {@code chunks} chunks if not null. */
  private static boolean run(Path out, ExecutionContext context, Integer chunks) throws Exception {
    RequestsCsvReader reader = new RequestsCsvReader(SAMPLE.resolve("requests.csv"));
    ExportWriter writer = new ExportWriter(exploder, new JsonLinesSink(out), 0);
    reader.open(context);
    writer.open(context);
    try {
      for (int done = 0; chunks == null || done < chunks; done++) {
        List<RequestItem> chunk = new ArrayList<>();
        for (RequestItem item = reader.read(); item != null; item = reader.read()) {
          chunk.add(item);
          if (chunk.size() == CHUNK) {
            break;
          }
        }
        if (chunk.isEmpty()) {
          return true;
        }
        writer.write(new Chunk<>(chunk));
        reader.update(context);
        writer.update(context);
      }
      return false;
    } finally {
      reader.close();
      writer.close();
    }
  }

  @Test
  void aRunRestartedFromItsCheckpointWritesTheSameFilesAsAStraightRun() throws Exception {
    Path straight = dir.resolve("straight/export.jsonl");
    ExecutionContext straightContext = new ExecutionContext();
    assertThat(run(straight, straightContext, null)).isTrue();

    Path restarted = dir.resolve("restarted/export.jsonl");
    ExecutionContext checkpoint = new ExecutionContext();
    run(restarted, checkpoint, 3);
    ExecutionContext saved = new ExecutionContext(checkpoint);
    run(restarted, checkpoint, 1);
    assertThat(run(restarted, saved, null)).isTrue();

    assertThat(Files.readAllBytes(restarted)).isEqualTo(Files.readAllBytes(straight));
    assertThat(Files.readAllBytes(JsonLinesSink.rejectsFile(restarted)))
        .isEqualTo(Files.readAllBytes(JsonLinesSink.rejectsFile(straight)));
    ExportCounts counts = RunCounts.load(saved);
    assertThat(counts).isEqualTo(RunCounts.load(straightContext));
    assertThat(counts.rowsRead()).isEqualTo(34);
    assertThat(counts.eventsWritten()).isEqualTo(Files.readAllLines(straight).size());
    ManifestWriter.write(
        straight,
        new Manifest(1, "COMPLETED", Instant.EPOCH, Instant.EPOCH, Map.of(), counts),
        straightContext);
    assertThat(ManifestWriter.manifestFile(straight)).exists();
  }
}

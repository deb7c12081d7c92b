package com.ledgerexplode.export.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.export.job.ChunkExploderAccess;
import com.ledgerexplode.export.outcome.OutputRecord;
import com.ledgerexplode.export.settings.ExportFiles;
import com.ledgerexplode.testing.JsonTrees;
import com.ledgerexplode.testing.Requests;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Both sinks write the same output records, each serialised in one place ({@link
 * OutputRecord#writeFields}): whatever a record carries, a field added tomorrow included, reaches
 * the file and the database alike.
 */
class OutputRecordsReachEverySinkTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void everyRecordTheFileHoldsTheDatabaseHoldsToTheByte(TestDatabase database) throws Exception {
    List<OutputRecord> records = ChunkExploderAccess.records(Requests.mixedChunk());
    Path out = dir.resolve("name.jsonl");
    JsonLinesSink file = new JsonLinesSink(out);
    file.open(new ExecutionContext());
    file.write(records);
    file.close();
    DataSource db = database.createEmpty();
    ReportingDatabaseSink table = new ReportingDatabaseSink(db, "run-1");
    table.open(new ExecutionContext());
    table.write(records);
    table.close();

    JdbcTemplate jdbc = new JdbcTemplate(db);
    List<String> eventsInDb =
        jdbc.query(
            "SELECT request, event FROM report_event ORDER BY request_line, event_log_id",
            (rs, i) -> "{\"request\":" + rs.getString(1) + "," + rs.getString(2).substring(1));
    List<String> rejectsInDb =
        jdbc.queryForList(
            "SELECT record FROM report_reject ORDER BY request_line, kind DESC, event_id,"
                + " event_reference_id",
            String.class);
    assertThat(records).anyMatch(OutputRecord::isEvent).anyMatch(r -> !r.isEvent());
    // jsonb keeps every key and value, each number with its scale, but not the keys' order nor
    // the whitespace: there the lines are compared as JSON trees, numbers by their exact text
    UnaryOperator<String> asStored =
        database == TestDatabases.POSTGRESQL ? JsonTrees::canonical : UnaryOperator.identity();
    assertThat(eventsInDb.stream().map(asStored).toList())
        .containsExactlyInAnyOrderElementsOf(
            Files.readAllLines(out, StandardCharsets.UTF_8).stream().map(asStored).toList());
    assertThat(rejectsInDb)
        .containsExactlyInAnyOrderElementsOf(
            Files.readAllLines(ExportFiles.rejects(out), StandardCharsets.UTF_8));
  }
}

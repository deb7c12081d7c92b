package com.ledgerexplode.generate;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.explode.ApiResponse;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.explode.Scope;
import com.ledgerexplode.testing.InMemoryLedger;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/** Answers every row of a requests CSV with the real engine over an {@link InMemoryLedger}. */
final class RequestsRun {
  private RequestsRun() {}

  /** What one row got: its CSV line, its error, or its events and warnings. */
  record Outcome(
      long line,
      Map<ApiParameter, String> cells,
      @Nullable Integer errorCode,
      @Nullable String errorMessage,
      List<Long> eventLogIds,
      List<ApiWarning> warnings) {

    List<Integer> warningCodes() {
      return warnings.stream().map(ApiWarning::code).toList();
    }
  }

  static List<Outcome> run(
      InMemoryLedger ledger, Path requests, long org, DataScope dataScope, List<Long> scopeOrgs)
      throws Exception {
    List<Map<ApiParameter, String>> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    for (CSVRecord record : read(requests)) {
      Map<ApiParameter, String> cells = new EnumMap<>(ApiParameter.class);
      record
          .toMap()
          .forEach(
              (column, value) ->
                  cells.put(
                      ApiParameter.byName(column)
                          .orElseThrow(() -> new AssertionError("unknown column " + column)),
                      value));
      rows.add(cells);
      lines.add(record.getRecordNumber() + 1);
    }
    ExplodeEngine engine =
        new ExplodeEngine(ledger, Scope.resolve(ledger, org, dataScope, scopeOrgs));
    List<ApiResponse> responses = engine.answer(rows.stream().map(ApiRequest::of).toList());
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      ApiResponse r = responses.get(i);
      outcomes.add(
          new Outcome(
              lines.get(i),
              rows.get(i),
              r.error() == null ? null : r.error().code(),
              r.error() == null ? null : r.error().message(),
              r.events().stream().map(ExplodedEvent::header).map(h -> h.eventLogId()).toList(),
              r.warnings()));
    }
    return outcomes;
  }

  static List<CSVRecord> read(Path requests) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(requests, UTF_8);
        CSVParser parser = format.parse(in)) {
      return parser.getRecords();
    }
  }
}

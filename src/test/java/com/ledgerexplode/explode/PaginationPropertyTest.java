package com.ledgerexplode.explode;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.generate.GeneratorOptions;
import com.ledgerexplode.generate.LedgerGenerator;
import com.ledgerexplode.store.JdbcLedgerStore;
import com.ledgerexplode.store.LedgerSchema;
import com.ledgerexplode.store.SnapshotImporter;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Pagination changes how the work is fetched, never what is written": over generated ledgers, the
 * pages of every request, concatenated, equal its unpaged answer, for every page size, both through
 * the API's offset and limit and through the engine's pages of a chunk.
 */
class PaginationPropertyTest {
  private static final int MAX_PAGE_SIZE = 12;

  static List<Object[]> ledgers() {
    List<Object[]> cases = new ArrayList<>();
    for (TestDatabase db : TestDatabases.both().toList()) {
      cases.add(new Object[] {db, 11L});
      cases.add(new Object[] {db, 2026L});
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}, seed {1}")
  @MethodSource("ledgers")
  void thePagesOfARequestConcatenatedEqualItsUnpagedAnswerForEveryPageSize(
      TestDatabase db, long seed, @TempDir Path dir) throws Exception {
    new LedgerGenerator(GeneratorOptions.of(60, 7, seed)).generate(dir);
    DataSource dataSource = db.createEmpty();
    LedgerSchema.migrate(dataSource);
    new SnapshotImporter(dataSource)
        .importSnapshot(dir.resolve(LedgerGenerator.LEDGER_FILE), false);
    JdbcLedgerStore store = new JdbcLedgerStore(dataSource);
    ExplodeEngine engine =
        new ExplodeEngine(store, Scope.resolve(store, 50406, DataScope.SELF, List.of()));
    List<ApiRequest> requests = read(dir.resolve(LedgerGenerator.REQUESTS_FILE));

    List<ApiResponse> unpaged = engine.answer(requests);
    assertThat(unpaged.stream().mapToInt(r -> r.events().size()).sum())
        .as("the generated requests select events")
        .isGreaterThan(50);
    int longest = unpaged.stream().mapToInt(r -> r.events().size()).max().orElse(0);

    for (int pageSize = 1; pageSize <= MAX_PAGE_SIZE; pageSize++) {
      assertThat(byOffsetAndLimit(engine, requests, pageSize, longest))
          .as("offset/limit pages of size %d", pageSize)
          .isEqualTo(events(unpaged));
      assertThat(engine.explodeWindows(engine.resolve(requests), pageSize))
          .as("engine pages of size %d", pageSize)
          .isEqualTo(events(unpaged));
    }
  }

  private static List<List<ExplodedEvent>> events(List<ApiResponse> responses) {
    return responses.stream().map(ApiResponse::events).toList();
  }

  /** Every request asked page after page with the API's offset and limit, a chunk at a time. */
  private static List<List<ExplodedEvent>> byOffsetAndLimit(
      ExplodeEngine engine, List<ApiRequest> requests, int pageSize, int longest) {
    List<List<ExplodedEvent>> collected = new ArrayList<>();
    requests.forEach(r -> collected.add(new ArrayList<>()));
    for (int offset = 0; offset <= longest; offset += pageSize) {
      List<ApiRequest> page = new ArrayList<>();
      for (ApiRequest request : requests) {
        Map<ApiParameter, String> params = new EnumMap<>(ApiParameter.class);
        params.putAll(request.params());
        params.put(ApiParameter.OFFSET, Integer.toString(offset));
        params.put(ApiParameter.LIMIT, Integer.toString(pageSize));
        page.add(ApiRequest.of(params));
      }
      List<ApiResponse> answers = engine.answer(page);
      for (int i = 0; i < answers.size(); i++) {
        collected.get(i).addAll(answers.get(i).events());
      }
    }
    return collected;
  }

  private static List<ApiRequest> read(Path csv) throws Exception {
    List<ApiRequest> requests = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      for (CSVRecord record : parser) {
        Map<ApiParameter, String> params = new EnumMap<>(ApiParameter.class);
        record
            .toMap()
            .forEach((name, value) -> params.put(ApiParameter.byName(name).orElseThrow(), value));
        requests.add(ApiRequest.of(params));
      }
    }
    return requests;
  }
}

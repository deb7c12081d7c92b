package com.ledgerexplode.explode;

import com.ledgerexplode.store.JdbcLedgerStore;
import com.ledgerexplode.store.LedgerSchema;
import com.ledgerexplode.store.SnapshotImporter;
import com.ledgerexplode.testing.TestDatabase;
import com.ledgerexplode.testing.TestDatabases;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** The fixture ledger {@code ledger.jsonl}, imported once per database and shared by tests. */
final class FixtureLedgers {
  private static final Map<TestDatabase, DataSource> LOADED = new ConcurrentHashMap<>();

  private FixtureLedgers() {}

  static List<TestDatabase> databases() {
    return TestDatabases.both().toList();
  }

  static DataSource dataSource(TestDatabase db) {
    return LOADED.computeIfAbsent(db, FixtureLedgers::load);
  }

  private static DataSource load(TestDatabase db) {
    DataSource dataSource = db.createEmpty();
    LedgerSchema.migrate(dataSource);
    try {
      Path snapshot = Path.of(FixtureLedgers.class.getResource("ledger.jsonl").toURI());
      new SnapshotImporter(dataSource).importSnapshot(snapshot, false);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot load the fixture ledger into " + db, e);
    }
    return dataSource;
  }

  /** An engine running as org 50406 with data scope SELF. */
  static ExplodeEngine self(TestDatabase db) {
    try {
      return engine(db, DataScope.SELF, List.of());
    } catch (ScopeRefusedException e) {
      throw new AssertionError(e);
    }
  }

  static ExplodeEngine engine(TestDatabase db, DataScope dataScope, List<Long> orgs)
      throws ScopeRefusedException {
    return engine(dataSource(db), dataScope, orgs);
  }

  static ExplodeEngine engine(DataSource dataSource, DataScope dataScope, List<Long> orgs)
      throws ScopeRefusedException {
    JdbcLedgerStore store = new JdbcLedgerStore(dataSource);
    return new ExplodeEngine(
        store, Scope.resolve(store, ExplodeSpecificationTest.ORG, dataScope, orgs));
  }

  /** A request from {@code name=value} strings. */
  static ApiRequest request(String... params) {
    Map<ApiParameter, String> given = new EnumMap<>(ApiParameter.class);
    for (String param : params) {
      int equals = param.indexOf('=');
      given.put(
          ApiParameter.byName(param.substring(0, equals)).orElseThrow(),
          param.substring(equals + 1));
    }
    return ApiRequest.of(given);
  }
}

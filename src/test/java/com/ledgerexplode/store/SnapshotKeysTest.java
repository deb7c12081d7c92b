package com.ledgerexplode.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.json.snapshot.SnapshotReader;
import com.ledgerexplode.ledger.SnapshotRecord;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotKeysTest {
  private static final String ORG = "{\"kind\":\"org\",\"orgId\":1}";
  private static final String CUSTOMER = "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":5}";
  private static final String EVENT =
      "{\"kind\":\"event\",\"orgId\":1,\"customerId\":5,\"eventLogId\":9}";
  private static final String EVENT_OF_NO_CUSTOMER =
      "{\"kind\":\"event\",\"orgId\":1,\"customerId\":6,\"eventLogId\":10}";

  private static SnapshotRecord record(String line) throws Exception {
    try (SnapshotReader reader = new SnapshotReader(new StringReader(line))) {
      SnapshotRecord record = reader.next();
      assertThat(record).isNotNull();
      return record;
    }
  }

  /**
   * The reasons of the lines {@link SnapshotKeys#add} and then {@link SnapshotKeys#resolve} tell.
   */
  private static List<String> badLines(SnapshotKeys keys, String... lines) throws Exception {
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String reason = keys.add(record(lines[i]), i + 1);
      if (reason != null) {
        bad.add("line " + (i + 1) + ": " + reason);
      }
    }
    keys.resolve(SnapshotKeysTest::none, (line, reason) -> bad.add("line " + line + ": " + reason));
    return bad;
  }

  private static List<Long> none(LedgerWriter.Family family, long orgId, Collection<Long> ids)
      throws SQLException {
    return List.of();
  }

  @Test
  void withEveryKeyAnEventGivenTwiceIsABadLineNamingTheFirst() throws Exception {
    assertThat(badLines(new SnapshotKeys(), ORG, CUSTOMER, EVENT, EVENT))
        .containsExactly("line 4: event 9 of org 1 already at line 3");
  }

  @Test
  void withoutEventKeysAnEventGivenTwiceIsLeftToTheDatabase() throws Exception {
    assertThat(badLines(SnapshotKeys.withoutEventKeys(), ORG, CUSTOMER, EVENT, EVENT)).isEmpty();
  }

  @Test
  void withoutEventKeysTheReferencesOfAnEventAreStillChecked() throws Exception {
    assertThat(badLines(SnapshotKeys.withoutEventKeys(), ORG, CUSTOMER, EVENT_OF_NO_CUSTOMER))
        .containsExactly("line 3: customer 6 of org 1 is not in the ledger or this file");
  }

  @Test
  void withoutEventKeysACustomerGivenTwiceIsStillABadLine() throws Exception {
    assertThat(badLines(SnapshotKeys.withoutEventKeys(), ORG, CUSTOMER, CUSTOMER))
        .containsExactly("line 3: customer 5 of org 1 already at line 2");
  }
}

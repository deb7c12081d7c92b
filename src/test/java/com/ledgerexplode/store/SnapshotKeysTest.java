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

  private static final String GROUP =
      "{\"kind\":\"group\",\"orgId\":1,\"groupId\":7,\"primaryCustomerId\":5,"
          + "\"memberCustomerIds\":[5]}";

  private static String eventOfGroup(long eventLogId) {
    return "{\"kind\":\"event\",\"orgId\":1,\"customerId\":5,\"groupId\":7,\"eventLogId\":"
        + eventLogId
        + "}";
  }

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

  @Test
  void withoutEventKeysLinesNamingOneLaterRecordWaitAsOneReferenceAndResolveWhenItComes()
      throws Exception {
    SnapshotKeys keys = SnapshotKeys.withoutEventKeys();
    String[] lines = {ORG, CUSTOMER, eventOfGroup(1), eventOfGroup(2), eventOfGroup(3), GROUP};
    for (int i = 0; i < lines.length; i++) {
      assertThat(keys.add(record(lines[i]), i + 1)).isNull();
    }
    assertThat(keys.pendingReferences()).isOne();
    List<String> bad = new ArrayList<>();
    keys.resolve(SnapshotKeysTest::none, (line, reason) -> bad.add(line + ": " + reason));
    assertThat(bad).isEmpty();
  }

  @Test
  void withEveryKeyEachLineNamingALaterRecordWaitsAsAReference() throws Exception {
    SnapshotKeys keys = new SnapshotKeys();
    String[] lines = {ORG, CUSTOMER, eventOfGroup(1), eventOfGroup(2), eventOfGroup(3), GROUP};
    for (int i = 0; i < lines.length; i++) {
      assertThat(keys.add(record(lines[i]), i + 1)).isNull();
    }
    assertThat(keys.pendingReferences()).isEqualTo(3);
  }

  @Test
  void withoutEventKeysARecordNamedButNeverGivenIsToldOnceAtTheFirstLineNamingIt()
      throws Exception {
    assertThat(
            badLines(
                SnapshotKeys.withoutEventKeys(), ORG, CUSTOMER, eventOfGroup(1), eventOfGroup(2)))
        .containsExactly("line 3: group 7 of org 1 is not in the ledger or this file");
  }

  @Test
  void withoutEventKeysARecordNamedButNotInTheFileResolvesWhenTheStoreHasIt() throws Exception {
    SnapshotKeys keys = SnapshotKeys.withoutEventKeys();
    String[] lines = {CUSTOMER, eventOfGroup(1), EVENT_OF_NO_CUSTOMER};
    for (int i = 0; i < lines.length; i++) {
      assertThat(keys.add(record(lines[i]), i + 1)).isNull();
    }
    List<String> asked = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    keys.resolve(
        (family, orgId, ids) -> {
          asked.add(family + " " + orgId + " " + ids);
          return family == LedgerWriter.Family.CUSTOMER ? List.of() : List.copyOf(ids);
        },
        (line, reason) -> bad.add(line + ": " + reason));
    assertThat(asked).containsExactlyInAnyOrder("ORG 0 [1]", "GROUP 1 [7]", "CUSTOMER 1 [6]");
    assertThat(bad).containsExactly("3: customer 6 of org 1 is not in the ledger or this file");
  }
}

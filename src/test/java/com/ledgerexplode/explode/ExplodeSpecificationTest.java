package com.ledgerexplode.explode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import com.ledgerexplode.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PRODUCT.md's "Explode semantics", one test per rule, each on H2 and on PostgreSQL, over the
 * fixture ledger {@code ledger.jsonl} beside this class (org 50406, connected to 4000218 and
 * 4000219; 60001 unconnected).
 */
class ExplodeSpecificationTest {
  static final long ORG = 50406;

  static List<TestDatabase> databases() {
    return FixtureLedgers.databases();
  }

  private static ApiResponse ask(TestDatabase db, String... params) {
    return FixtureLedgers.self(db).answer(List.of(FixtureLedgers.request(params))).get(0);
  }

  private static void assertRejected(ApiResponse response, int code, String message) {
    assertThat(response.error()).isEqualTo(new ApiError(code, message));
    assertThat(response.events()).isEmpty();
  }

  private static List<Long> eventIds(ApiResponse response) {
    assertThat(response.error()).as("error").isNull();
    return response.events().stream().map(e -> e.header().eventLogId()).toList();
  }

  private static final String[] ANA = {
    "identifierName=mobile", "identifierValue=917406401004", "source=INSTORE"
  };

  private static String[] ana(String... more) {
    String[] all = new String[ANA.length + more.length];
    System.arraycopy(ANA, 0, all, 0, ANA.length);
    System.arraycopy(more, 0, all, ANA.length, more.length);
    return all;
  }

  // --- Validation, in PRODUCT.md's order ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void identifierNameValueOrSourceMissingOrBlankIsRejectedWith11013(TestDatabase db) {
    String message = "identifierName, identifierValue and source are required";
    assertRejected(ask(db, "identifierValue=1", "source=INSTORE", "eventIds=1"), 11013, message);
    assertRejected(
        ask(db, "identifierName=mobile", "identifierValue=917406401004", "eventIds=1"),
        11013,
        message);
    assertRejected(
        ask(db, "identifierName=mobile", "source=INSTORE", "eventIds=1"), 11013, message);
    assertRejected(
        ask(db, "identifierName=mobile", "identifierValue=   ", "source=INSTORE", "eventIds=1"),
        11013,
        message);
    assertRejected(
        ask(db, "identifierName= ", "identifierValue=1", "source=INSTORE", "eventIds=1"),
        11013,
        message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void identifierNameNotOneOfTheSevenIsRejectedWith8013(TestDatabase db) {
    String message = "Identifier name missing or incorrect";
    assertRejected(
        ask(db, "identifierName=phone", "identifierValue=1", "source=INSTORE", "eventIds=1"),
        8013,
        message);
    assertThat(
            eventIds(
                ask(
                    db,
                    "identifierName=MoBiLe",
                    "identifierValue=917406401004",
                    "source=INSTORE",
                    "eventIds=18608683")))
        .containsExactly(18608683L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void cuidAndCustomerIdAreOtherNamesOfId(TestDatabase db) {
    for (String name : List.of("cuid", "CustomerID", "CUSTOMERID", "Cuid")) {
      assertThat(
              eventIds(
                  ask(
                      db,
                      "identifierName=" + name,
                      "identifierValue=1001",
                      "source=WECHAT",
                      "eventIds=18608683")))
          .as(name)
          .containsExactly(18608683L);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void sourceNotAnApiSourceIsRejectedWith8003(TestDatabase db) {
    String message = "Source is missing or incorrect";
    assertRejected(
        ask(
            db,
            "identifierName=mobile",
            "identifierValue=917406401004",
            "source=SHOP",
            "eventIds=1"),
        8003,
        message);
    assertThat(
            eventIds(
                ask(
                    db,
                    "identifierName=mobile",
                    "identifierValue=917406401004",
                    "source=instore",
                    "eventIds=18608683")))
        .containsExactly(18608683L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void identifierValueNotANumberForACustomerIdIsRejectedWith8015(TestDatabase db) {
    String message = "Identifier value missing or incorrect";
    for (String name : List.of("id", "cuid", "CustomerID", "primaryUserId")) {
      assertRejected(
          ask(db, "identifierName=" + name, "identifierValue=10x1", "source=INSTORE", "eventIds=1"),
          8015,
          message);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void bothEventIdsAndEventNameOrReferenceIdsAreRejectedWith11021(TestDatabase db) {
    String message = "Pass either eventIds or eventName with eventReferenceIds, not both";
    assertRejected(ask(db, ana("eventIds=1", "eventName=GenericEvent")), 11021, message);
    assertRejected(ask(db, ana("eventIds=1", "eventReferenceIds=gen-1")), 11021, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void neitherEventIdsNorBothEventNameAndReferenceIdsIsRejectedWith11023(TestDatabase db) {
    String message = "Pass eventIds, or eventName with eventReferenceIds";
    assertRejected(ask(db, ana()), 11023, message);
    assertRejected(ask(db, ana("eventName=GenericEvent")), 11023, message);
    assertRejected(ask(db, ana("eventReferenceIds=gen-1")), 11023, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anEventIdThatIsNotAPositiveIntegerIsRejectedWith11017(TestDatabase db) {
    assertRejected(
        ask(db, ana("eventIds=18608683,abc")), 11017, "Event id is not a positive integer: 'abc'");
    assertRejected(ask(db, ana("eventIds=0")), 11017, "Event id is not a positive integer: '0'");
    assertRejected(ask(db, ana("eventIds=-5")), 11017, "Event id is not a positive integer: '-5'");
    assertRejected(ask(db, ana("eventIds=1,,2")), 11017, "Event id is not a positive integer: ''");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anEventNameNotOneOfTheVendorsIsRejectedWith11014(TestDatabase db) {
    assertRejected(
        ask(db, ana("eventName=DelayedAccrual", "eventReferenceIds=gen-1")),
        11014,
        "Event name not found :DelayedAccrual");
    assertRejected(
        ask(db, ana("eventName=genericEvent", "eventReferenceIds=gen-1")),
        11014,
        "Event name not found :genericEvent");
    for (com.ledgerexplode.ledger.EventType type : com.ledgerexplode.ledger.EventType.values()) {
      assertThat(ask(db, ana("eventName=" + type.eventName(), "eventReferenceIds=x")).error())
          .as(type.eventName())
          .isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void moreThanTenReferenceIdsOrABlankOneIsRejectedWith9022(TestDatabase db) {
    assertRejected(
        ask(db, ana("eventName=GenericEvent", "eventReferenceIds=1,2,3,4,5,6,7,8,9,10,11")),
        9022,
        "At most 10 eventReferenceIds are allowed, 11 given");
    assertRejected(
        ask(db, ana("eventName=GenericEvent", "eventReferenceIds=gen-1, ,x")),
        9022,
        "An eventReferenceId is blank");
    assertThat(
            ask(db, ana("eventName=GenericEvent", "eventReferenceIds=gen-1,2,3,4,5,6,7,8,9,10"))
                .error())
        .isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aBlankAlternateCurrencyNameIsRejectedWith9005(TestDatabase db) {
    String message = "An alternateCurrencyNames name is blank";
    assertRejected(
        ask(db, ana("eventIds=18608683", "alternateCurrencyNames=stars,,coins")), 9005, message);
    assertRejected(
        ask(db, ana("eventIds=18608683", "alternateCurrencyNames=stars, ")), 9005, message);
    assertThat(ask(db, ana("eventIds=18608683", "alternateCurrencyNames= ")).error()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anyOtherBadValueIsRejectedWith11012(TestDatabase db) {
    assertRejected(
        ask(db, ana("eventIds=18608683", "getBillDetails=yes")),
        11012,
        "Invalid value for getBillDetails: 'yes'");
    assertRejected(
        ask(db, ana("eventIds=18608683", "type=GROUP")), 11012, "Invalid value for type: 'GROUP'");
    assertRejected(
        ask(db, ana("eventIds=18608683", "isPrimaryUser=1")),
        11012,
        "Invalid value for isPrimaryUser: '1'");
    assertRejected(
        ask(db, ana("eventIds=18608683", "limit=0")), 11012, "Invalid value for limit: '0'");
    assertThat(ask(db, ana("eventIds=18608683", "getBillDetails=TRUE", "type=usergroup2")).error())
        .isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theFirstFailureInTableOrderDecidesTheCode(TestDatabase db) throws Exception {
    assertThat(ask(db, "identifierName=x", "source=x", "eventIds=abc").error().code())
        .isEqualTo(11013);
    assertThat(
            ask(db, "identifierName=x", "identifierValue=x", "source=x", "eventIds=abc")
                .error()
                .code())
        .isEqualTo(8013);
    assertThat(
            ask(db, "identifierName=mobile", "identifierValue=x", "source=x", "eventIds=abc")
                .error()
                .code())
        .isEqualTo(8003);
    assertThat(
            ask(db, "identifierName=cuid", "identifierValue=x", "source=ALL", "eventIds=abc")
                .error()
                .code())
        .isEqualTo(8015);
    assertThat(ask(db, ana("eventIds=abc", "eventName=x", "type=bad")).error().code())
        .isEqualTo(11021);
    assertThat(ask(db, ana("eventIds=abc", "type=bad")).error().code()).isEqualTo(11017);
    assertThat(
            ask(db, ana("eventName=x", "eventReferenceIds=1,2,3,4,5,6,7,8,9,10,11", "type=bad"))
                .error()
                .code())
        .isEqualTo(11014);
    assertThat(
            ask(
                    db,
                    ana(
                        "eventName=GenericEvent",
                        "eventReferenceIds=1,2,3,4,5,6,7,8,9,10,11",
                        "alternateCurrencyNames=,",
                        "type=bad"))
                .error()
                .code())
        .isEqualTo(9022);
    assertThat(ask(db, ana("eventIds=1", "alternateCurrencyNames=,", "type=bad")).error().code())
        .isEqualTo(9005);
    assertThat(
            ask(
                    db,
                    "identifierName=mobile",
                    "identifierValue=000",
                    "source=INSTORE",
                    "eventIds=1",
                    "type=bad")
                .error()
                .code())
        .isEqualTo(11012);
    ExplodeEngine capturingOff =
        FixtureLedgers.engine(db, DataScope.OTHER, List.of(4000218L, 4000219L));
    assertThat(
            capturingOff
                .answer(
                    List.of(
                        FixtureLedgers.request(
                            "identifierName=mobile",
                            "identifierValue=000",
                            "source=INSTORE",
                            "eventIds=1",
                            "getPointsEarnedBreakup=true",
                            "type=USERGROUP2")))
                .get(0)
                .error()
                .code())
        .isEqualTo(11019);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theBreakupWithSourceValueCapturingOffForAnOrgInScopeIsRejectedWith11019(TestDatabase db)
      throws Exception {
    // 4000219 has source-value capturing off; 50406 and 4000218 have it on
    ExplodeEngine both = FixtureLedgers.engine(db, DataScope.OTHER, List.of(4000218L, 4000219L));
    assertRejected(
        both.answer(
                List.of(
                    FixtureLedgers.request(
                        ana("eventIds=18700001", "getPointsEarnedBreakup=true"))))
            .get(0),
        11019,
        "Source value capturing status is disabled for org 4000219;"
            + " getPointsEarnedBreakup needs it");
    assertThat(
            both.answer(List.of(FixtureLedgers.request(ana("eventIds=18700001")))).get(0).error())
        .isNull();
    ExplodeEngine north = FixtureLedgers.engine(db, DataScope.OTHER, List.of(4000218L));
    assertThat(
            north
                .answer(
                    List.of(
                        FixtureLedgers.request(
                            ana("eventIds=18700001", "getPointsEarnedBreakup=true"))))
                .get(0)
                .error())
        .isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void noCustomerInScopeMatchingIsRejectedWith8015(TestDatabase db) {
    String message = "Customer not found for the given identifiers";
    assertRejected(
        ask(
            db,
            "identifierName=mobile",
            "identifierValue=910000000000",
            "source=INSTORE",
            "eventIds=1"),
        8015,
        message);
    // customer 5001 exists, but in an org out of scope
    assertRejected(
        ask(
            db,
            "identifierName=mobile",
            "identifierValue=915000000001",
            "source=INSTORE",
            "eventIds=18800001"),
        8015,
        message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anIdentifierMatchingMoreThanOneCustomerIsRejectedWith8015(TestDatabase db) {
    // 919000000099 is customer 1003's in WECHAT and customer 1004's in INSTORE
    assertRejected(
        ask(
            db,
            "identifierName=mobile",
            "identifierValue=919000000099",
            "source=ALL",
            "eventIds=1"),
        8015,
        "The identifier matches 2 customers, not one");
    // the same mobile in two WECHAT accounts, told apart by accountId
    assertRejected(
        ask(
            db,
            "identifierName=mobile",
            "identifierValue=919000000006",
            "source=WECHAT",
            "eventIds=1"),
        8015,
        "The identifier matches 2 customers, not one");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void usergroup2ForACustomerInNoGroupIsRejectedWith1632(TestDatabase db) {
    assertRejected(
        ask(
            db,
            "identifierName=mobile",
            "identifierValue=919000000003",
            "source=INSTORE",
            "eventIds=1",
            "type=USERGROUP2"),
        1632,
        "The customer is in no group");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void primaryUserIdOfACustomerWhoLeadsNoGroupIsRejectedWith1632(TestDatabase db) {
    // 1002 is a member of group 77, not its primary member; 1003 is in no group
    for (String customer : List.of("1002", "1003")) {
      for (String type : List.of("USERGROUP2", "CUSTOMER")) {
        assertRejected(
            ask(
                db,
                "identifierName=primaryUserId",
                "identifierValue=" + customer,
                "source=INSTORE",
                "eventIds=18608683",
                "type=" + type),
            1632,
            "The customer is the primary member of no group");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void primaryUserIdIsTheCustomerIdOfAPrimaryMemberAndImpliesUsergroup2(TestDatabase db) {
    String[] primary = {"identifierName=primaryUserId", "identifierValue=1001", "source=INSTORE"};
    // group 77's events, its member 1002's 18608685 among them
    assertThat(eventIds(ask(db, with(primary, "eventIds=18608683,18608685,18608684"))))
        .containsExactly(18608683L, 18608685L);
    // type CUSTOMER: the primary member's own events
    assertThat(
            eventIds(
                ask(db, with(primary, "eventIds=18608683,18608685,18608684", "type=CUSTOMER"))))
        .containsExactly(18608683L, 18608684L);
  }

  private static String[] with(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anEmptyParameterIsNotGivenAndTheDefaultApplies(TestDatabase db) {
    ApiRequest row = FixtureLedgers.request(ana("eventIds=18608683", "getBillDetails="));
    ApiRequest withDefaults =
        row.withDefaults(Map.of(ApiParameter.GET_BILL_DETAILS, "true", ApiParameter.SOURCE, "WEB"));
    ApiResponse response = FixtureLedgers.self(db).answer(List.of(withDefaults)).get(0);
    assertThat(response.events().get(0).billDetails()).isNotNull();
    ApiRequest overriding =
        FixtureLedgers.request(ana("eventIds=18608683", "getBillDetails=false"));
    assertThat(
            FixtureLedgers.self(db)
                .answer(
                    List.of(overriding.withDefaults(Map.of(ApiParameter.GET_BILL_DETAILS, "true"))))
                .get(0)
                .events()
                .get(0)
                .billDetails())
        .isNull();
  }

  // --- Resolution ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anIdentifierMatchesInTheRowsSourceOnly(TestDatabase db) {
    // 919000000003 is customer 1003's in INSTORE only
    assertRejected(
        ask(
            db,
            "identifierName=mobile",
            "identifierValue=919000000003",
            "source=WECHAT",
            "eventIds=1"),
        8015,
        "Customer not found for the given identifiers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void sourceAllMatchesTheIdentifierInAnySource(TestDatabase db) {
    // customer 1001's mobile is in INSTORE and WECHAT: one customer, not ambiguous
    assertThat(
            eventIds(
                ask(
                    db,
                    "identifierName=mobile",
                    "identifierValue=917406401004",
                    "source=all",
                    "eventIds=18608683")))
        .containsExactly(18608683L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anAccountIdNarrowsTheMatchToThatAccount(TestDatabase db) {
    ApiResponse inAccountB =
        ask(
            db,
            "identifierName=mobile",
            "identifierValue=919000000006",
            "source=WECHAT",
            "accountId=wx-b",
            "eventIds=1");
    assertThat(inAccountB.error()).isNull();
    assertRejected(
        ask(
            db,
            "identifierName=mobile",
            "identifierValue=919000000006",
            "source=WECHAT",
            "accountId=wx-c",
            "eventIds=1"),
        8015,
        "Customer not found for the given identifiers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void emailMatchesCaseInsensitivelyAndExternalIdExactly(TestDatabase db) {
    assertThat(
            eventIds(
                ask(
                    db,
                    "identifierName=email",
                    "identifierValue=ANA@example.COM",
                    "source=INSTORE",
                    "eventIds=18608683")))
        .containsExactly(18608683L);
    assertThat(
            eventIds(
                ask(
                    db,
                    "identifierName=externalid",
                    "identifierValue=EXT-1001",
                    "source=INSTORE",
                    "eventIds=18608683")))
        .containsExactly(18608683L);
    assertRejected(
        ask(
            db,
            "identifierName=externalid",
            "identifierValue=ext-1001",
            "source=INSTORE",
            "eventIds=18608683"),
        8015,
        "Customer not found for the given identifiers");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void idMatchesTheCustomerIdWhateverTheSource(TestDatabase db) {
    assertThat(
            eventIds(
                ask(
                    db,
                    "identifierName=id",
                    "identifierValue=1001",
                    "source=LINE",
                    "eventIds=18608683")))
        .containsExactly(18608683L);
  }

  // --- Events ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void byEventIdsEachIdFirstOccurrenceOnlyInTheOrderGiven(TestDatabase db) {
    assertThat(eventIds(ask(db, ana("eventIds=18608686, 18608683,18608686,18608684"))))
        .containsExactly(18608686L, 18608683L, 18608684L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anEventIdWithNoVisibleEventGivesWarning9021NamingIt(TestDatabase db) {
    // 999 does not exist; 18608685 is customer 1002's; 18700001 is in an org out of scope
    ApiResponse response = ask(db, ana("eventIds=999,18608683,18608685,18700001"));
    assertThat(eventIds(response)).containsExactly(18608683L);
    assertThat(response.warnings())
        .containsExactly(
            new ApiWarning(9021, "No event found for eventId 999", "999", null),
            new ApiWarning(9021, "No event found for eventId 18608685", "18608685", null),
            new ApiWarning(9021, "No event found for eventId 18700001", "18700001", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void byReferenceTheEventsOfThatNameByAscendingEventLogIdPerReferenceIdGiven(TestDatabase db) {
    ApiResponse response =
        ask(db, ana("eventName=GenericEvent", "eventReferenceIds=gen-1,gen-1,nope"));
    // 18608691 has the reference but is customer 1002's
    assertThat(eventIds(response)).containsExactly(18608689L, 18608690L);
    assertThat(response.warnings())
        .containsExactly(
            new ApiWarning(
                9021, "No GenericEvent event found for eventReferenceId nope", null, "nope"));
    // the same reference id under another event name is another event
    assertThat(eventIds(ask(db, ana("eventName=ReturnBill", "eventReferenceIds=2151165932"))))
        .containsExactly(18608686L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void usergroup2SeesTheEventsEarnedInTheCustomersGroup(TestDatabase db) {
    ApiResponse response =
        ask(
            db,
            "identifierName=mobile",
            "identifierValue=919000000002",
            "source=INSTORE",
            "type=USERGROUP2",
            "eventIds=18608683,18608685,18608686,18608684");
    assertThat(eventIds(response)).containsExactly(18608683L, 18608685L, 18608686L);
    assertThat(response.warnings()).extracting(ApiWarning::eventId).containsExactly("18608684");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void isPrimaryUserKeepsTheGroupEventsOfThePrimaryMember(TestDatabase db) {
    ApiResponse response =
        ask(
            db,
            "identifierName=mobile",
            "identifierValue=919000000002",
            "source=INSTORE",
            "type=USERGROUP2",
            "isPrimaryUser=true",
            "eventIds=18608683,18608685,18608686");
    assertThat(eventIds(response)).containsExactly(18608683L, 18608686L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void offsetAndLimitPageTheOrderedEvents(TestDatabase db) {
    String ids = "eventIds=18608683,18608684,18608686,18608689,18608690";
    assertThat(eventIds(ask(db, ana(ids, "offset=1", "limit=2"))))
        .containsExactly(18608684L, 18608686L);
    assertThat(eventIds(ask(db, ana(ids, "offset=4", "limit=10")))).containsExactly(18608690L);
    assertThat(eventIds(ask(db, ana(ids, "offset=9")))).isEmpty();
  }

  // --- Sections ---

  private static ExplodedEvent first(TestDatabase db, String... flags) {
    String[] params = ana(flags);
    String[] all = java.util.Arrays.copyOf(params, params.length + 1);
    all[params.length] = "eventIds=18608683";
    ApiResponse response = ask(db, all);
    assertThat(response.error()).isNull();
    return response.events().get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void pointsEarnedIsAlwaysPresentInLedgerOrderWithoutTheBreakupOnlyFields(TestDatabase db) {
    ExplodedEvent event = first(db);
    Map<Bucket, List<PointsEntry>> points = event.pointsEarned();
    assertThat(points.get(Bucket.REGULAR))
        .extracting(e -> e.fields().get(PointsField.VALUE))
        .containsExactly(new BigDecimal("120.000"), new BigDecimal("12.30"));
    assertThat(points.get(Bucket.REGULAR).get(0).fields().values().keySet())
        .containsExactly(
            PointsField.VALUE,
            PointsField.PROGRAM_ID,
            PointsField.PROGRAM_NAME,
            PointsField.EXPIRES_ON,
            PointsField.EXPIRY_TYPE);
    assertThat(points.get(Bucket.PROMO).get(0).fields().get(PointsField.PROMOTION_NAME))
        .isEqualTo("Diwali x2");
    assertThat(points.get(Bucket.PROMISED)).hasSize(2);
    assertThat(event.pointsEarnedBreakup()).isNull();
    ApiResponse registration = ask(db, ana("eventIds=18608684"));
    assertThat(registration.events().get(0).pointsEarned())
        .containsOnlyKeys(Bucket.values())
        .allSatisfy((bucket, entries) -> assertThat(entries).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void getPointsEarnedBreakupAddsEveryFieldOfEveryEntry(TestDatabase db) {
    ExplodedEvent event = first(db, "getPointsEarnedBreakup=true");
    PointsEntry regular = event.pointsEarnedBreakup().get(Bucket.REGULAR).get(0);
    assertThat(regular.fields().values())
        .containsEntry(PointsField.AWARDED_ON, LedgerTime.parse("2024-08-20T11:29:02Z"))
        .containsEntry(PointsField.SOURCE_VALUE, new BigDecimal("1200.00"))
        .containsEntry(PointsField.ALLOCATION_STRATEGY_NAME, "Spend10")
        .containsEntry(PointsField.POINTS_CATEGORY_NAME, "Main")
        .containsEntry(PointsField.EXPIRY_STRATEGY_ID, 2L)
        .containsEntry(PointsField.LINE_ITEM_ID, 1L)
        // every field but the promotion's four, the conversion date, the delayed-accrual strategy
        // and the two of returns
        .hasSize(PointsField.values().length - 8);
    assertThat(event.pointsEarnedBreakup().get(Bucket.PROMISED).get(1).fields().values())
        .containsEntry(PointsField.POINTS_CATEGORY_NAME, "DelayedAccrualPointCategory");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theBreakupHasTheVendorsTwoBucketsWithPromotionalEntriesAmongTheRegularInLedgerOrder(
      TestDatabase db) {
    Map<Bucket, List<PointsEntry>> breakup =
        first(db, "getPointsEarnedBreakup=true").pointsEarnedBreakup();
    assertThat(breakup).containsOnlyKeys(Bucket.REGULAR, Bucket.PROMISED);
    assertThat(breakup.get(Bucket.REGULAR))
        .extracting(PointsEntry::bucket, e -> e.fields().get(PointsField.VALUE))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Bucket.REGULAR, new BigDecimal("120.000")),
            org.assertj.core.groups.Tuple.tuple(Bucket.PROMO, new BigDecimal("50")),
            org.assertj.core.groups.Tuple.tuple(Bucket.REGULAR, new BigDecimal("12.30")));
    assertThat(breakup.get(Bucket.PROMISED)).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aBillEventAskedForItsBillHasOneEvenWhenTheLedgerHasNone(TestDatabase db) throws Exception {
    ExplodeEngine other = FixtureLedgers.engine(db, DataScope.OTHER, List.of(4000218L));
    ExplodedEvent event =
        other
            .answer(
                List.of(FixtureLedgers.request(ana("eventIds=18700001", "getBillDetails=true"))))
            .get(0)
            .events()
            .get(0);
    assertThat(event.billDetails()).isNotNull();
    assertThat(event.billDetails().fields().values()).isEmpty();
    assertThat(event.billDetails().lineItems()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aLineItemCarriesItsOwnPointsEntries(TestDatabase db) {
    List<com.ledgerexplode.ledger.LineItem> lines =
        first(db, "getBillDetails=true").billDetails().lineItems();
    assertThat(lines.get(0).points()).isEmpty();
    assertThat(lines.get(1).points())
        .extracting(PointsEntry::bucket, e -> e.fields().get(PointsField.VALUE))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Bucket.REGULAR, new BigDecimal("12.30")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void getBillDetailsAddsTheBillWithItsLinesAndNothingWhenTheEventHasNone(TestDatabase db) {
    ExplodedEvent event = first(db, "getBillDetails=true");
    assertThat(event.billDetails().lineItems()).hasSize(2);
    assertThat(event.billDetails().fields().get(com.ledgerexplode.ledger.BillField.GROSS_AMOUNT))
        .isEqualTo(new BigDecimal("1250"));
    ApiResponse registration = ask(db, ana("eventIds=18608684", "getBillDetails=true"));
    assertThat(registration.events().get(0).billDetails()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void customExtendedFieldsAndPaymentModesAreArraysEmptyWhenNone(TestDatabase db) {
    ExplodedEvent event =
        first(db, "getCustomFields=true", "getExtendedFields=true", "getPaymentMode=true");
    assertThat(event.customFields())
        .containsExactly(new com.ledgerexplode.ledger.NameValue("channel", "app"));
    assertThat(event.extendedFields())
        .containsExactly(new com.ledgerexplode.ledger.NameValue("store_zone", "north"));
    assertThat(event.paymentModes())
        .containsExactly(
            new com.ledgerexplode.ledger.PaymentMode("UPI", new BigDecimal("1000")),
            new com.ledgerexplode.ledger.PaymentMode("CASH", new BigDecimal("200.00")));
    ExplodedEvent none =
        ask(
                db,
                ana(
                    "eventIds=18608684",
                    "getCustomFields=true",
                    "getExtendedFields=true",
                    "getPaymentModes=true"))
            .events()
            .get(0);
    assertThat(none.customFields()).isEmpty();
    assertThat(none.extendedFields()).isEmpty();
    assertThat(none.paymentModes()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void maxConversionDateIsTheLatestPromisedConversionDateAndAbsentWhenNone(TestDatabase db) {
    assertThat(first(db, "getMaxConversionDetails=true").maxConversionDate())
        .isEqualTo(LocalDate.parse("2024-10-05"));
    assertThat(
            ask(db, ana("eventIds=18608686", "getMaxConversionDetails=true"))
                .events()
                .get(0)
                .maxConversionDate())
        .isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void maxConversionDateCountsTheEventsOwnPromisedEntriesOfAFixedDateOrReturnDateStrategy(
      TestDatabase db) {
    // 18608685: FIXED_DATE 2024-09-30; later dates of other strategies, of no strategy, of its
    // line and of its alternate currency do not count
    ExplodedEvent event =
        ask(
                db,
                "identifierName=id",
                "identifierValue=1002",
                "source=INSTORE",
                "eventIds=18608685",
                "getMaxConversionDetails=true",
                "getBillDetails=true",
                "includeAlternateCurrencies=true")
            .events()
            .get(0);
    assertThat(event.maxConversionDate()).isEqualTo(LocalDate.parse("2024-09-30"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void includeAlternateCurrenciesAddsAllOfTheEventsCurrencies(TestDatabase db) {
    assertThat(first(db, "includeAlternateCurrencies=true").alternateCurrencyValueEarned())
        .extracting(CurrencyEarned::name)
        .containsExactly("stars", "Coins");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void alternateCurrencyNamesAddsThoseWhoseNameMatchesCaseInsensitively(TestDatabase db) {
    assertThat(first(db, "alternateCurrencyNames=coins,gems").alternateCurrencyValueEarned())
        .extracting(CurrencyEarned::identifier)
        .containsExactly("CN");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aCurrencyFilterMatchingNoneOfTheEventsCurrenciesGivesWarning9018(TestDatabase db) {
    ApiResponse response =
        ask(db, ana("eventIds=18608683,18608684", "alternateCurrencyNames=gems"));
    assertThat(response.warnings())
        .containsExactly(
            new ApiWarning(
                9018,
                "No alternate currency found for names gems in event 18608683",
                "18608683",
                null),
            new ApiWarning(
                9018,
                "No alternate currency found for names gems in event 18608684",
                "18608684",
                null));
    assertThat(response.events().get(0).alternateCurrencyValueEarned()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void alternateCurrenciesAreGroupedByNameEachWithItsBucketsAndWithTheFlagItsBreakup(
      TestDatabase db) {
    List<CurrencyEarned> currencies =
        first(db, "includeAlternateCurrencies=true").alternateCurrencyValueEarned();
    assertThat(currencies.get(0).earned().get(Bucket.REGULAR))
        .extracting(e -> e.fields().get(PointsField.VALUE))
        .containsExactly(new BigDecimal("3"));
    assertThat(currencies.get(0).earned()).containsOnlyKeys(Bucket.values());
    assertThat(currencies.get(0).breakup()).isNull();
    assertThat(
            first(db, "includeAlternateCurrencies=true", "getPointsEarnedBreakup=true")
                .alternateCurrencyValueEarned()
                .get(1)
                .breakup()
                .get(Bucket.REGULAR))
        .extracting(e -> e.fields().get(PointsField.VALUE))
        .containsExactly(new BigDecimal("1.25"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void includeAlternateCurrenciesForAnEventWithNoneGivesAnEmptyArray(TestDatabase db) {
    assertThat(
            ask(db, ana("eventIds=18608684", "includeAlternateCurrencies=true"))
                .events()
                .get(0)
                .alternateCurrencyValueEarned())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aSectionWhoseFlagIsOffIsAbsent(TestDatabase db) {
    ExplodedEvent event = first(db, "getBillDetails=false");
    assertThat(event.pointsEarnedBreakup()).isNull();
    assertThat(event.billDetails()).isNull();
    assertThat(event.customFields()).isNull();
    assertThat(event.extendedFields()).isNull();
    assertThat(event.paymentModes()).isNull();
    assertThat(event.maxConversionDate()).isNull();
    assertThat(event.alternateCurrencyValueEarned()).isNull();
  }

  // --- Event types ---

  private static String exploded(TestDatabase db, String eventId, String... flags) {
    List<String> params =
        new java.util.ArrayList<>(
            List.of(
                "identifierName=mobile",
                "identifierValue=919000000003",
                "source=INSTORE",
                "eventIds=" + eventId));
    params.addAll(List.of(flags));
    ExplodedEvent event = ask(db, params.toArray(String[]::new)).events().get(0);
    java.io.StringWriter out = new java.io.StringWriter();
    try (tools.jackson.core.JsonGenerator g =
        com.ledgerexplode.json.JsonValues.generator(out, false)) {
      g.writeStartObject();
      com.ledgerexplode.json.api.EventJson.writeEventFields(g, event);
      g.writeEndObject();
    }
    return out.toString().replace('"', '\'');
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aRedemptionsDetailsAndBlocksComeBackAsTheLedgerGaveThemWithoutPointsEarned(TestDatabase db) {
    assertThat(exploded(db, "18609001", "getCustomFields=true", "getPointsEarnedBreakup=true"))
        .isEqualTo(
            "{'eventLogId':18609001,'eventName':'PointsRedemption','eventDetails':{"
                + "'eventTime':'2024-10-02 10:00:00.0','eventTimeISO':'2024-10-02T10:00:00Z',"
                + "'redemptionDetails':{'pointsRedeemed':'20.000','redemptionPurpose':'',"
                + "'transactionNumber':'T-77','billingTime':'2024-10-02 10:00:00.680',"
                + "'billingTimeISO':'2024-10-02T10:00:00.680Z','redemptionId':'Ab12Cd',"
                + "'notes':'null','groupRedemption':false}},"
                + "'customFields':[{'name':'channel','value':'app'}],"
                + "'pointsBreakup':[{'points':'20.000','programId':'1','programName':'Main'}],"
                + "'eventReferenceId':'1003','uniqueId':'rDm0001aaa','orgId':50406}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aTargetsPointsAreInsertedInItsDetailsAfterSourceType(TestDatabase db) {
    assertThat(exploded(db, "18609002"))
        .isEqualTo(
            "{'eventLogId':18609002,'eventName':'TargetCompleted','eventDetails':{"
                + "'eventTime':'2024-10-03 00:00:00.0','eventTimeISO':'2024-10-03T00:00:00Z',"
                + "'tillId':50681412},'targetCompletedDetails':{'targetGroupID':5,"
                + "'targetGroupName':'Spend','targetId':7,'targetName':'Spend 1000',"
                + "'targetPeriodID':3,'targetPeriodName':'Oct','triggerValue':'1000.000',"
                + "'sourceId':11,'sourceType':'MILESTONE','pointsEarned':{'promo':[{"
                + "'promotionId':31,'promotionName':'Milestone 1','programId':1,"
                + "'programName':'Main','value':100,'expiresOn':'2025-10-03 00:00:00.0',"
                + "'expiresOnISO':'2025-10-03T00:00:00Z','expiryType':'fixed'}],'promised':[]},"
                + "'mileStoneName':'First 1000'},'eventReferenceId':'18609000',"
                + "'uniqueId':'tGt0001bbb','orgId':50406}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aBehaviouralEventWritesItsDisplayNameFirstAndItsMetadataAsABlock(TestDatabase db) {
    assertThat(exploded(db, "18609003"))
        .isEqualTo(
            "{'eventLogId':18609003,'eventName':'GenericEvent','eventDetails':{"
                + "'eventDisplayName':'Review','tillId':50681412,'displayName':'Product review'},"
                + "'pointsEarned':{'regular':[],'promo':[{'promotionId':12,"
                + "'promotionName':'Review Bonus','programId':1,'programName':'Main','value':5,"
                + "'promotionStartDate':'2024-10-01 00:00:00.0',"
                + "'promotionEndDate':'2024-10-31 00:00:00.0'}],'promised':[]},"
                + "'behavioralEventMetadata':{'label':'review','fields':[{'fieldName':'rating',"
                + "'fieldType':'double','attributes':{'isRequired':{'valueType':'BOOLEAN',"
                + "'value':'true'}}}]},'eventReferenceId':'67587c26-1b2c-4d5e-8f90-a1b2c3d4e5f6',"
                + "'uniqueId':'67587c26-1b2c-4d5e-8f90-a1b2c3d4e5f6','orgId':50406}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anImportsMetaAndAnAdjustmentsDetailsFollowUniqueId(TestDatabase db) {
    assertThat(exploded(db, "18609004"))
        .isEqualTo(
            "{'eventLogId':18609004,'eventName':'CustomerPromotionImport','eventDetails':{"
                + "'eventDisplayName':'Customer promotion import','tillId':-1},"
                + "'pointsEarned':{'regular':[],'promo':[{'promotionId':40,"
                + "'promotionName':'Welcome','programId':1,'programName':'Main','value':10}],"
                + "'promised':[]},'eventReferenceId':'-1','uniqueId':'iMp0001ccc',"
                + "'importMeta':{'fileName':'promo.csv',"
                + "'importStartTime':'2024-10-04 01:00:00.0',"
                + "'importEndTime':'2024-10-04 01:05:00.5','profileName':'promo',"
                + "'profileType':'CUSTOMER_PROMOTION '},'orgId':50406}");
    assertThat(exploded(db, "18609005"))
        .isEqualTo(
            "{'eventLogId':18609005,'eventName':'ManualPointsAdjustment','eventDetails':{"
                + "'eventTime':'2026-01-07 05:43:40.0','eventTimeISO':'2026-01-07T05:43:40Z'},"
                + "'eventReferenceId':'-1','uniqueId':'mPa0001ddd',"
                + "'manualPointsAdjustmentDetails':{'orgId':50406,'customerId':1003,"
                + "'totalPointsDeducted':'100.000','createdOn':'2026-01-07 05:43:40.0',"
                + "'createdOnISO':'2026-01-07T05:43:40Z','reason':'fraud',"
                + "'pointsDeductionBreakUpDetails':[{'customerId':1003,'programId':1,"
                + "'programName':'Main','deductionType':'MANUAL_ADJUSTMENT',"
                + "'pointsDeducted':100.0,'pointsDeductedStr':'100.000',"
                + "'pointsDeductedOn':'2026-01-07 05:43:40.0',"
                + "'pointsDeductedOnISO':'2026-01-07T05:43:40Z',"
                + "'awardedTillDate':'2025-01-01 00:00:00.0',"
                + "'awardedTillDateISO':'2025-01-01T00:00:00Z'}]},'orgId':50406}");
  }

  // --- Dates and times: the fraction's digits as the ledger has them ---

  /** The eventDetails of one of customer 1003's CustomerUpdates, as the engine writes them. */
  private static String eventDetails(TestDatabase db, String eventId) {
    String event = exploded(db, eventId);
    return event.substring(event.indexOf("'eventDetails'"), event.indexOf(",'pointsEarned'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aFractionOfOneDigitStaysOneDigitInTheLegacyTimeAndInItsTwin(TestDatabase db) {
    assertThat(eventDetails(db, "18609006"))
        .isEqualTo(
            "'eventDetails':{'eventTime':'2024-08-20 11:29:02.5',"
                + "'eventTimeISO':'2024-08-20T11:29:02.5Z','tillId':50681412}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aTimeWithoutFractionIsWrittenWithDotZeroAndItsTwinWithoutFraction(TestDatabase db) {
    assertThat(eventDetails(db, "18609007"))
        .isEqualTo(
            "'eventDetails':{'eventTime':'2024-08-20 11:29:02.0',"
                + "'eventTimeISO':'2024-08-20T11:29:02Z','tillId':50681412}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aFractionOfZeroIsTheLedgersOwnAndItsTwinKeepsIt(TestDatabase db) {
    assertThat(eventDetails(db, "18609008"))
        .isEqualTo(
            "'eventDetails':{'eventTime':'2024-08-20 11:29:02.0',"
                + "'eventTimeISO':'2024-08-20T11:29:02.0Z','tillId':50681412}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aFractionKeepsItsTrailingZeros(TestDatabase db) {
    assertThat(eventDetails(db, "18609009"))
        .isEqualTo(
            "'eventDetails':{'eventTime':'2024-08-20 11:29:02.120',"
                + "'eventTimeISO':'2024-08-20T11:29:02.120Z','tillId':50681412}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aTimeWithAnOffsetIsWrittenInUtcWithAllItsDigitsUpToNine(TestDatabase db) {
    // the ledger keeps microseconds: digits beyond them are zeros, and kept as digits
    assertThat(eventDetails(db, "18609010"))
        .isEqualTo(
            "'eventDetails':{'eventTime':'2024-08-20 11:29:02.123456000',"
                + "'eventTimeISO':'2024-08-20T11:29:02.123456000Z','tillId':50681412}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void billDateReturnDateAndAwardedOnOfPointsAndCurrenciesKeepTheirDigits(TestDatabase db) {
    assertThat(
            exploded(
                db,
                "18609011",
                "getBillDetails=true",
                "getPointsEarnedBreakup=true",
                "includeAlternateCurrencies=true"))
        .isEqualTo(
            "{'eventLogId':18609011,'eventName':'ReturnBill','eventDetails':{"
                + "'eventTime':'2024-08-25 10:00:00.50','eventTimeISO':'2024-08-25T10:00:00.50Z'},"
                + "'billDetails':{'billNumber':'B-9','billAmount':1000,"
                + "'billDate':'2024-08-20 11:29:02.5','billDateISO':'2024-08-20T11:29:02.5Z',"
                + "'returnDate':'2024-08-25 10:00:00.50',"
                + "'returnDateISO':'2024-08-25T10:00:00.50Z','returnAmount':100,"
                + "'returnType':'AMOUNT','returnBillId':'RB-9',"
                + "'pointsEarned':{'regular':[{'value':-10.000,'programId':1,'programName':'Main',"
                + "'returnPoints':10.000}],'promo':[],'promised':[]},"
                + "'pointsEarnedBreakup':{'regular':[{'value':-10.000,"
                + "'awardedOn':'2024-08-25 10:00:00.120','awardedOnISO':'2024-08-25T10:00:00.120Z',"
                + "'programId':1,'programName':'Main','returnPoints':10.000}],'promised':[]},"
                + "'alternateCurrencyValueEarned':[{'regular':[{'value':-1}],'promo':[],"
                + "'promised':[],'alternateCurrencyName':'stars',"
                + "'alternateCurrencyIdentifier':'STR'}],"
                + "'alternateCurrencyValueEarnedBreakup':[{'regular':[{'value':-1,"
                + "'awardedOn':'2024-08-25 10:00:00.0','awardedOnISO':'2024-08-25T10:00:00.0Z'}],"
                + "'promised':[],'alternateCurrencyName':'stars',"
                + "'alternateCurrencyIdentifier':'STR'}],'lineItems':[]},"
                + "'eventReferenceId':'T-11','uniqueId':'tMe0011fff','orgId':50406}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void timesInsideATypesDetailsAndBlocksKeepTheirDigits(TestDatabase db) {
    assertThat(exploded(db, "18609012"))
        .isEqualTo(
            "{'eventLogId':18609012,'eventName':'PointsRedemption','eventDetails':{"
                + "'eventTime':'2024-10-02 10:00:00.0','eventTimeISO':'2024-10-02T10:00:00Z',"
                + "'redemptionDetails':{'pointsRedeemed':'5.000',"
                + "'billingTime':'2024-10-02 10:00:00.5','billingTimeISO':'2024-10-02T10:00:00.5Z',"
                + "'redemptionId':'Tm12Ab'}},"
                + "'eventReferenceId':'T-12','uniqueId':'tMe0012ggg','orgId':50406}");
    // a date alone is its midnight, with no fraction
    assertThat(exploded(db, "18609013"))
        .isEqualTo(
            "{'eventLogId':18609013,'eventName':'ManualPointsAdjustment','eventDetails':{"
                + "'eventTime':'2026-01-07 05:43:40.0','eventTimeISO':'2026-01-07T05:43:40.0Z'},"
                + "'eventReferenceId':'T-13','uniqueId':'tMe0013hhh',"
                + "'manualPointsAdjustmentDetails':{'totalPointsDeducted':'5.000',"
                + "'createdOn':'2026-01-07 05:43:40.0','createdOnISO':'2026-01-07T05:43:40.0Z',"
                + "'pointsDeductionBreakUpDetails':[{'pointsDeductedStr':'5.000',"
                + "'pointsDeductedOn':'2026-01-07 05:43:40.120',"
                + "'pointsDeductedOnISO':'2026-01-07T05:43:40.120Z',"
                + "'awardedTillDate':'2025-01-01 00:00:00.0',"
                + "'awardedTillDateISO':'2025-01-01T00:00:00Z'}]},'orgId':50406}");
  }

  // --- Scope ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void selfSeesTheJobsOrgAlone(TestDatabase db) {
    assertThat(eventIds(ask(db, ana("eventIds=18608683,18700001")))).containsExactly(18608683L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void otherSeesTheConnectedOrgsNamedAndNotTheJobsOwn(TestDatabase db) throws Exception {
    ExplodeEngine other = FixtureLedgers.engine(db, DataScope.OTHER, List.of(4000218L));
    ApiResponse response =
        other.answer(List.of(FixtureLedgers.request(ana("eventIds=18700001,18608683")))).get(0);
    assertThat(response.events()).extracting(e -> e.header().customerId()).containsExactly(2001L);
    assertThat(response.events()).extracting(e -> e.header().orgId()).containsExactly(4000218L);
    assertThat(response.warnings()).extracting(ApiWarning::eventId).containsExactly("18608683");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void idMatchingACustomerInEachOfTwoScopeOrgsIsAmbiguous(TestDatabase db) throws Exception {
    ExplodeEngine other = FixtureLedgers.engine(db, DataScope.OTHER, List.of(4000218L, 4000219L));
    ApiResponse response =
        other
            .answer(
                List.of(
                    FixtureLedgers.request(
                        "identifierName=id", "identifierValue=3001", "source=ALL", "eventIds=1")))
            .get(0);
    assertRejected(response, 8015, "The identifier matches 2 customers, not one");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void otherWithNoOrgMoreThanTwoTheOwnOrAnUnconnectedOneIsRefusedWith310144(TestDatabase db) {
    assertThatThrownBy(() -> FixtureLedgers.engine(db, DataScope.OTHER, List.of()))
        .isInstanceOf(ScopeRefusedException.class)
        .hasMessage("310144: Data scope OTHER needs the connected orgs to read");
    assertThatThrownBy(
            () -> FixtureLedgers.engine(db, DataScope.OTHER, List.of(4000218L, 4000219L, 60001L)))
        .hasMessage("310144: Data scope OTHER takes at most 2 orgs, 3 given");
    assertThatThrownBy(() -> FixtureLedgers.engine(db, DataScope.OTHER, List.of(ORG)))
        .hasMessage(
            "310144: Data scope OTHER names the org's own id 50406; use SELF for its own data");
    assertThatThrownBy(() -> FixtureLedgers.engine(db, DataScope.OTHER, List.of(60001L)))
        .hasMessage("310144: Org 60001 is not connected to org 50406");
  }

  // --- Formats ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void eventTimesAndDecimalsComeBackExactly(TestDatabase db) {
    EventHeader registration = ask(db, ana("eventIds=18608684")).events().get(0).header();
    assertThat(registration.eventTime())
        .isEqualTo(new LedgerTime(java.time.Instant.parse("2024-01-18T17:18:00.250Z"), 3));
    assertThat(first(db).pointsEarned().get(Bucket.PROMISED).get(1).fields().get(PointsField.VALUE))
        .isEqualTo(new BigDecimal("0.5"));
  }
}

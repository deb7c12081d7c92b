package com.ledgerexplode.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.export.requests.RequestsCsvReader;
import com.ledgerexplode.export.requests.UnreadableRecord;
import com.ledgerexplode.generate.RequestsRun.Outcome;
import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.Customer;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.Group;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.ledger.LedgerEvent;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.LineItem;
import com.ledgerexplode.ledger.LineItemField;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import com.ledgerexplode.testing.InMemoryLedger;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class LedgerGeneratorTest {
  private static final long MAIN_ORG = GeneratorOptions.DEFAULT_MAIN_ORG;

  @TempDir static Path dir;
  private static GenerationSummary summary;
  private static InMemoryLedger ledger;
  private static List<Outcome> outcomes;

  @BeforeAll
  static void generateThreeHundredCustomers() throws Exception {
    summary = new LedgerGenerator(GeneratorOptions.of(300, 6, 42)).generate(dir.resolve("a"));
    ledger = InMemoryLedger.read(dir.resolve("a/ledger.jsonl"));
    outcomes =
        RequestsRun.run(ledger, dir.resolve("a/requests.csv"), MAIN_ORG, DataScope.SELF, List.of());
  }

  @Test
  void theSameSeedAndSizesGiveByteIdenticalFiles() throws Exception {
    new LedgerGenerator(GeneratorOptions.of(300, 6, 42)).generate(dir.resolve("b"));

    assertThat(mismatch("b", LedgerGenerator.LEDGER_FILE)).isEqualTo(-1);
    assertThat(mismatch("b", LedgerGenerator.REQUESTS_FILE)).isEqualTo(-1);
  }

  @Test
  void anotherSeedGivesOtherFiles() throws Exception {
    new LedgerGenerator(GeneratorOptions.of(300, 6, 43)).generate(dir.resolve("c"));

    assertThat(mismatch("c", LedgerGenerator.LEDGER_FILE)).isNotEqualTo(-1);
    assertThat(mismatch("c", LedgerGenerator.REQUESTS_FILE)).isNotEqualTo(-1);
  }

  @Test
  void unreadableRecordsComeOnlyWhenAskedAndAReaderKeepsEachApart() throws Exception {
    assertThat(summary.unreadableRecords()).isZero();
    GenerationSummary withUnreadable =
        new LedgerGenerator(GeneratorOptions.of(300, 6, 42).withUnreadableEvery(40))
            .generate(dir.resolve("u"));

    long rows = 0;
    long unreadable = 0;
    RequestsCsvReader reader = new RequestsCsvReader(dir.resolve("u/requests.csv"));
    reader.open(new ExecutionContext());
    for (var item = reader.read(); item != null; item = reader.read()) {
      if (item instanceof UnreadableRecord) {
        unreadable++;
      } else {
        rows++;
      }
    }
    reader.close();

    assertThat(withUnreadable.unreadableRecords())
        .isEqualTo(withUnreadable.requestRows() / 40)
        .isEqualTo(unreadable)
        .isPositive();
    assertThat(rows).isEqualTo(withUnreadable.requestRows()).isEqualTo(summary.requestRows());
  }

  /** Where the file of that name in {@code other} first differs from the first set's, or -1. */
  private static long mismatch(String other, String file) throws IOException {
    return Files.mismatch(dir.resolve("a").resolve(file), dir.resolve(other).resolve(file));
  }

  @Test
  void theSummaryCountsWhatWasWritten() throws Exception {
    assertThat(summary.customers()).isEqualTo(300).isEqualTo(ledger.customers().size());
    assertThat(summary.events()).isEqualTo(1800).isEqualTo(ledger.events().size());
    assertThat(summary.requestRows()).isEqualTo(outcomes.size());
    assertThat(summary.ledgerBytes()).isEqualTo(Files.size(dir.resolve("a/ledger.jsonl")));
    assertThat(summary.requestsBytes()).isEqualTo(Files.size(dir.resolve("a/requests.csv")));
  }

  @Test
  void theCsvHasOneColumnForEachParameterItCarries() throws Exception {
    String header = Files.readAllLines(dir.resolve("a/requests.csv")).get(0);

    assertThat(header)
        .isEqualTo(
            "identifierName,identifierValue,source,accountId,eventIds,eventName,"
                + "eventReferenceIds,type,isPrimaryUser,getBillDetails,getPointsEarnedBreakup,"
                + "getCustomFields,getExtendedFields,getMaxConversionDetails,getPaymentMode,"
                + "includeAlternateCurrencies,alternateCurrencyNames");
    assertThat(Files.readString(dir.resolve("a/requests.csv"))).contains(",\"186");
  }

  @Test
  void customersAreSpreadOverTheOrgsWithEveryKindOfIdentifier() {
    Map<Long, Long> perOrg =
        ledger.customers().stream()
            .collect(Collectors.groupingBy(Customer::orgId, Collectors.counting()));
    assertThat(perOrg).containsOnlyKeys(MAIN_ORG, 4000218L, 4000219L, 60001L);
    assertThat(perOrg.get(MAIN_ORG)).isGreaterThan(200);
    assertThat(ledger.orgs().get(0).connectedOrgIds()).containsExactly(4000218L, 4000219L);

    List<Identifier> identifiers =
        ledger.customers().stream().flatMap(c -> c.identifiers().stream()).toList();
    assertThat(identifiers).extracting(Identifier::name).contains("mobile", "email", "externalid");
    assertThat(identifiers)
        .extracting(Identifier::source)
        .contains("INSTORE", "WECHAT", "ECOMMERCE");
    assertThat(identifiers)
        .filteredOn(i -> i.source().equals("WECHAT"))
        .allMatch(i -> i.accountId() != null);
    assertThat(identifiers)
        .filteredOn(i -> i.name().equals("email"))
        .allMatch(i -> !i.value().equals(i.value().toLowerCase(Locale.ROOT)));
  }

  @Test
  void someMobilesAreSharedInOneOrgAcrossSourcesAndAcrossTheConnectedOrgs() {
    Map<String, Set<String>> customersByMobile = new HashMap<>();
    for (Customer c : ledger.customers()) {
      for (Identifier i : c.identifiers()) {
        if (i.name().equals("mobile")) {
          customersByMobile
              .computeIfAbsent(i.value(), k -> new TreeSet<>())
              .add(c.orgId() + "/" + c.customerId());
        }
      }
    }
    List<Set<String>> shared =
        customersByMobile.values().stream().filter(owners -> owners.size() > 1).toList();

    assertThat(shared)
        .anyMatch(owners -> owners.stream().allMatch(o -> o.startsWith(MAIN_ORG + "/")));
    assertThat(shared)
        .anyMatch(
            owners ->
                owners.stream().anyMatch(o -> o.startsWith("4000218/"))
                    && owners.stream().anyMatch(o -> o.startsWith("4000219/")));
  }

  @Test
  void groupsHaveAPrimaryMemberAndEventsEarnedInThem() {
    assertThat(ledger.groups()).isNotEmpty();
    for (Group group : ledger.groups()) {
      assertThat(group.memberCustomerIds())
          .hasSizeBetween(2, 4)
          .contains(group.primaryCustomerId());
    }
    Map<Long, Set<Long>> earnersByGroup = new HashMap<>();
    for (LedgerEvent event : ledger.events().values()) {
      if (event.header().groupId() != null) {
        earnersByGroup
            .computeIfAbsent(event.header().groupId(), g -> new HashSet<>())
            .add(event.header().customerId());
      }
    }
    assertThat(earnersByGroup.values()).anyMatch(earners -> earners.size() >= 2);
  }

  @Test
  void eventsCarryEverySectionAndEveryField() {
    Map<Bucket, Set<PointsField>> pointsFields = new EnumMap<>(Bucket.class);
    Set<BillField> billFields = EnumSet.noneOf(BillField.class);
    Set<LineItemField> lineFields = EnumSet.noneOf(LineItemField.class);
    Set<String> names = new HashSet<>();
    Set<Integer> valueScales = new HashSet<>();
    boolean customFields = false;
    boolean extendedFields = false;
    boolean paymentModes = false;
    boolean twoCurrencies = false;
    for (LedgerEvent event : ledger.events().values()) {
      names.add(event.header().eventName());
      for (PointsEntry entry : event.sections().points()) {
        pointsFields
            .computeIfAbsent(entry.bucket(), b -> EnumSet.noneOf(PointsField.class))
            .addAll(entry.fields().values().keySet());
        valueScales.add(((BigDecimal) entry.fields().get(PointsField.VALUE)).scale());
      }
      if (event.sections().bill() != null) {
        billFields.addAll(event.sections().bill().fields().values().keySet());
        for (LineItem item : event.sections().bill().lineItems()) {
          lineFields.addAll(item.fields().values().keySet());
        }
      }
      customFields |= !event.sections().customFields().isEmpty();
      extendedFields |= !event.sections().extendedFields().isEmpty();
      paymentModes |= !event.sections().paymentModes().isEmpty();
      twoCurrencies |=
          event.sections().alternateCurrencies().stream()
                  .map(AlternateCurrency::name)
                  .distinct()
                  .count()
              == 2;
    }

    assertThat(names)
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(com.ledgerexplode.ledger.EventType.values())
                .map(com.ledgerexplode.ledger.EventType::eventName)
                .toList());
    assertThat(pointsFields.get(Bucket.REGULAR))
        .containsAll(EnumSet.complementOf(promoAndPromisedOnly()));
    assertThat(pointsFields.get(Bucket.PROMO)).contains(PointsField.PROMOTION_END_DATE);
    assertThat(pointsFields.get(Bucket.PROMISED)).contains(PointsField.CONVERSION_DATE);
    Set<PointsField> all = EnumSet.noneOf(PointsField.class);
    pointsFields.values().forEach(all::addAll);
    assertThat(all).containsExactlyInAnyOrder(PointsField.values());
    assertThat(billFields).containsExactlyInAnyOrder(BillField.values());
    assertThat(lineFields).containsExactlyInAnyOrder(LineItemField.values());
    assertThat(valueScales).contains(0, 1, 3);
    assertThat(customFields && extendedFields && paymentModes && twoCurrencies).isTrue();
  }

  @Test
  void eventTimesCarryFractionsOfNoneToNineDigitsAsLedgersWriteThem() {
    Set<Integer> digitCounts = new HashSet<>();
    Set<String> forms = new HashSet<>();
    for (LedgerEvent event : ledger.events().values()) {
      LedgerTime time = event.header().eventTime();
      digitCounts.add(time.fractionDigits());
      String fraction = time.fraction();
      if (fraction.matches("[1-9]")) {
        forms.add("one digit, like .5");
      } else if (fraction.matches("0+")) {
        forms.add("zeros, like .0");
      } else if (fraction.length() <= 6 && fraction.matches(".*[1-9]0+")) {
        forms.add("trailing zeros, like .120");
      } else if (fraction.length() > 6) {
        forms.add("beyond microseconds, zeros there");
        assertThat(fraction.substring(6)).matches("0+");
      }
    }
    assertThat(digitCounts).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(forms)
        .containsExactlyInAnyOrder(
            "one digit, like .5",
            "zeros, like .0",
            "trailing zeros, like .120",
            "beyond microseconds, zeros there");
  }

  @Test
  void eventLogIdsIncreaseThroughTheFileAndSomeReferenceIdHasTwoEventsOfOneName() {
    List<EventHeader> headers = ledger.events().values().stream().map(LedgerEvent::header).toList();
    for (int i = 1; i < headers.size(); i++) {
      assertThat(headers.get(i).eventLogId()).isGreaterThan(headers.get(i - 1).eventLogId());
    }
    Map<String, Long> byNameAndReference =
        headers.stream()
            .collect(
                Collectors.groupingBy(
                    h -> h.eventName() + "/" + h.eventReferenceId(), Collectors.counting()));
    assertThat(byNameAndReference.values()).anyMatch(count -> count >= 2);
  }

  @Test
  void mostRowsExplodeAndEveryCodeOfTheValidationTableOccurs() {
    long exploded = outcomes.stream().filter(o -> o.errorCode() == null).count();
    assertThat(exploded).isGreaterThan(outcomes.size() * 3 / 4);
    assertThat(outcomes.stream().filter(o -> !o.eventLogIds().isEmpty()).count())
        .isGreaterThan(outcomes.size() / 2);

    assertThat(outcomes)
        .extracting(Outcome::errorCode)
        .contains(11013, 8013, 8003, 8015, 11021, 11023, 11017, 11014, 9022, 9005, 11012, 1632);
    assertThat(outcomes)
        .extracting(Outcome::errorMessage)
        .contains(
            "Identifier value missing or incorrect",
            "Customer not found for the given identifiers",
            "The identifier matches 2 customers, not one",
            "An eventReferenceId is blank");
    assertThat(outcomes)
        .anyMatch(o -> o.errorCode() != null && o.errorMessage().startsWith("At most 10 eventRef"));
    assertThat(outcomes.stream().flatMap(o -> o.warningCodes().stream())).contains(9021, 9018);
  }

  @Test
  void goodRowsSelectByEventIdsByReferenceAndByGroup() {
    List<Outcome> good = outcomes.stream().filter(o -> o.errorCode() == null).toList();

    assertThat(good).anyMatch(o -> o.cells().containsKey(ApiParameter.EVENT_IDS));
    assertThat(good).anyMatch(o -> o.cells().containsKey(ApiParameter.EVENT_REFERENCE_IDS));
    assertThat(good)
        .anyMatch(
            o ->
                o.cells().get(ApiParameter.TYPE) != null
                    && o.cells().get(ApiParameter.TYPE).equalsIgnoreCase("USERGROUP2")
                    && "true".equals(o.cells().get(ApiParameter.IS_PRIMARY_USER))
                    && !o.eventLogIds().isEmpty());
    assertThat(good)
        .anyMatch(
            o ->
                "USERGROUP2".equals(o.cells().get(ApiParameter.TYPE))
                    && o.cells().get(ApiParameter.IS_PRIMARY_USER).isEmpty()
                    && !o.eventLogIds().isEmpty());
    assertThat(good)
        .anyMatch(
            o ->
                "WECHAT".equals(o.cells().get(ApiParameter.SOURCE))
                    && !o.cells().get(ApiParameter.ACCOUNT_ID).isEmpty());
  }

  @Test
  void everyTypeCarriesItsOwnBlocks() {
    Map<String, Set<String>> keys = new HashMap<>();
    for (LedgerEvent event : ledger.events().values()) {
      Set<String> seen = keys.computeIfAbsent(event.header().eventName(), n -> new HashSet<>());
      seen.addAll(event.header().typeDetail().details().keySet());
      seen.addAll(event.header().typeDetail().blocks().keySet());
    }

    assertThat(keys.get("TransactionAdd")).containsExactly("pointInTimeSlabs");
    assertThat(keys.get("PointsRedemption"))
        .containsExactlyInAnyOrder("redemptionDetails", "pointsBreakup");
    assertThat(keys.get("PointsTransfer"))
        .containsExactlyInAnyOrder("transferredFrom", "transferredTo", "notes");
    assertThat(keys.get("AllocateGoodwillPoints"))
        .containsExactlyInAnyOrder("reason", "comments", "assocId", "requestId");
    assertThat(keys.get("TargetCompleted")).containsExactly("targetCompletedDetails");
    assertThat(keys.get("GenericEvent"))
        .containsExactlyInAnyOrder("eventDisplayName", "displayName", "behavioralEventMetadata");
    for (String name :
        List.of(
            "CustomerPromotionImport",
            "BillPointsPromotionImport",
            "LineItemsPointsPromotionImport")) {
      assertThat(keys.get(name))
          .as(name)
          .containsExactlyInAnyOrder("eventDisplayName", "importMeta");
    }
    assertThat(keys.get("ManualPointsAdjustment")).containsExactly("manualPointsAdjustmentDetails");
    assertThat(keys.get("VoucherRedemption")).containsExactly("voucherRedemptionDetails");
    assertThat(events("ReturnBill"))
        .allSatisfy(
            e ->
                assertThat(e.sections().bill().fields().values())
                    .containsKeys(
                        BillField.RETURN_DATE,
                        BillField.RETURN_AMOUNT,
                        BillField.RETURN_TYPE,
                        BillField.RETURN_BILL_ID));
  }

  @Test
  void aReturnGivesBackAtMostWhatIsLeftOfAnEarlierBillOfItsCustomer() {
    Map<String, LedgerEvent> bills = new HashMap<>();
    Map<String, BigDecimal> returned = new HashMap<>();
    Set<String> returnTypes = new HashSet<>();
    int returns = 0;
    for (LedgerEvent event : ledger.events().values()) {
      EventHeader h = event.header();
      String key = h.orgId() + "/" + h.customerId() + "/" + h.eventReferenceId();
      if (Set.of("TransactionAdd", "NewBill", "GroupTransactionAdd").contains(h.eventName())) {
        bills.put(key, event);
      } else if ("ReturnBill".equals(h.eventName())) {
        returns++;
        LedgerEvent bill = bills.get(key);
        assertThat(bill).as("the bill returned by %s, earlier, of its customer", h).isNotNull();
        Map<BillField, Object> original = bill.sections().bill().fields().values();
        Map<BillField, Object> back = event.sections().bill().fields().values();
        returnTypes.add((String) back.get(BillField.RETURN_TYPE));
        assertThat(back.get(BillField.BILL_NUMBER)).isEqualTo(original.get(BillField.BILL_NUMBER));
        assertThat(back.get(BillField.BILL_AMOUNT)).isEqualTo(original.get(BillField.BILL_AMOUNT));
        assertThat(back.get(BillField.BILL_DATE)).isEqualTo(original.get(BillField.BILL_DATE));
        assertThat(((LedgerTime) back.get(BillField.RETURN_DATE)).instant())
            .isAfterOrEqualTo(((LedgerTime) original.get(BillField.BILL_DATE)).instant());
        BigDecimal amount = (BigDecimal) back.get(BillField.RETURN_AMOUNT);
        assertThat(amount).isPositive();
        BigDecimal total = returned.merge(key, amount, BigDecimal::add);
        assertThat(total).isLessThanOrEqualTo((BigDecimal) original.get(BillField.BILL_AMOUNT));
        assertThat(bill.sections().bill().lineItems())
            .containsAll(event.sections().bill().lineItems());
      }
    }
    assertThat(returns).isGreaterThan(50);
    assertThat(returnTypes).containsExactlyInAnyOrder("AMOUNT", "FULL", "LINE_ITEM", "CANCELLED");
    assertThat(
            events("ReturnBill").stream()
                .map(e -> e.header().eventReferenceId())
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()))
                .values())
        .as("a bill returned in several parts")
        .anyMatch(n -> n >= 2);
  }

  @Test
  void aTransferMovesPointsBetweenTwoCustomersOfItsOrg() {
    Set<String> customers =
        ledger.customers().stream()
            .map(c -> c.orgId() + "/" + c.customerId())
            .collect(Collectors.toSet());
    List<LedgerEvent> transfers = events("PointsTransfer");

    assertThat(transfers).hasSizeGreaterThan(10);
    for (LedgerEvent transfer : transfers) {
      EventHeader h = transfer.header();
      Map<?, ?> from = (Map<?, ?>) h.typeDetail().blocks().get("transferredFrom");
      Map<?, ?> to = (Map<?, ?>) h.typeDetail().blocks().get("transferredTo");
      String sender = (String) from.get("userId");
      String receiver = (String) to.get("userId");
      assertThat(sender).isNotEqualTo(receiver);
      assertThat(List.of(sender, receiver)).contains(Long.toString(h.customerId()));
      assertThat(customers).contains(h.orgId() + "/" + sender, h.orgId() + "/" + receiver);
      assertThat(from.get("pointsTransferDetails")).isEqualTo(to.get("pointsTransferDetails"));
      assertThat(from.get("firstName")).isInstanceOf(String.class);
    }
    assertThat(transfers)
        .anyMatch(
            t ->
                ((Map<?, ?>) t.header().typeDetail().blocks().get("transferredTo"))
                    .get("userId")
                    .equals(Long.toString(t.header().customerId())));
  }

  @Test
  void aTargetIsReachedInSeveralMilestonesWithConsecutiveEventLogIds() {
    Map<String, List<EventHeader>> byTarget = new java.util.LinkedHashMap<>();
    for (LedgerEvent event : events("TargetCompleted")) {
      EventHeader h = event.header();
      Map<?, ?> target = (Map<?, ?>) h.typeDetail().blocks().get("targetCompletedDetails");
      assertThat(target.get("sourceType")).isEqualTo("MILESTONE");
      assertThat(event.sections().points())
          .isNotEmpty()
          .allMatch(p -> p.bucket() != Bucket.REGULAR);
      byTarget
          .computeIfAbsent(
              h.customerId() + "/" + target.get("targetId") + "/" + h.eventReferenceId(),
              k -> new java.util.ArrayList<>())
          .add(h);
    }

    assertThat(byTarget).hasSizeGreaterThan(5);
    for (List<EventHeader> milestones : byTarget.values()) {
      assertThat(milestones).hasSizeBetween(2, 4);
      for (int i = 1; i < milestones.size(); i++) {
        assertThat(milestones.get(i).eventLogId())
            .isEqualTo(milestones.get(i - 1).eventLogId() + 1);
        assertThat(trigger(milestones.get(i))).isGreaterThan(trigger(milestones.get(i - 1)));
      }
    }
  }

  private static BigDecimal trigger(EventHeader h) {
    Map<?, ?> target = (Map<?, ?>) h.typeDetail().blocks().get("targetCompletedDetails");
    return new BigDecimal((String) target.get("triggerValue"));
  }

  @Test
  void everyBehaviouralEventDescribesItsFieldsAndTheirAttributes() {
    List<LedgerEvent> generic = events("GenericEvent");

    assertThat(generic).hasSizeGreaterThan(50);
    Set<String> attributeNames = new HashSet<>();
    boolean attributeWithoutValue = false;
    for (LedgerEvent event : generic) {
      Map<?, ?> metadata =
          (Map<?, ?>) event.header().typeDetail().blocks().get("behavioralEventMetadata");
      assertThat(metadata.get("label"))
          .isEqualTo(event.header().typeDetail().details().get("displayName"));
      assertThat(event.header().uniqueId()).isEqualTo(event.header().eventReferenceId());
      List<?> fields = (List<?>) metadata.get("fields");
      assertThat(fields).hasSizeGreaterThanOrEqualTo(2);
      for (Object f : fields) {
        Map<?, ?> field = (Map<?, ?>) f;
        assertThat(field.get("fieldName")).isInstanceOf(String.class);
        assertThat(field.get("fieldType")).isInstanceOf(String.class);
        Map<?, ?> attributes = (Map<?, ?>) field.get("attributes");
        assertThat(attributes).isNotEmpty();
        for (Map.Entry<?, ?> a : attributes.entrySet()) {
          attributeNames.add((String) a.getKey());
          Map<?, ?> attribute = (Map<?, ?>) a.getValue();
          assertThat(attribute.get("valueType")).isIn("ENUM", "BOOLEAN");
          attributeWithoutValue |= !attribute.containsKey("value");
        }
      }
    }
    assertThat(attributeNames)
        .contains(
            "accountId",
            "addCustomerIfNotExists",
            "identifierType",
            "isRequired",
            "source",
            "isPsiData",
            "isUniqueKeyField");
    assertThat(attributeWithoutValue).isTrue();
  }

  @Test
  void theSecondConnectedOrgCapturesNoSourceValues() {
    assertThat(ledger.orgs())
        .extracting(o -> o.orgId() + "=" + o.sourceValueCapturing())
        .containsExactly("50406=true", "4000218=true", "4000219=false", "60001=true");
  }

  @Test
  void everyNewCodeOccursAndGoodRowsNameCustomersByEveryIdentifierName() throws Exception {
    List<Outcome> other =
        RequestsRun.run(
            ledger,
            dir.resolve("a/requests.csv"),
            MAIN_ORG,
            DataScope.OTHER,
            List.of(4000218L, 4000219L));
    List<Outcome> connectedWithCapturing =
        RequestsRun.run(
            ledger, dir.resolve("a/requests.csv"), MAIN_ORG, DataScope.OTHER, List.of(4000218L));

    assertThat(outcomes).extracting(Outcome::errorCode).contains(11013, 11014, 9005);
    assertThat(outcomes).extracting(Outcome::errorCode).doesNotContain(11019);
    assertThat(other)
        .filteredOn(o -> Integer.valueOf(11019).equals(o.errorCode()))
        .isNotEmpty()
        .allMatch(
            o -> o.cells().get(ApiParameter.GET_POINTS_EARNED_BREAKUP).equalsIgnoreCase("true"))
        .extracting(Outcome::errorMessage)
        .allMatch(m -> m.contains("4000219"));
    assertThat(connectedWithCapturing)
        .extracting(Outcome::errorCode)
        .doesNotContain(11019)
        .contains((Integer) null);
    assertThat(connectedWithCapturing).anyMatch(o -> !o.eventLogIds().isEmpty());
    for (String name : List.of("cuid", "CustomerID", "primaryUserId")) {
      assertThat(outcomes)
          .as(name)
          .anyMatch(
              o ->
                  o.errorCode() == null
                      && name.equalsIgnoreCase(o.cells().get(ApiParameter.IDENTIFIER_NAME))
                      && !o.eventLogIds().isEmpty());
    }
    assertThat(outcomes)
        .anyMatch(
            o ->
                Integer.valueOf(1632).equals(o.errorCode())
                    && "primaryUserId".equals(o.cells().get(ApiParameter.IDENTIFIER_NAME)));
  }

  private static List<LedgerEvent> events(String name) {
    return ledger.events().values().stream()
        .filter(e -> name.equals(e.header().eventName()))
        .toList();
  }

  @Test
  void aCustomerKeepsABoundedSampleOfItsEventsWhateverTheirNumber() {
    Person person =
        new Person(MAIN_ORG, 1, "Ana", "Silva", "9", "INSTORE", "e", "x", null, false, false);
    SplittableRandom random = new SplittableRandom(1);
    for (long id = 1; id <= 10_000; id++) {
      person.remember(new Person.EventRef(id, "GenericEvent", "r" + id, false), random);
    }

    assertThat(person.sample()).hasSize(Person.SAMPLE_SIZE);
    assertThat(person.sample()).anyMatch(e -> e.eventLogId() > Person.SAMPLE_SIZE);
  }

  private static EnumSet<PointsField> promoAndPromisedOnly() {
    return EnumSet.of(
        PointsField.PROMOTION_ID,
        PointsField.PROMOTION_NAME,
        PointsField.PROMOTION_START_DATE,
        PointsField.PROMOTION_END_DATE,
        PointsField.CONVERSION_DATE,
        PointsField.RETURNED_POINTS,
        PointsField.DELAY_STRATEGY);
  }
}

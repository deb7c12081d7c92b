package com.ledgerexplode.json.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.Customer;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.Fields;
import com.ledgerexplode.ledger.Group;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.ledger.LedgerEvent;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.LineItem;
import com.ledgerexplode.ledger.LineItemField;
import com.ledgerexplode.ledger.NameValue;
import com.ledgerexplode.ledger.Org;
import com.ledgerexplode.ledger.PaymentMode;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import com.ledgerexplode.ledger.SnapshotRecord;
import com.ledgerexplode.ledger.SnapshotRecord.CustomerRecord;
import com.ledgerexplode.ledger.SnapshotRecord.EventRecord;
import com.ledgerexplode.ledger.SnapshotRecord.GroupRecord;
import com.ledgerexplode.ledger.SnapshotRecord.OrgRecord;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotWriterTest {
  private static final LedgerTime TIME = LedgerTime.parse("2024-08-20T11:29:02Z");

  private static final SnapshotRecord ORG =
      new OrgRecord(new Org(50406, "Brand A", List.of(4000218L)));
  private static final SnapshotRecord CUSTOMER =
      new CustomerRecord(
          new Customer(
              50406,
              1001,
              List.of(
                  new Identifier("mobile", "917406401004", "INSTORE", null),
                  new Identifier("email", "Ana@Example.com", "INSTORE", null),
                  new Identifier("mobile", "917406401004", "WECHAT", "wx-main"))));
  private static final SnapshotRecord GROUP =
      new GroupRecord(new Group(50406, 77, 1001L, List.of(1001L, 1002L)));

  @Test
  void writesEachKindOnOneLineKindFirstThenIdentityThenTheRest() {
    assertThat(lines(ORG, CUSTOMER, GROUP))
        .containsExactly(
            "{\"kind\":\"org\",\"orgId\":50406,\"name\":\"Brand A\",\"connectedOrgIds\":[4000218]}",
            "{\"kind\":\"customer\",\"orgId\":50406,\"customerId\":1001,\"identifiers\":["
                + "{\"name\":\"mobile\",\"value\":\"917406401004\",\"source\":\"INSTORE\"},"
                + "{\"name\":\"email\",\"value\":\"Ana@Example.com\",\"source\":\"INSTORE\"},"
                + "{\"name\":\"mobile\",\"value\":\"917406401004\",\"source\":\"WECHAT\","
                + "\"accountId\":\"wx-main\"}]}",
            "{\"kind\":\"group\",\"orgId\":50406,\"groupId\":77,\"primaryCustomerId\":1001,"
                + "\"memberCustomerIds\":[1001,1002]}");
  }

  @Test
  void writesAnEventWithEverySectionDecimalsAsStringsWithTheirScale() {
    assertThat(lines(fullEvent()))
        .containsExactly(
            "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"groupId\":77,"
                + "\"eventLogId\":18608683,\"eventName\":\"TransactionAdd\","
                + "\"eventTime\":\"2024-08-20T11:29:02.250Z\",\"tillId\":50681412,"
                + "\"eventReferenceId\":\"2151165932\",\"uniqueId\":\"aBcdEfG1H2\","
                + "\"points\":["
                + "{\"bucket\":\"regular\",\"value\":\"120.000\",\"programId\":1,"
                + "\"expiresOn\":\"2025-08-20\",\"awardedOn\":\"2024-08-20T11:29:02Z\","
                + "\"sourceValue\":\"1200.00\",\"lineItemId\":1},"
                + "{\"bucket\":\"promo\",\"value\":\"50\",\"promotionId\":9,"
                + "\"promotionName\":\"Diwali x2\"},"
                + "{\"bucket\":\"promised\",\"value\":\"0.5\",\"conversionDate\":\"2024-09-20\"}],"
                + "\"bill\":{\"type\":\"REGULAR\",\"grossAmount\":\"1250\",\"note\":\"\","
                + "\"billDate\":\"2024-08-20T11:29:02Z\",\"lineItems\":[{\"id\":1,"
                + "\"itemCode\":\"SKU1\",\"amount\":\"600\",\"qty\":\"2\"}]},"
                + "\"customFields\":[{\"name\":\"channel\",\"value\":\"app\"}],"
                + "\"extendedFields\":[{\"name\":\"referrer\"}],"
                + "\"paymentModes\":[{\"mode\":\"UPI\",\"amount\":\"1200\"},{\"mode\":\"CASH\"}],"
                + "\"alternateCurrencies\":[{\"name\":\"stars\",\"identifier\":\"STR\","
                + "\"bucket\":\"regular\",\"value\":\"3\",\"expiresOn\":\"2025-08-20\"},"
                + "{\"name\":\"coins\",\"bucket\":\"promo\"}]}");
  }

  @Test
  void writesATypesDetailsAndBlocksLastWithTimesInIsoAndReadsThemBackTheSame() throws Exception {
    java.util.Map<String, Object> redemption = new java.util.LinkedHashMap<>();
    redemption.put("pointsRedeemed", "20.000");
    redemption.put("billingTime", LedgerTime.parse("2024-10-02T10:00:00.680Z"));
    redemption.put("groupRedemption", false);
    redemption.put("billAmount", new BigDecimal("1.50")); // a number keeps its scale
    SnapshotRecord event =
        new EventRecord(
            new LedgerEvent(
                new EventHeader(
                    50406,
                    9,
                    1001,
                    null,
                    "PointsRedemption",
                    null,
                    null,
                    null,
                    null,
                    new com.ledgerexplode.ledger.TypeDetail(
                        java.util.Map.of("redemptionDetails", redemption),
                        java.util.Map.of(
                            "pointsBreakup",
                            List.of(
                                java.util.Map.of("points", "20.000"),
                                java.util.Map.of("points", "1.50"))))),
                EventSections.NONE));
    List<String> written = lines(event);
    assertThat(written)
        .containsExactly(
            "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"eventLogId\":9,"
                + "\"eventName\":\"PointsRedemption\",\"details\":{\"redemptionDetails\":"
                + "{\"pointsRedeemed\":\"20.000\",\"billingTime\":\"2024-10-02T10:00:00.680Z\","
                + "\"groupRedemption\":false,\"billAmount\":1.50}},\"blocks\":{\"pointsBreakup\":"
                + "[{\"points\":\"20.000\"},{\"points\":\"1.50\"}]}}");
    try (SnapshotReader reader = new SnapshotReader(new java.io.StringReader(written.get(0)))) {
      assertThat(reader.next()).isEqualTo(event);
    }
  }

  @Test
  void leavesOutNullFieldsAndEmptyLists() {
    SnapshotRecord bare =
        new EventRecord(
            new LedgerEvent(
                new EventHeader(50406, 5, 1001, null, null, null, null, null, null),
                EventSections.NONE));
    SnapshotRecord lonely = new GroupRecord(new Group(50406, 78, null, List.of()));
    SnapshotRecord anonymous = new OrgRecord(new Org(60001, null, List.of()));

    assertThat(lines(bare, lonely, anonymous))
        .containsExactly(
            "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"eventLogId\":5}",
            "{\"kind\":\"group\",\"orgId\":50406,\"groupId\":78}",
            "{\"kind\":\"org\",\"orgId\":60001}");
  }

  @Test
  void whatItWritesTheSnapshotReaderReadsBackEqual() throws Exception {
    List<SnapshotRecord> records = List.of(ORG, CUSTOMER, GROUP, fullEvent());
    StringWriter out = new StringWriter();
    try (SnapshotWriter writer = new SnapshotWriter(out)) {
      records.forEach(writer::write);
    }

    List<SnapshotRecord> read = new ArrayList<>();
    try (SnapshotReader reader = new SnapshotReader(new StringReader(out.toString()))) {
      for (SnapshotRecord r = reader.next(); r != null; r = reader.next()) {
        read.add(r);
      }
    }
    assertThat(read).isEqualTo(records);
  }

  @Test
  void aTimeReadIsWrittenBackWithItsFractionDigitsExactly() throws Exception {
    String line =
        "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"eventLogId\":9,"
            + "\"eventName\":\"ReturnBill\",\"eventTime\":\"2024-08-20T11:29:02.5Z\","
            + "\"points\":[{\"bucket\":\"regular\",\"awardedOn\":\"2024-08-20T11:29:02.120Z\"},"
            + "{\"bucket\":\"regular\",\"awardedOn\":\"2024-08-20T11:29:02Z\"}],"
            + "\"bill\":{\"billDate\":\"2024-08-20T11:29:02.0Z\","
            + "\"returnDate\":\"2024-08-21T10:00:00.123456000Z\"},"
            + "\"alternateCurrencies\":[{\"name\":\"stars\",\"bucket\":\"regular\","
            + "\"awardedOn\":\"2024-08-20T11:29:02.000100Z\"}]}";
    String redemption =
        "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"eventLogId\":10,"
            + "\"eventName\":\"PointsRedemption\",\"details\":{\"redemptionDetails\":"
            + "{\"billingTime\":\"2024-10-02T10:00:00.50Z\"}}}";
    String adjustment =
        "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1001,\"eventLogId\":11,"
            + "\"eventName\":\"ManualPointsAdjustment\",\"blocks\":"
            + "{\"manualPointsAdjustmentDetails\":{\"createdOn\":\"2026-01-07T05:43:40.0Z\","
            + "\"pointsDeductionBreakUpDetails\":[{\"pointsDeductedOn\":"
            + "\"2026-01-07T05:43:40.120Z\",\"awardedTillDate\":\"2025-01-01T00:00:00Z\"}]}}}";
    List<SnapshotRecord> read = new ArrayList<>();
    try (SnapshotReader reader =
        new SnapshotReader(new StringReader(String.join("\n", line, redemption, adjustment)))) {
      for (SnapshotRecord r = reader.next(); r != null; r = reader.next()) {
        read.add(r);
      }
    }
    assertThat(lines(read.toArray(SnapshotRecord[]::new)))
        .containsExactly(line, redemption, adjustment);
  }

  private static List<String> lines(SnapshotRecord... records) {
    StringWriter out = new StringWriter();
    try (SnapshotWriter writer = new SnapshotWriter(out)) {
      for (SnapshotRecord record : records) {
        writer.write(record);
      }
    }
    assertThat(out.toString()).endsWith("\n");
    return out.toString().lines().toList();
  }

  private static SnapshotRecord fullEvent() {
    EnumMap<PointsField, Object> regular = new EnumMap<>(PointsField.class);
    regular.put(PointsField.LINE_ITEM_ID, 1L);
    regular.put(PointsField.VALUE, new BigDecimal("120.000"));
    regular.put(PointsField.PROGRAM_ID, 1L);
    regular.put(PointsField.EXPIRES_ON, LocalDate.parse("2025-08-20"));
    regular.put(PointsField.AWARDED_ON, TIME);
    regular.put(PointsField.SOURCE_VALUE, new BigDecimal("1200.00"));
    EnumMap<PointsField, Object> promo = new EnumMap<>(PointsField.class);
    promo.put(PointsField.VALUE, new BigDecimal("50"));
    promo.put(PointsField.PROMOTION_ID, 9L);
    promo.put(PointsField.PROMOTION_NAME, "Diwali x2");
    EnumMap<PointsField, Object> promised = new EnumMap<>(PointsField.class);
    promised.put(PointsField.VALUE, new BigDecimal("0.5"));
    promised.put(PointsField.CONVERSION_DATE, LocalDate.parse("2024-09-20"));
    EnumMap<BillField, Object> bill = new EnumMap<>(BillField.class);
    bill.put(BillField.BILL_DATE, TIME);
    bill.put(BillField.TYPE, "REGULAR");
    bill.put(BillField.GROSS_AMOUNT, new BigDecimal("1250"));
    bill.put(BillField.NOTE, "");
    EnumMap<LineItemField, Object> item = new EnumMap<>(LineItemField.class);
    item.put(LineItemField.ID, 1L);
    item.put(LineItemField.ITEM_CODE, "SKU1");
    item.put(LineItemField.AMOUNT, new BigDecimal("600"));
    item.put(LineItemField.QTY, new BigDecimal("2"));
    return new EventRecord(
        new LedgerEvent(
            new EventHeader(
                50406,
                18608683,
                1001,
                77L,
                "TransactionAdd",
                LedgerTime.parse("2024-08-20T11:29:02.250Z"),
                50681412L,
                "2151165932",
                "aBcdEfG1H2"),
            new EventSections(
                List.of(
                    new PointsEntry(Bucket.REGULAR, new Fields<>(regular)),
                    new PointsEntry(Bucket.PROMO, new Fields<>(promo)),
                    new PointsEntry(Bucket.PROMISED, new Fields<>(promised))),
                new Bill(new Fields<>(bill), List.of(new LineItem(new Fields<>(item)))),
                List.of(new NameValue("channel", "app")),
                List.of(new NameValue("referrer", null)),
                List.of(
                    new PaymentMode("UPI", new BigDecimal("1200")), new PaymentMode("CASH", null)),
                List.of(
                    new AlternateCurrency(
                        "stars",
                        "STR",
                        new PointsEntry(
                            Bucket.REGULAR,
                            new Fields<>(
                                Map.of(
                                    PointsField.VALUE,
                                    new BigDecimal("3"),
                                    PointsField.EXPIRES_ON,
                                    LocalDate.parse("2025-08-20"))))),
                    new AlternateCurrency(
                        "coins",
                        null,
                        new PointsEntry(
                            Bucket.PROMO,
                            new Fields<>(new EnumMap<PointsField, Object>(PointsField.class))))))));
  }
}

package com.ledgerexplode.json.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.Customer;
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
import com.ledgerexplode.ledger.SnapshotRecord.EventRecord;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotReaderTest {

  static final String EVENT =
      """
      {"kind":"event","orgId":50406,"customerId":1001,"groupId":77,"eventLogId":18608683,\
      "eventName":"TransactionAdd","eventTime":"2024-08-20T16:59:02.123456+05:30","tillId":50681412,\
      "eventReferenceId":2151165932,"uniqueId":"aBcdEfG1H2",\
      "points":[{"bucket":"regular","value":"120.000","programId":1,"expiresOn":"2025-08-20",\
      "awardedOn":"2024-08-20T11:29:02Z","sourceValue":1200.00,"lineItemId":1},\
      {"bucket":"promo","value":50,"promotionId":9},{"bucket":"promised","value":"30",\
      "conversionDate":"2024-09-20"}],\
      "bill":{"type":"REGULAR","grossAmount":"1250","billDate":"2024-08-20T11:29:02Z",\
      "lineItems":[{"id":1,"itemCode":"SKU1","qty":"2.50"}]},\
      "customFields":[{"name":"channel","value":"app"}],"extendedFields":[{"name":"zone"}],\
      "paymentModes":[{"mode":"UPI","amount":"1200.10"}],\
      "alternateCurrencies":[{"name":"stars","identifier":"STR","bucket":"regular","value":"3.0",\
      "expiresOn":"2025-08-20"}]}""";

  private static SnapshotRecord read(String line) throws SnapshotLineException {
    try (SnapshotReader reader = new SnapshotReader(new StringReader(line))) {
      return reader.next();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String reasonFor(String line) {
    try {
      read(line);
    } catch (SnapshotLineException e) {
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.getMessage()).isEqualTo("line 1: " + e.reason());
      return e.reason();
    }
    throw new AssertionError("no error for " + line);
  }

  @Test
  void everyKindIsReadWithAllItsFields() throws Exception {
    String snapshot =
        """
        {"kind":"org","orgId":50406,"name":"Brand A","connectedOrgIds":[4000218]}

        {"kind":"customer","orgId":50406,"customerId":1001,"identifiers":[\
        {"name":"MOBILE","value":"917406401004","source":"instore"},\
        {"name":"email","value":"Ana@Example.com","source":"WECHAT","accountId":"wx-main"}]}
        {"kind":"group","orgId":50406,"groupId":77,"primaryCustomerId":1001,"memberCustomerIds":[1001,1002]}
        """;
    List<SnapshotRecord> records = new ArrayList<>();
    try (SnapshotReader reader = new SnapshotReader(new StringReader(snapshot))) {
      for (SnapshotRecord r = reader.next(); r != null; r = reader.next()) {
        records.add(r);
      }
      assertThat(reader.lineNumber()).isEqualTo(4);
    }
    assertThat(records)
        .containsExactly(
            new SnapshotRecord.OrgRecord(new Org(50406, "Brand A", List.of(4000218L))),
            new SnapshotRecord.CustomerRecord(
                new Customer(
                    50406,
                    1001,
                    List.of(
                        new Identifier("mobile", "917406401004", "INSTORE", null),
                        new Identifier("email", "Ana@Example.com", "WECHAT", "wx-main")))),
            new SnapshotRecord.GroupRecord(new Group(50406, 77, 1001L, List.of(1001L, 1002L))));
  }

  @Test
  void anEventKeepsDecimalsExactWithTheirScaleAndTimesWithTheirFractionDigits() throws Exception {
    LedgerEvent event = ((SnapshotRecord.EventRecord) read(EVENT)).event();
    assertThat(event.header().eventTime())
        .isEqualTo(new LedgerTime(Instant.parse("2024-08-20T11:29:02.123456Z"), 6));
    assertThat(event.header().eventReferenceId()).isEqualTo("2151165932");
    assertThat(event.header().groupId()).isEqualTo(77L);
    List<PointsEntry> points = event.sections().points();
    assertThat(points)
        .extracting(PointsEntry::bucket)
        .containsExactly(Bucket.REGULAR, Bucket.PROMO, Bucket.PROMISED);
    assertThat((BigDecimal) points.get(0).fields().get(PointsField.VALUE)).hasToString("120.000");
    assertThat((BigDecimal) points.get(0).fields().get(PointsField.SOURCE_VALUE))
        .hasToString("1200.00");
    assertThat((BigDecimal) points.get(1).fields().get(PointsField.VALUE)).hasToString("50");
    assertThat(points.get(0).fields().get(PointsField.EXPIRES_ON))
        .isEqualTo(LocalDate.of(2025, 8, 20));
    assertThat(points.get(0).fields().get(PointsField.PROGRAM_ID)).isEqualTo(1L);
    assertThat(points.get(2).fields().get(PointsField.CONVERSION_DATE))
        .isEqualTo(LocalDate.of(2024, 9, 20));
    assertThat(event.sections().bill()).isNotNull();
    assertThat(event.sections().bill().fields().get(BillField.BILL_DATE))
        .isEqualTo(new LedgerTime(Instant.parse("2024-08-20T11:29:02Z"), 0));
    assertThat(
            (BigDecimal) event.sections().bill().lineItems().get(0).fields().get(LineItemField.QTY))
        .hasToString("2.50");
    assertThat(event.sections().customFields()).containsExactly(new NameValue("channel", "app"));
    assertThat(event.sections().extendedFields()).containsExactly(new NameValue("zone", null));
    assertThat(event.sections().paymentModes())
        .containsExactly(new PaymentMode("UPI", new BigDecimal("1200.10")));
    assertThat(
            (BigDecimal)
                event
                    .sections()
                    .alternateCurrencies()
                    .get(0)
                    .entry()
                    .fields()
                    .get(PointsField.VALUE))
        .hasToString("3.0");
  }

  @Test
  void aDecimalGivenAsAJsonNumberIsNeverReadThroughDouble() throws Exception {
    String line =
        """
        {"kind":"event","orgId":1,"customerId":2,"eventLogId":3,\
        "points":[{"bucket":"regular","value":0.1000000000000000000000001}]}""";
    LedgerEvent event = ((SnapshotRecord.EventRecord) read(line)).event();
    assertThat((BigDecimal) event.sections().points().get(0).fields().get(PointsField.VALUE))
        .hasToString("0.1000000000000000000000001");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"kind\":\"evnt\",\"orgId\":1} | unknown kind 'evnt'",
        "{\"orgId\":1} | kind is missing",
        "{\"kind\":7} | kind: not a string: 7",
        "[1,2] | not a JSON object",
        "{\"kind\":\"org\",\"orgId\":1,\"orgId\":2} | `not JSON: Duplicate Object property \"orgId\"`",
        "{\"kind\":\"org\"} | org: orgId is missing",
        "{\"kind\":\"org\",\"orgId\":\"1\"} | orgId: not an integer: '1'",
        "{\"kind\":\"org\",\"orgId\":1.5} | orgId: not an integer: 1.5",
        "{\"kind\":\"org\",\"orgId\":1,\"connectedOrgIds\":[2,2]} | connectedOrgIds[1]: 2 is listed twice",
        "{\"kind\":\"org\",\"orgId\":1,\"connectedOrgIds\":2} | connectedOrgIds: not an array: 2",
        "{\"kind\":\"customer\",\"orgId\":1} | customer: customerId is missing",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":2,\"identifiers\":[{\"name\":\"mobile\",\"value\":\"9\"}]} | identifiers[0]: source is missing",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":2,\"identifiers\":[{\"name\":\"phone\",\"value\":\"9\",\"source\":\"INSTORE\"}]} | identifiers[0].name: not one of mobile, email, externalid: 'phone'",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":2,\"identifiers\":[{\"name\":\"id\",\"value\":\"9\",\"source\":\"INSTORE\"}]} | identifiers[0].name: not one of mobile, email, externalid: 'id' (id is the customerId and is not listed)",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":2,\"identifiers\":[{\"name\":\"mobile\",\"value\":\"9\",\"source\":\"ALL\"}]} | identifiers[0].source: not a source: 'ALL' (ALL matches every source; it is no source)",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":2,\"identifiers\":[{\"name\":\"mobile\",\"value\":\"9\",\"source\":\"SHOP\"}]} | identifiers[0].source: not a source: 'SHOP'",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":2,\"identifiers\":[{\"name\":\"mobile\",\"value\":\" \",\"source\":\"INSTORE\"}]} | identifiers[0].value: is blank",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":2,\"identifiers\":[{\"name\":\"mobile\",\"value\":\"9\",\"source\":\"INSTORE\",\"account\":\"x\"}]} | identifiers[0]: unknown field 'account'",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":2,\"identifiers\":[{\"name\":\"mobile\",\"value\":\"9\",\"source\":\"INSTORE\"},{\"name\":\"mobile\",\"value\":\"9\",\"source\":\"instore\"}]} | identifiers[1]: the same identifier is listed twice",
        "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":2,\"identifiers\":[\"9\"]} | identifiers[0]: not an object: '9'",
        "{\"kind\":\"group\",\"orgId\":1} | group: groupId is missing",
        "{\"kind\":\"group\",\"orgId\":1,\"groupId\":2,\"memberCustomerIds\":[1,\"x\"]} | memberCustomerIds[1]: not an integer: 'x'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2} | event: eventLogId is missing",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"pointz\":[]} | event: unknown field 'pointz'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"points\":[{\"bucket\":\"regular\"},{\"bucket\":\"promo\"},{\"bucket\":\"promo\",\"value\":\"abc\"}]} | points[2].value: not a decimal: 'abc'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"points\":[{\"value\":\"1\"}]} | points[0]: bucket is missing",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"points\":[{\"bucket\":\"bonus\"}]} | points[0].bucket: not one of regular, promo, promised: 'bonus'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"points\":[{\"bucket\":\"regular\",\"expiresOn\":\"2025-02-30\"}]} | points[0].expiresOn: not a date (yyyy-MM-dd): '2025-02-30'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"points\":[{\"bucket\":\"regular\",\"value\":true}]} | points[0].value: not a decimal: true",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventTime\":\"2024-08-20 11:29:02\"} | eventTime: not an ISO-8601 timestamp with offset: '2024-08-20 11:29:02'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventTime\":\"2024-08-20T11:29:02\"} | eventTime: not an ISO-8601 timestamp with offset: '2024-08-20T11:29:02'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventTime\":\"2024-08-20T11:29:02.1234567Z\"} | eventTime: finer than microseconds: '2024-08-20T11:29:02.1234567Z'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventReferenceId\":1.5} | eventReferenceId: not a string or an integer: 1.5",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventName\":5} | eventName: not a string: 5",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"bill\":[]} | bill: not an object: []",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"bill\":{\"total\":\"1\"}} | bill: unknown field 'total'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"bill\":{\"lineItems\":[{\"id\":1},{\"rate\":\"x1\"}]}} | bill.lineItems[1].rate: not a decimal: 'x1'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"customFields\":[{\"value\":\"x\"}]} | customFields[0]: name is missing",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"paymentModes\":[{\"mode\":\"UPI\",\"amount\":\"1,2\"}]} | paymentModes[0].amount: not a decimal: '1,2'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"alternateCurrencies\":[{\"name\":\"s\",\"expires\":\"x\"}]} | alternateCurrencies[0]: unknown field 'expires'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"alternateCurrencies\":[{\"name\":\"s\",\"value\":\"1\"}]} | alternateCurrencies[0]: bucket is missing",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventName\":\"PointsRedemption\",\"details\":{\"reason\":\"x\"}} | details.reason: does not belong to a PointsRedemption (it has [redemptionDetails])",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventName\":\"CustomerRegistration\",\"blocks\":{\"importMeta\":{}}} | blocks.importMeta: does not belong to a CustomerRegistration (it has no blocks)",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"details\":{\"reason\":\"x\"}} | details: an event named nothing has none: its type, one of the vendor's event names, decides them",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventName\":\"AllocateGoodwillPoints\",\"details\":{\"reason\":null}} | details.reason: is null (leave an absent value out)",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventName\":\"PointsRedemption\",\"details\":{\"redemptionDetails\":{\"billingTime\":\"2024-10-02T10:00:00Z\",\"billingTimeISO\":\"2024-10-02T10:00:00Z\"}}} | details.redemptionDetails.billingTimeISO: the export writes a time's ISO twin; give billingTime alone",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventName\":\"PointsRedemption\",\"details\":{\"redemptionDetails\":{\"pointsRedeemed\":20.0}}} | details.redemptionDetails.pointsRedeemed: the vendor writes it as a string: 20.0",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventName\":\"PointsRedemption\",\"blocks\":{\"pointsBreakup\":[{\"points\":20.0,\"programId\":\"1\"}]}} | blocks.pointsBreakup[0].points: the vendor writes it as a string: 20.0",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventName\":\"PointsTransfer\",\"blocks\":{\"transferredFrom\":{\"userId\":\"1\",\"pointsTransferDetails\":[{\"points\":\"4\",\"programId\":1}]}}} | blocks.transferredFrom.pointsTransferDetails[0].programId: the vendor writes it as a string: 1",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventName\":\"VoucherRedemption\",\"blocks\":{\"voucherRedemptionDetails\":{\"redeemDate\":\"2024-13-01\"}}} | blocks.voucherRedemptionDetails.redeemDate: not an ISO-8601 time: '2024-13-01'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventName\":\"VoucherRedemption\",\"blocks\":{\"voucherRedemptionDetails\":{\"redeemDate\":\"2024-10-05T04:30:00.0000001Z\"}}} | blocks.voucherRedemptionDetails.redeemDate: finer than microseconds: '2024-10-05T04:30:00.0000001Z'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"points\":[{\"bucket\":\"regular\",\"awardedOn\":\"2024-08-20T11:29:02.123456789Z\"}]} | points[0].awardedOn: finer than microseconds: '2024-08-20T11:29:02.123456789Z'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"bill\":{\"returnDate\":\"2024-08-20T11:29:02.000000500Z\"}} | bill.returnDate: finer than microseconds: '2024-08-20T11:29:02.000000500Z'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"eventName\":\"TargetCompleted\",\"points\":[{\"bucket\":\"promo\"},{\"bucket\":\"regular\"}]} | points[1]: a TargetCompleted earns no regular points",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"points\":[{\"bucket\":\"promised\",\"delayStrategy\":\"SOMEDAY\"}]} | points[0].delayStrategy: not one of FIXED_DATE, RETURN_DATE, EXTENDED_FIELD, EXTERNAL_TRIGGER: 'SOMEDAY'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"points\":[{\"bucket\":\"regular\",\"delayStrategy\":\"FIXED_DATE\"}]} | points[0].delayStrategy: belongs to promised entries, not regular",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"points\":[{\"bucket\":\"promo\",\"returnPoints\":\"1\"}]} | points[0].returnPoints: belongs to regular entries, not promo",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"points\":[{\"bucket\":\"regular\",\"returnedPoints\":\"1\"}]} | points[0].returnedPoints: belongs to promo entries, not regular",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"bill\":{\"lineItems\":[{\"id\":1,\"pointsEarned\":\"6\"}]}} | bill.lineItems[0]: unknown field 'pointsEarned'",
        "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,\"bill\":{\"lineItems\":[{\"id\":1,\"points\":[{\"value\":\"6\"}]}]}} | bill.lineItems[0].points[0]: bucket is missing",
      })
  void aMalformedLineIsRejectedWithAnExactReason(String line, String reason) {
    assertThat(reasonFor(line)).isEqualTo(reason);
  }

  @Test
  void aLineItemsOwnPointsAndAnAlternateCurrencysBucketAreRead() throws Exception {
    LedgerEvent event =
        ((EventRecord)
                read(
                    "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,"
                        + "\"bill\":{\"lineItems\":[{\"id\":1,\"source\":\"instore\","
                        + "\"grossAmount\":\"10.0\",\"discount\":\"1\",\"points\":"
                        + "[{\"bucket\":\"promised\",\"value\":\"6\",\"delayStrategy\":\"RETURN_DATE\"}]}]},"
                        + "\"alternateCurrencies\":[{\"name\":\"stars\",\"bucket\":\"promo\","
                        + "\"value\":\"2\",\"promotionId\":9}]}"))
            .event();
    LineItem line = event.sections().bill().lineItems().get(0);
    assertThat(line.fields().values())
        .containsEntry(LineItemField.SOURCE, "instore")
        .containsEntry(LineItemField.GROSS_AMOUNT, new BigDecimal("10.0"))
        .containsEntry(LineItemField.DISCOUNT, new BigDecimal("1"));
    assertThat(line.points().get(0).bucket()).isEqualTo(Bucket.PROMISED);
    assertThat(line.points().get(0).fields().get(PointsField.DELAY_STRATEGY))
        .isEqualTo("RETURN_DATE");
    assertThat(event.sections().alternateCurrencies().get(0).entry().bucket())
        .isEqualTo(Bucket.PROMO);
    assertThat(
            event
                .sections()
                .alternateCurrencies()
                .get(0)
                .entry()
                .fields()
                .get(PointsField.PROMOTION_ID))
        .isEqualTo(9L);
  }

  @Test
  void aTypesDetailsAndBlocksAreKeptInTheirOrderWithTimesInUtcWithTheirDigits() throws Exception {
    LedgerEvent event =
        ((EventRecord)
                read(
                    "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,"
                        + "\"eventName\":\"VoucherRedemption\",\"blocks\":{"
                        + "\"voucherRedemptionDetails\":{\"voucherIssuedId\":12,"
                        + "\"voucherSeriesId\":7,\"redeemedVoucherCode\":\"V-1\","
                        + "\"redeemDate\":\"2024-10-05T10:00:00+05:30\"}}}"))
            .event();
    Object details = event.header().typeDetail().blocks().get("voucherRedemptionDetails");
    assertThat(details)
        .isEqualTo(
            new java.util.LinkedHashMap<>(
                java.util.Map.of(
                    "voucherIssuedId",
                    new BigDecimal("12"),
                    "voucherSeriesId",
                    new BigDecimal("7"),
                    "redeemedVoucherCode",
                    "V-1",
                    "redeemDate",
                    new LedgerTime(Instant.parse("2024-10-05T04:30:00Z"), 0))));
    assertThat(new ArrayList<Object>(((java.util.Map<?, ?>) details).keySet()))
        .containsExactly("voucherIssuedId", "voucherSeriesId", "redeemedVoucherCode", "redeemDate");
  }

  @Test
  void aTimesFractionDigitsAreReadAsWritten() throws Exception {
    List<Integer> digits = new ArrayList<>();
    for (String time :
        List.of(
            "2024-08-20T11:29:02Z",
            "2024-08-20T11:29:02.0Z",
            "2024-08-20T11:29:02.5Z",
            "2024-08-20T11:29:02.120Z",
            "2024-08-20T16:59:02.50+05:30",
            "2024-08-20T11:29:02.123456000Z")) {
      LedgerEvent event =
          ((EventRecord)
                  read(
                      "{\"kind\":\"event\",\"orgId\":1,\"customerId\":2,\"eventLogId\":3,"
                          + "\"eventTime\":\""
                          + time
                          + "\"}"))
              .event();
      digits.add(event.header().eventTime().fractionDigits());
    }
    assertThat(digits).containsExactly(0, 1, 1, 3, 2, 9);
  }

  @Test
  void textThatIsNotJsonSaysSo() {
    assertThat(reasonFor("{\"kind\":\"org\",")).startsWith("not JSON: ");
    assertThat(reasonFor("{\"kind\":\"org\",\"orgId\":1} {}")).startsWith("not JSON: ");
  }

  @Test
  void afterABadLineReadingGoesOnWithTheNextAndCountsLines() throws Exception {
    String snapshot =
        "{\"kind\":\"org\",\"orgId\":1}\n\n{\"kind\":\"evnt\"}\n{\"kind\":\"org\",\"orgId\":2}\n";
    try (SnapshotReader reader = new SnapshotReader(new StringReader(snapshot))) {
      assertThat(reader.next()).isInstanceOf(SnapshotRecord.OrgRecord.class);
      assertThatThrownBy(reader::next)
          .isInstanceOf(SnapshotLineException.class)
          .hasMessage("line 3: unknown kind 'evnt'");
      assertThat(reader.next())
          .isEqualTo(new SnapshotRecord.OrgRecord(new Org(2, null, List.of())));
      assertThat(reader.lineNumber()).isEqualTo(4);
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void nullMeansNotGiven() throws Exception {
    assertThat(read("{\"kind\":\"group\",\"orgId\":1,\"groupId\":2,\"primaryCustomerId\":null}"))
        .isEqualTo(new SnapshotRecord.GroupRecord(new Group(1, 2, null, List.of())));
  }
}

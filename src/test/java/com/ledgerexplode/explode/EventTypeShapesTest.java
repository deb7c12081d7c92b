package com.ledgerexplode.explode;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.json.JsonValues;
import com.ledgerexplode.json.api.EventJson;
import com.ledgerexplode.store.SnapshotImporter;
import com.ledgerexplode.testing.TestDatabase;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonGenerator;

/**
 * Each of the vendor's sixteen event types, exploded whole: a ledger of that one event
 * (PRODUCT.md's snapshot format, with the type's {@code details} and {@code blocks}), a request
 * with the flags that show its sections, and the event object expected, written out from the
 * vendor's shape for the type (vendor-response-shapes.md §3 to §6) and PRODUCT.md's binding
 * choices. Each on H2 and on PostgreSQL.
 */
class EventTypeShapesTest {
  private static final String ORG =
      """
      {"kind":"org","orgId":50406,"name":"Brand A"}""";

  private static final String ANA =
      """
      {"kind":"customer","orgId":50406,"customerId":1001,"identifiers":[
        {"name":"mobile","value":"917406401004","source":"INSTORE"}]}""";

  @TempDir Path dir;

  /** The event object the engine answers for a ledger of {@code event} (and Ana, its customer). */
  private String explode(TestDatabase db, String event, String... params) throws Exception {
    return explode(db, List.of(ORG, ANA, event), params);
  }

  private String explode(TestDatabase db, List<String> records, String... params) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String record : records) {
      lines.add(compact(record));
    }
    Path snapshot = dir.resolve("ledger.jsonl");
    Files.write(snapshot, lines);
    DataSource dataSource = db.createEmpty();
    new SnapshotImporter(dataSource).importSnapshot(snapshot, false);
    List<String> request =
        new ArrayList<>(
            List.of("identifierName=mobile", "identifierValue=917406401004", "source=INSTORE"));
    request.addAll(List.of(params));
    ApiResponse response =
        FixtureLedgers.engine(dataSource, DataScope.SELF, List.of())
            .answer(List.of(FixtureLedgers.request(request.toArray(String[]::new))))
            .get(0);
    assertThat(response.error()).as("error").isNull();
    assertThat(response.warnings()).as("warnings").isEmpty();
    assertThat(response.events()).hasSize(1);
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonValues.generator(out, false)) {
      g.writeStartObject();
      EventJson.writeEventFields(g, response.events().get(0));
      g.writeEndObject();
    }
    return out.toString();
  }

  /** JSON laid out for reading, as one line: the whitespace outside its strings removed. */
  private static String compact(String json) {
    StringBuilder line = new StringBuilder(json.length());
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        line.append(c);
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        line.append(c);
      } else if (!Character.isWhitespace(c)) {
        line.append(c);
      }
    }
    return line.toString();
  }

  private static void assertShape(String actual, String expected) {
    assertThat(actual).isEqualTo(compact(expected));
  }

  // --- Bill events: points inside billDetails ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aNewBillCarriesItsPointsCurrenciesAndLinesInsideBillDetailsAndItsSlabsAsABlock(
      TestDatabase db) throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610001,
         "eventName":"NewBill","eventTime":"2024-08-20T11:29:02Z","tillId":50681412,
         "eventReferenceId":"2151165932","uniqueId":"nBl0001aaa",
         "points":[
           {"bucket":"regular","value":"120.000","programId":1,"programName":"Main",
            "expiresOn":"2025-08-20","expiryType":"fixed","awardedOn":"2024-08-20T11:29:02Z",
            "sourceValue":"1200.00","allocationStrategyId":3,"allocationStrategyName":"Spend10",
            "pointsCategoryId":1,"pointsCategoryName":"Main","expiryStrategyId":2,
            "expiryStrategyName":"12 months","lineItemId":1},
           {"bucket":"promo","value":"50","promotionId":9,"promotionName":"Diwali x2",
            "programId":1,"programName":"Main","expiresOn":"2025-02-20","expiryType":"rolling",
            "promotionStartDate":"2024-08-01","promotionEndDate":"2024-08-31",
            "awardedOn":"2024-08-20T11:29:02Z","sourceValue":"1200.00",
            "pointsCategoryId":1,"pointsCategoryName":"Main"},
           {"bucket":"promised","value":"30","conversionDate":"2024-09-20","programId":1,
            "programName":"Main","awardedOn":"2024-08-20T11:29:02Z","sourceValue":"1200.00",
            "pointsCategoryId":4,"pointsCategoryName":"DelayedAccrualPointCategory",
            "delayStrategy":"FIXED_DATE"},
           {"bucket":"promised","value":"2","conversionDate":"2024-12-01",
            "delayStrategy":"EXTERNAL_TRIGGER"}],
         "bill":{"type":"loyalty","billNumber":"B-1","grossAmount":"1250","discount":"50",
           "billAmount":"1200","note":"","source":"instore","billDate":"2024-08-20T11:29:02Z",
           "lineItems":[
             {"id":5291920451004507633,"itemCode":"SKU1","source":"instore","grossAmount":"650",
              "discount":"50","amount":"600","rate":"300","qty":"2.0",
              "points":[{"bucket":"regular","value":"60.000","programId":1,"programName":"Main"}]},
             {"id":2,"itemCode":"SKU2","amount":"600.00","rate":"200.00","qty":"3"}]},
         "customFields":[{"name":"channel","value":"app"}],
         "extendedFields":[{"name":"store_zone","value":"north"}],
         "paymentModes":[{"mode":"UPI","amount":"1000"},{"mode":"CASH","amount":"200.00"}],
         "alternateCurrencies":[
           {"name":"stars","identifier":"STR","bucket":"regular","value":"3",
            "expiresOn":"2025-08-20","programId":1,"programName":"Main","expiryType":"fixed",
            "awardedOn":"2024-08-20T11:29:02Z","sourceValue":"1200.00","pointsCategoryId":7,
            "pointsCategoryName":"stars_PointCategory"}],
         "blocks":{"pointInTimeSlabs":[{"pointInTimeSlabNumber":2,"pointInTimeSlabName":"Gold",
           "programId":1,"isDefaultProgram":true}]}}""";
    assertShape(
        explode(
            db,
            event,
            "eventIds=18610001",
            "getBillDetails=true",
            "getPointsEarnedBreakup=true",
            "getCustomFields=true",
            "getExtendedFields=true",
            "getPaymentMode=true",
            "getMaxConversionDetails=true",
            "includeAlternateCurrencies=true"),
        """
        {"eventLogId":18610001,"eventName":"NewBill",
         "eventDetails":{"eventTime":"2024-08-20 11:29:02.0","eventTimeISO":"2024-08-20T11:29:02Z",
           "tillId":50681412,"maxConversionDate":"2024-09-20 00:00:00.0"},
         "billDetails":{"type":"loyalty","billNumber":"B-1","grossAmount":1250,"discount":50,
           "billAmount":1200,"note":"","source":"instore","billDate":"2024-08-20 11:29:02.0",
           "billDateISO":"2024-08-20T11:29:02Z",
           "pointsEarned":{
             "regular":[{"value":120.000,"expiresOn":"2025-08-20 00:00:00.0",
               "expiresOnISO":"2025-08-20T00:00:00Z","programId":1,"programName":"Main",
               "expiryType":"fixed"}],
             "promo":[{"promotionId":9,"promotionName":"Diwali x2","programId":1,
               "programName":"Main","value":50,"expiresOn":"2025-02-20 00:00:00.0",
               "expiresOnISO":"2025-02-20T00:00:00Z","expiryType":"rolling",
               "promotionStartDate":"2024-08-01 00:00:00.0",
               "promotionEndDate":"2024-08-31 00:00:00.0"}],
             "promised":[
               {"value":30,"conversionDate":"2024-09-20 00:00:00.0","programId":1,
                "programName":"Main"},
               {"value":2,"conversionDate":"2024-12-01 00:00:00.0"}]},
           "pointsEarnedBreakup":{
             "regular":[
               {"value":120.000,"expiresOn":"2025-08-20 00:00:00.0",
                "expiresOnISO":"2025-08-20T00:00:00Z","awardedOn":"2024-08-20 11:29:02.0",
                "awardedOnISO":"2024-08-20T11:29:02Z","sourceValue":1200.00,"programId":1,
                "programName":"Main","allocationStrategyId":3,"allocationStrategyName":"Spend10",
                "pointsCategoryId":1,"pointsCategoryName":"Main","expiryStrategyId":2,
                "expiryStrategyName":"12 months","expiryType":"fixed"},
               {"value":50,"expiresOn":"2025-02-20 00:00:00.0",
                "expiresOnISO":"2025-02-20T00:00:00Z","awardedOn":"2024-08-20 11:29:02.0",
                "awardedOnISO":"2024-08-20T11:29:02Z","sourceValue":1200.00,"programId":1,
                "programName":"Main","pointsCategoryId":1,"pointsCategoryName":"Main",
                "expiryType":"rolling",
                "promotionDetails":{"promotionId":9,"promotionName":"Diwali x2"}}],
             "promised":[
               {"value":30,"conversionDate":"2024-09-20 00:00:00.0",
                "awardedOn":"2024-08-20 11:29:02.0","awardedOnISO":"2024-08-20T11:29:02Z",
                "sourceValue":1200.00,"programId":1,"programName":"Main","pointsCategoryId":4,
                "pointsCategoryName":"DelayedAccrualPointCategory"},
               {"value":2,"conversionDate":"2024-12-01 00:00:00.0"}]},
           "alternateCurrencyValueEarned":[
             {"regular":[{"value":3,"expiresOn":"2025-08-20 00:00:00.0",
                "expiresOnISO":"2025-08-20T00:00:00Z","programId":1,"programName":"Main",
                "expiryType":"fixed"}],
              "promo":[],"promised":[],
              "alternateCurrencyName":"stars","alternateCurrencyIdentifier":"STR"}],
           "alternateCurrencyValueEarnedBreakup":[
             {"regular":[{"value":3,"expiresOn":"2025-08-20 00:00:00.0",
                "expiresOnISO":"2025-08-20T00:00:00Z","awardedOn":"2024-08-20 11:29:02.0",
                "awardedOnISO":"2024-08-20T11:29:02Z","sourceValue":1200.00,"programId":1,
                "programName":"Main","pointsCategoryId":7,
                "pointsCategoryName":"stars_PointCategory","expiryType":"fixed"}],
              "promised":[],
              "alternateCurrencyName":"stars","alternateCurrencyIdentifier":"STR"}],
           "lineItems":[
             {"id":5291920451004507633,"itemCode":"SKU1","source":"instore","grossAmount":650,
              "discount":50,"amount":600,"rate":300,"qty":2.0,
              "pointsEarned":{"regular":[{"value":60.000,"programId":1,"programName":"Main"}],
                "promo":[],"promised":[]}},
             {"id":2,"itemCode":"SKU2","amount":600.00,"rate":200.00,"qty":3}]},
         "customFields":[{"name":"channel","value":"app"}],
         "extendedFields":[{"name":"store_zone","value":"north"}],
         "paymentModes":["UPI","CASH"],
         "pointInTimeSlabs":[{"pointInTimeSlabNumber":2,"pointInTimeSlabName":"Gold",
           "programId":1,"isDefaultProgram":true}],
         "eventReferenceId":"2151165932","uniqueId":"nBl0001aaa","orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aTransactionAddsMaxConversionDateIsTheLatestOfItsOwnFixedOrReturnDatePromisedEntries(
      TestDatabase db) throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610002,
         "eventName":"TransactionAdd","eventTime":"2024-08-21T09:00:00Z","tillId":50681412,
         "eventReferenceId":"2151165933",
         "points":[
           {"bucket":"regular","value":"12.30","programId":1,"programName":"Main"},
           {"bucket":"promised","value":"10","conversionDate":"2024-09-30",
            "delayStrategy":"FIXED_DATE"},
           {"bucket":"promised","value":"4","conversionDate":"2024-10-15",
            "delayStrategy":"RETURN_DATE"},
           {"bucket":"promised","value":"3","conversionDate":"2024-12-24",
            "delayStrategy":"EXTENDED_FIELD"}],
         "bill":{"billNumber":"B-2","billAmount":"100","billDate":"2024-08-21T09:00:00Z",
           "lineItems":[{"id":1,"itemCode":"SKU9","amount":"100","rate":"100","qty":"1",
             "points":[{"bucket":"promised","value":"5","conversionDate":"2025-01-31",
               "delayStrategy":"FIXED_DATE"}]}]}}""";
    assertShape(
        explode(
            db, event, "eventIds=18610002", "getBillDetails=true", "getMaxConversionDetails=true"),
        """
        {"eventLogId":18610002,"eventName":"TransactionAdd",
         "eventDetails":{"eventTime":"2024-08-21 09:00:00.0","eventTimeISO":"2024-08-21T09:00:00Z",
           "tillId":50681412,"maxConversionDate":"2024-10-15 00:00:00.0"},
         "billDetails":{"billNumber":"B-2","billAmount":100,"billDate":"2024-08-21 09:00:00.0",
           "billDateISO":"2024-08-21T09:00:00Z",
           "pointsEarned":{
             "regular":[{"value":12.30,"programId":1,"programName":"Main"}],
             "promo":[],
             "promised":[{"value":10,"conversionDate":"2024-09-30 00:00:00.0"},
               {"value":4,"conversionDate":"2024-10-15 00:00:00.0"},
               {"value":3,"conversionDate":"2024-12-24 00:00:00.0"}]},
           "lineItems":[{"id":1,"itemCode":"SKU9","amount":100,"rate":100,"qty":1,
             "pointsEarned":{"regular":[],"promo":[],
               "promised":[{"value":5,"conversionDate":"2025-01-31 00:00:00.0"}]}}]},
         "eventReferenceId":"2151165933","orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aGroupTransactionAddWithoutABillStillHasBillDetailsWithItsPointsAndNoLines(TestDatabase db)
      throws Exception {
    String group =
        """
        {"kind":"group","orgId":50406,"groupId":77,"primaryCustomerId":1001,
         "memberCustomerIds":[1001,1002]}""";
    String ben =
        """
        {"kind":"customer","orgId":50406,"customerId":1002,"identifiers":[
          {"name":"mobile","value":"919000000002","source":"INSTORE"}]}""";
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1002,"groupId":77,"eventLogId":18610003,
         "eventName":"GroupTransactionAdd","eventTime":"2024-08-22T12:00:00+05:30",
         "tillId":50681412,"eventReferenceId":"G-3","uniqueId":"gTa0003ccc",
         "points":[{"bucket":"regular","value":"7","programId":2,"programName":"Family",
           "expiresOn":"2025-08-22","expiryType":"rolling"}],
         "paymentModes":[{"mode":"Others","amount":"70"}],
         "alternateCurrencies":[{"name":"Coins","identifier":"CN","bucket":"promised",
           "value":"1.25","conversionDate":"2024-09-22","programId":2,"programName":"Family"}],
         "blocks":{"pointInTimeSlabs":[
           {"pointInTimeSlabNumber":1,"pointInTimeSlabName":"Silver","programId":1,
            "isDefaultProgram":true},
           {"pointInTimeSlabNumber":3,"pointInTimeSlabName":"Platinum","programId":2,
            "isDefaultProgram":false}]}}""";
    assertShape(
        explode(
            db,
            List.of(ORG, ANA, ben, group, event),
            "eventIds=18610003",
            "type=USERGROUP2",
            "getBillDetails=true",
            "getPaymentMode=true",
            "includeAlternateCurrencies=true"),
        """
        {"eventLogId":18610003,"eventName":"GroupTransactionAdd",
         "eventDetails":{"eventTime":"2024-08-22 06:30:00.0","eventTimeISO":"2024-08-22T06:30:00Z",
           "tillId":50681412},
         "billDetails":{
           "pointsEarned":{
             "regular":[{"value":7,"expiresOn":"2025-08-22 00:00:00.0",
               "expiresOnISO":"2025-08-22T00:00:00Z","programId":2,"programName":"Family",
               "expiryType":"rolling"}],
             "promo":[],"promised":[]},
           "alternateCurrencyValueEarned":[
             {"regular":[],"promo":[],
              "promised":[{"value":1.25,"conversionDate":"2024-09-22 00:00:00.0","programId":2,
                "programName":"Family"}],
              "alternateCurrencyName":"Coins","alternateCurrencyIdentifier":"CN"}],
           "lineItems":[]},
         "paymentModes":["Others"],
         "pointInTimeSlabs":[
           {"pointInTimeSlabNumber":1,"pointInTimeSlabName":"Silver","programId":1,
            "isDefaultProgram":true},
           {"pointInTimeSlabNumber":3,"pointInTimeSlabName":"Platinum","programId":2,
            "isDefaultProgram":false}],
         "eventReferenceId":"G-3","uniqueId":"gTa0003ccc","orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aReturnBillsEntriesEndWithReturnPointsOrReturnedPointsAndItHasNoMaxConversionDate(
      TestDatabase db) throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610004,
         "eventName":"ReturnBill","eventTime":"2024-08-25T10:00:00Z","tillId":50681412,
         "eventReferenceId":"2151165932","uniqueId":"rTb0004ddd",
         "points":[
           {"bucket":"regular","value":"0","programId":1,"programName":"Main",
            "expiresOn":"2025-08-20","expiryType":"fixed","awardedOn":"2024-08-25T10:00:00Z",
            "sourceValue":"600","returnPoints":"60.000"},
           {"bucket":"promo","value":"0","promotionId":9,"promotionName":"Diwali x2",
            "programId":1,"programName":"Main","expiresOn":"2025-02-20","expiryType":"fixed",
            "returnedPoints":"25"},
           {"bucket":"promised","value":"-15","conversionDate":"2024-09-20",
            "delayStrategy":"RETURN_DATE"}],
         "bill":{"type":"RETURN","billNumber":"B-1","grossAmount":"625","discount":"25",
           "billAmount":"600","note":"damaged","source":"instore",
           "billDate":"2024-08-20T11:29:02Z","returnDate":"2024-08-25T10:00:00Z",
           "returnAmount":"600","returnType":"LINE_ITEM","returnBillId":"98765",
           "lineItems":[{"id":1,"itemCode":"SKU1","amount":"-600","rate":"300","qty":"-2"}]}}""";
    assertShape(
        explode(
            db,
            event,
            "eventIds=18610004",
            "getBillDetails=true",
            "getPointsEarnedBreakup=true",
            "getMaxConversionDetails=true"),
        """
        {"eventLogId":18610004,"eventName":"ReturnBill",
         "eventDetails":{"eventTime":"2024-08-25 10:00:00.0","eventTimeISO":"2024-08-25T10:00:00Z",
           "tillId":50681412},
         "billDetails":{"type":"RETURN","billNumber":"B-1","grossAmount":625,"discount":25,
           "billAmount":600,"note":"damaged","source":"instore",
           "billDate":"2024-08-20 11:29:02.0","billDateISO":"2024-08-20T11:29:02Z",
           "returnDate":"2024-08-25 10:00:00.0","returnDateISO":"2024-08-25T10:00:00Z",
           "returnAmount":600,"returnType":"LINE_ITEM","returnBillId":"98765",
           "pointsEarned":{
             "regular":[{"value":0,"expiresOn":"2025-08-20 00:00:00.0",
               "expiresOnISO":"2025-08-20T00:00:00Z","programId":1,"programName":"Main",
               "expiryType":"fixed","returnPoints":60.000}],
             "promo":[{"promotionId":9,"promotionName":"Diwali x2","programId":1,
               "programName":"Main","value":0,"expiresOn":"2025-02-20 00:00:00.0",
               "expiresOnISO":"2025-02-20T00:00:00Z","expiryType":"fixed","returnedPoints":25}],
             "promised":[{"value":-15,"conversionDate":"2024-09-20 00:00:00.0"}]},
           "pointsEarnedBreakup":{
             "regular":[
               {"value":0,"expiresOn":"2025-08-20 00:00:00.0",
                "expiresOnISO":"2025-08-20T00:00:00Z","awardedOn":"2024-08-25 10:00:00.0",
                "awardedOnISO":"2024-08-25T10:00:00Z","sourceValue":600,"programId":1,
                "programName":"Main","expiryType":"fixed","returnPoints":60.000},
               {"value":0,"expiresOn":"2025-02-20 00:00:00.0",
                "expiresOnISO":"2025-02-20T00:00:00Z","programId":1,"programName":"Main",
                "expiryType":"fixed",
                "promotionDetails":{"promotionId":9,"promotionName":"Diwali x2"},
                "returnPoints":25}],
             "promised":[{"value":-15,"conversionDate":"2024-09-20 00:00:00.0"}]},
           "lineItems":[{"id":1,"itemCode":"SKU1","amount":-600,"rate":300,"qty":-2}]},
         "eventReferenceId":"2151165932","uniqueId":"rTb0004ddd","orgId":50406}""");
  }

  // --- Types that spend or move points: no pointsEarned ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aPointsRedemptionHasRedemptionDetailsInEventDetailsAndItsPointsBreakupAndNoPointsEarned(
      TestDatabase db) throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610005,
         "eventName":"PointsRedemption","eventTime":"2024-10-02T10:00:00Z","tillId":50681412,
         "eventReferenceId":"1001","uniqueId":"rDm0005eee",
         "customFields":[{"name":"purpose","value":"gift"}],
         "details":{"redemptionDetails":{"pointsRedeemed":"803.009","redemptionPurpose":"",
           "transactionNumber":"T-77","billingTime":"2024-10-02T15:30:00.680+05:30",
           "externalReferenceNumber":"EXT-9","redemptionId":"Ab12Cd","notes":"null",
           "groupRedemption":false}},
         "blocks":{"pointsBreakup":[
           {"points":"803.009","programId":"1000007","programName":"Main"}]}}""";
    assertShape(
        explode(
            db,
            event,
            "eventIds=18610005",
            "getCustomFields=true",
            "getExtendedFields=true",
            "getPointsEarnedBreakup=true"),
        """
        {"eventLogId":18610005,"eventName":"PointsRedemption",
         "eventDetails":{"eventTime":"2024-10-02 10:00:00.0","eventTimeISO":"2024-10-02T10:00:00Z",
           "tillId":50681412,
           "redemptionDetails":{"pointsRedeemed":"803.009","redemptionPurpose":"",
             "transactionNumber":"T-77","billingTime":"2024-10-02 10:00:00.680",
             "billingTimeISO":"2024-10-02T10:00:00.680Z","externalReferenceNumber":"EXT-9",
             "redemptionId":"Ab12Cd","notes":"null","groupRedemption":false}},
         "customFields":[{"name":"purpose","value":"gift"}],
         "extendedFields":[],
         "pointsBreakup":[{"points":"803.009","programId":"1000007","programName":"Main"}],
         "eventReferenceId":"1001","uniqueId":"rDm0005eee","orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aPointsTransferHasTransferredFromAndToAndNoPointsEarned(TestDatabase db) throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610006,
         "eventName":"PointsTransfer","eventTime":"2024-10-05T08:15:30Z",
         "eventReferenceId":"1001","uniqueId":"pTr0006fff",
         "blocks":{
           "transferredFrom":{"userId":"1001","firstName":"Ana","lastName":"Silva",
             "transferType":"TRANSFER","pointsTransferDetails":[
               {"points":"1000.000","programId":"973","programName":"Main"}]},
           "transferredTo":{"userId":"1002","firstName":"Ben","lastName":"Silva",
             "transferType":"TRANSFER","pointsTransferDetails":[
               {"points":"1000.000","programId":"973","programName":"Main"}]},
           "notes":"1728116130000"}}""";
    assertShape(
        explode(
            db, event, "eventIds=18610006", "getCustomFields=true", "getPointsEarnedBreakup=true"),
        """
        {"eventLogId":18610006,"eventName":"PointsTransfer",
         "eventDetails":{"eventTime":"2024-10-05 08:15:30.0","eventTimeISO":"2024-10-05T08:15:30Z"},
         "customFields":[],
         "transferredFrom":{"userId":"1001","firstName":"Ana","lastName":"Silva",
           "transferType":"TRANSFER","pointsTransferDetails":[
             {"points":"1000.000","programId":"973","programName":"Main"}]},
         "transferredTo":{"userId":"1002","firstName":"Ben","lastName":"Silva",
           "transferType":"TRANSFER","pointsTransferDetails":[
             {"points":"1000.000","programId":"973","programName":"Main"}]},
         "notes":"1728116130000",
         "eventReferenceId":"1001","uniqueId":"pTr0006fff","orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aManualPointsAdjustmentWritesItsDeductionsAfterUniqueIdWithTwinnedTimesAndNoPointsEarned(
      TestDatabase db) throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610015,
         "eventName":"ManualPointsAdjustment","eventTime":"2026-01-07T05:43:40Z",
         "eventReferenceId":"-1","uniqueId":"mPa0015ooo",
         "blocks":{"manualPointsAdjustmentDetails":{"orgId":50406,"customerId":1001,
           "totalPointsDeducted":"100.000","createdOn":"2026-01-07T05:43:40Z","reason":"fraud",
           "pointsDeductionBreakUpDetails":[{"customerId":1001,"loyaltyId":88001,"programId":1,
             "programName":"Main","promotionId":40,"promotionName":"Welcome",
             "pointAwardedRefType":"POINT_AWARDED_CUSTOMER_PROMOTION","pointAwardedRefId":7001,
             "deductionType":"MANUAL_ADJUSTMENT","pointsDeducted":100.0,
             "pointsDeductedStr":"100.000","pointsDeductedCurrencyValue":1.0,
             "pointsDeductedCurrencyValueStr":"1.000","pointsDeductedOn":"2026-01-07T05:43:40Z",
             "pointsDeductedBy":"admin","pointsDeductedById":15,"sourceType":"Bill",
             "awardedTillId":50681412,"awardedTillDate":"2025-01-01T00:00:00Z"}]}}}""";
    assertShape(
        explode(
            db, event, "eventIds=18610015", "getCustomFields=true", "getPointsEarnedBreakup=true"),
        """
        {"eventLogId":18610015,"eventName":"ManualPointsAdjustment",
         "eventDetails":{"eventTime":"2026-01-07 05:43:40.0","eventTimeISO":"2026-01-07T05:43:40Z"},
         "customFields":[],
         "eventReferenceId":"-1","uniqueId":"mPa0015ooo",
         "manualPointsAdjustmentDetails":{"orgId":50406,"customerId":1001,
           "totalPointsDeducted":"100.000","createdOn":"2026-01-07 05:43:40.0",
           "createdOnISO":"2026-01-07T05:43:40Z","reason":"fraud",
           "pointsDeductionBreakUpDetails":[{"customerId":1001,"loyaltyId":88001,"programId":1,
             "programName":"Main","promotionId":40,"promotionName":"Welcome",
             "pointAwardedRefType":"POINT_AWARDED_CUSTOMER_PROMOTION","pointAwardedRefId":7001,
             "deductionType":"MANUAL_ADJUSTMENT","pointsDeducted":100.0,
             "pointsDeductedStr":"100.000","pointsDeductedCurrencyValue":1.0,
             "pointsDeductedCurrencyValueStr":"1.000",
             "pointsDeductedOn":"2026-01-07 05:43:40.0",
             "pointsDeductedOnISO":"2026-01-07T05:43:40Z","pointsDeductedBy":"admin",
             "pointsDeductedById":15,"sourceType":"Bill","awardedTillId":50681412,
             "awardedTillDate":"2025-01-01 00:00:00.0",
             "awardedTillDateISO":"2025-01-01T00:00:00Z"}]},
         "orgId":50406}""");
  }

  // --- Types that earn at event level ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aGoodwillAllocationWritesItsReasonAfterTheTimeAndItsPromotionAtEventLevel(TestDatabase db)
      throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610007,
         "eventName":"AllocateGoodwillPoints","eventTime":"2024-10-06T12:00:00Z",
         "eventReferenceId":"-1","uniqueId":"gWp0007ggg",
         "points":[{"bucket":"promo","value":"25.000","promotionId":501,
           "promotionName":"Goodwill Promotion","programId":1,"programName":"Main",
           "expiresOn":"2025-10-06","expiryType":"fixed","awardedOn":"2024-10-06T12:00:00Z",
           "pointsCategoryId":1,"pointsCategoryName":"Main"}],
         "details":{"reason":"Late delivery","comments":"apology","assocId":0,
           "requestId":4567}}""";
    assertShape(
        explode(
            db,
            event,
            "eventIds=18610007",
            "getPointsEarnedBreakup=true",
            "includeAlternateCurrencies=true"),
        """
        {"eventLogId":18610007,"eventName":"AllocateGoodwillPoints",
         "eventDetails":{"eventTime":"2024-10-06 12:00:00.0","eventTimeISO":"2024-10-06T12:00:00Z",
           "reason":"Late delivery","comments":"apology","assocId":0,"requestId":4567},
         "pointsEarned":{"regular":[],
           "promo":[{"promotionId":501,"promotionName":"Goodwill Promotion","programId":1,
             "programName":"Main","value":25.000,"expiresOn":"2025-10-06 00:00:00.0",
             "expiresOnISO":"2025-10-06T00:00:00Z","expiryType":"fixed"}],
           "promised":[]},
         "pointsEarnedBreakup":{
           "regular":[{"value":25.000,"expiresOn":"2025-10-06 00:00:00.0",
             "expiresOnISO":"2025-10-06T00:00:00Z","awardedOn":"2024-10-06 12:00:00.0",
             "awardedOnISO":"2024-10-06T12:00:00Z","programId":1,"programName":"Main",
             "pointsCategoryId":1,"pointsCategoryName":"Main","expiryType":"fixed",
             "promotionDetails":{"promotionId":501,"promotionName":"Goodwill Promotion"}}],
           "promised":[]},
         "alternateCurrencyValueEarned":[],
         "alternateCurrencyValueEarnedBreakup":[],
         "eventReferenceId":"-1","uniqueId":"gWp0007ggg","orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aCompletedTargetsPointsAndTheirSectionsSitInItsDetailsWithPromoAndPromisedOnly(
      TestDatabase db) throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610008,
         "eventName":"TargetCompleted","eventTime":"2024-10-31T23:59:59Z","tillId":50681412,
         "eventReferenceId":"18610000","uniqueId":"tGt0008hhh",
         "points":[
           {"bucket":"promo","value":"100","promotionId":31,"promotionName":"October target",
            "programId":1,"programName":"Main","expiresOn":"2025-10-31","expiryType":"fixed",
            "awardedOn":"2024-10-31T23:59:59Z","pointsCategoryId":1,"pointsCategoryName":"Main"},
           {"bucket":"promised","value":"20","conversionDate":"2024-11-30","programId":1,
            "programName":"Main"}],
         "alternateCurrencies":[{"name":"stars","identifier":"STR","bucket":"promo","value":"2",
           "promotionId":31,"promotionName":"October target","programId":1,"programName":"Main"}],
         "blocks":{"targetCompletedDetails":{"targetGroupID":5,"targetGroupName":"Spend",
           "targetId":8,"targetName":"Spend 1000 in October",
           "targetDescription":"Spend 1000 in a month","targetPeriodID":3,
           "targetPeriodName":"Oct","targetValue":"1000.000","achievedValue":"1200.000",
           "sourceId":12,"sourceType":"USERTARGET"}}}""";
    assertShape(
        explode(
            db,
            event,
            "eventIds=18610008",
            "getPointsEarnedBreakup=true",
            "includeAlternateCurrencies=true"),
        """
        {"eventLogId":18610008,"eventName":"TargetCompleted",
         "eventDetails":{"eventTime":"2024-10-31 23:59:59.0","eventTimeISO":"2024-10-31T23:59:59Z",
           "tillId":50681412},
         "targetCompletedDetails":{"targetGroupID":5,"targetGroupName":"Spend","targetId":8,
           "targetName":"Spend 1000 in October","targetDescription":"Spend 1000 in a month",
           "targetPeriodID":3,"targetPeriodName":"Oct","targetValue":"1000.000",
           "achievedValue":"1200.000","sourceId":12,"sourceType":"USERTARGET",
           "pointsEarned":{
             "promo":[{"promotionId":31,"promotionName":"October target","programId":1,
               "programName":"Main","value":100,"expiresOn":"2025-10-31 00:00:00.0",
               "expiresOnISO":"2025-10-31T00:00:00Z","expiryType":"fixed"}],
             "promised":[{"value":20,"conversionDate":"2024-11-30 00:00:00.0","programId":1,
               "programName":"Main"}]},
           "pointsEarnedBreakup":{
             "regular":[{"value":100,"expiresOn":"2025-10-31 00:00:00.0",
               "expiresOnISO":"2025-10-31T00:00:00Z","awardedOn":"2024-10-31 23:59:59.0",
               "awardedOnISO":"2024-10-31T23:59:59Z","programId":1,"programName":"Main",
               "pointsCategoryId":1,"pointsCategoryName":"Main","expiryType":"fixed",
               "promotionDetails":{"promotionId":31,"promotionName":"October target"}}],
             "promised":[{"value":20,"conversionDate":"2024-11-30 00:00:00.0","programId":1,
               "programName":"Main"}]},
           "alternateCurrencyValueEarned":[
             {"promo":[{"promotionId":31,"promotionName":"October target","programId":1,
                "programName":"Main","value":2}],
              "promised":[],
              "alternateCurrencyName":"stars","alternateCurrencyIdentifier":"STR"}],
           "alternateCurrencyValueEarnedBreakup":[
             {"regular":[{"value":2,"programId":1,"programName":"Main",
                "promotionDetails":{"promotionId":31,"promotionName":"October target"}}],
              "promised":[],
              "alternateCurrencyName":"stars","alternateCurrencyIdentifier":"STR"}]},
         "eventReferenceId":"18610000","uniqueId":"tGt0008hhh","orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aGenericEventWritesItsDisplayNameFirstNoTimeAndItsMetadataAfterItsFields(TestDatabase db)
      throws Exception {
    String uuid = "0c4b0d1e-6f5a-4a7e-9d2c-3b1a2f4e5d6c";
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610009,
         "eventName":"GenericEvent","tillId":50681412,
         "eventReferenceId":"%1$s","uniqueId":"%1$s",
         "points":[
           {"bucket":"promo","value":"5","promotionId":12,"promotionName":"Review Bonus",
            "programId":1,"programName":"Main","promotionStartDate":"2024-10-01",
            "promotionEndDate":"2024-10-31"},
           {"bucket":"regular","value":"1.5","programId":1,"programName":"Main",
            "expiresOn":"2025-10-10","expiryType":"rolling"}],
         "extendedFields":[{"name":"rating","value":"5"}],
         "details":{"displayName":"Product review","eventDisplayName":"Review"},
         "blocks":{"behavioralEventMetadata":{"label":"review","fields":[
           {"fieldName":"customer","fieldType":"customer","attributes":{
             "identifierType":{"valueType":"ENUM","value":"mobile"},
             "addCustomerIfNotExists":{"valueType":"BOOLEAN","value":"true"}}},
           {"fieldName":"rating","fieldType":"double","attributes":{
             "isRequired":{"valueType":"BOOLEAN"}}}]}}}"""
            .formatted(uuid);
    assertShape(
        explode(db, event, "eventIds=18610009", "getCustomFields=true", "getExtendedFields=true"),
        """
        {"eventLogId":18610009,"eventName":"GenericEvent",
         "eventDetails":{"eventDisplayName":"Review","tillId":50681412,
           "displayName":"Product review"},
         "pointsEarned":{
           "regular":[{"value":1.5,"expiresOn":"2025-10-10 00:00:00.0",
             "expiresOnISO":"2025-10-10T00:00:00Z","programId":1,"programName":"Main",
             "expiryType":"rolling"}],
           "promo":[{"promotionId":12,"promotionName":"Review Bonus","programId":1,
             "programName":"Main","value":5,"promotionStartDate":"2024-10-01 00:00:00.0",
             "promotionEndDate":"2024-10-31 00:00:00.0"}],
           "promised":[]},
         "customFields":[],
         "extendedFields":[{"name":"rating","value":"5"}],
         "behavioralEventMetadata":{"label":"review","fields":[
           {"fieldName":"customer","fieldType":"customer","attributes":{
             "identifierType":{"valueType":"ENUM","value":"mobile"},
             "addCustomerIfNotExists":{"valueType":"BOOLEAN","value":"true"}}},
           {"fieldName":"rating","fieldType":"double","attributes":{
             "isRequired":{"valueType":"BOOLEAN"}}}]},
         "eventReferenceId":"%1$s","uniqueId":"%1$s","orgId":50406}"""
            .formatted(uuid));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aCustomerRegistrationEarnsAtEventLevelAndHasNoBillNorMaxConversionDate(TestDatabase db)
      throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610010,
         "eventName":"CustomerRegistration","eventTime":"2024-01-18T17:18:00Z",
         "tillId":50697469,"eventReferenceId":"1001","uniqueId":"cRg0010jjj",
         "points":[
           {"bucket":"regular","value":"100","programId":1,"programName":"Main",
            "expiresOn":"2025-01-18","expiryType":"rolling"},
           {"bucket":"promo","value":"50","promotionId":3,"promotionName":"Welcome",
            "programId":1,"programName":"Main","expiresOn":"2024-04-18","expiryType":"fixed"},
           {"bucket":"promised","value":"25","conversionDate":"2024-02-18","programId":1,
            "programName":"Main","delayStrategy":"FIXED_DATE"}]}""";
    assertShape(
        explode(
            db, event, "eventIds=18610010", "getBillDetails=true", "getMaxConversionDetails=true"),
        """
        {"eventLogId":18610010,"eventName":"CustomerRegistration",
         "eventDetails":{"eventTime":"2024-01-18 17:18:00.0","eventTimeISO":"2024-01-18T17:18:00Z",
           "tillId":50697469},
         "pointsEarned":{
           "regular":[{"value":100,"expiresOn":"2025-01-18 00:00:00.0",
             "expiresOnISO":"2025-01-18T00:00:00Z","programId":1,"programName":"Main",
             "expiryType":"rolling"}],
           "promo":[{"promotionId":3,"promotionName":"Welcome","programId":1,
             "programName":"Main","value":50,"expiresOn":"2024-04-18 00:00:00.0",
             "expiresOnISO":"2024-04-18T00:00:00Z","expiryType":"fixed"}],
           "promised":[{"value":25,"conversionDate":"2024-02-18 00:00:00.0","programId":1,
             "programName":"Main"}]},
         "eventReferenceId":"1001","uniqueId":"cRg0010jjj","orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aCustomerUpdateThatEarnedNothingStillHasItsBucketsAndItsFlaggedArraysEmpty(TestDatabase db)
      throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610011,
         "eventName":"CustomerUpdate","eventTime":"2024-01-19T17:18:00.250Z",
         "tillId":50697469,"eventReferenceId":"1001","uniqueId":"cUp0011kkk"}""";
    assertShape(
        explode(
            db,
            event,
            "eventIds=18610011",
            "getCustomFields=true",
            "getExtendedFields=true",
            "getPaymentMode=true"),
        """
        {"eventLogId":18610011,"eventName":"CustomerUpdate",
         "eventDetails":{"eventTime":"2024-01-19 17:18:00.250",
           "eventTimeISO":"2024-01-19T17:18:00.250Z","tillId":50697469},
         "pointsEarned":{"regular":[],"promo":[],"promised":[]},
         "customFields":[],"extendedFields":[],"paymentModes":[],
         "eventReferenceId":"1001","uniqueId":"cUp0011kkk","orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aCustomerPromotionImportWritesItsImportMetaAfterUniqueIdAndItsCurrenciesByName(
      TestDatabase db) throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610012,
         "eventName":"CustomerPromotionImport","tillId":-1,
         "eventReferenceId":"-1","uniqueId":"iMp0012lll",
         "points":[{"bucket":"promo","value":"10","promotionId":40,"promotionName":"Welcome",
           "programId":1,"programName":"Main","awardedOn":"2024-10-04T01:05:00Z"}],
         "alternateCurrencies":[
           {"name":"stars","identifier":"STR","bucket":"promo","value":"1","promotionId":40,
            "promotionName":"Welcome","programId":1,"programName":"Main"},
           {"name":"Coins","identifier":"CN","bucket":"regular","value":"4"}],
         "details":{"eventDisplayName":"Customer promotion import"},
         "blocks":{"importMeta":{"fileName":"promo.csv",
           "importStartTime":"2024-10-04T01:00:00Z","importEndTime":"2024-10-04T01:05:00.250Z",
           "profileName":"promo","profileType":"CUSTOMER_PROMOTION "}}}""";
    assertShape(
        explode(
            db,
            event,
            "eventIds=18610012",
            "getPointsEarnedBreakup=true",
            "alternateCurrencyNames=STARS"),
        """
        {"eventLogId":18610012,"eventName":"CustomerPromotionImport",
         "eventDetails":{"eventDisplayName":"Customer promotion import","tillId":-1},
         "pointsEarned":{"regular":[],
           "promo":[{"promotionId":40,"promotionName":"Welcome","programId":1,
             "programName":"Main","value":10}],
           "promised":[]},
         "pointsEarnedBreakup":{
           "regular":[{"value":10,"awardedOn":"2024-10-04 01:05:00.0",
             "awardedOnISO":"2024-10-04T01:05:00Z","programId":1,"programName":"Main",
             "promotionDetails":{"promotionId":40,"promotionName":"Welcome"}}],
           "promised":[]},
         "alternateCurrencyValueEarned":[
           {"regular":[],
            "promo":[{"promotionId":40,"promotionName":"Welcome","programId":1,
              "programName":"Main","value":1}],
            "promised":[],
            "alternateCurrencyName":"stars","alternateCurrencyIdentifier":"STR"}],
         "alternateCurrencyValueEarnedBreakup":[
           {"regular":[{"value":1,"programId":1,"programName":"Main",
              "promotionDetails":{"promotionId":40,"promotionName":"Welcome"}}],
            "promised":[],
            "alternateCurrencyName":"stars","alternateCurrencyIdentifier":"STR"}],
         "eventReferenceId":"-1","uniqueId":"iMp0012lll",
         "importMeta":{"fileName":"promo.csv","importStartTime":"2024-10-04 01:00:00.0",
           "importEndTime":"2024-10-04 01:05:00.250","profileName":"promo",
           "profileType":"CUSTOMER_PROMOTION "},
         "orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aBillPointsPromotionImportIsNoBillEventItsPointsAreAtEventLevel(TestDatabase db)
      throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610013,
         "eventName":"BillPointsPromotionImport","tillId":-1,
         "eventReferenceId":"-1","uniqueId":"iMp0013mmm",
         "points":[{"bucket":"promo","value":"15.50","promotionId":41,
           "promotionName":"Bill bonus","programId":1,"programName":"Main"}],
         "details":{"eventDisplayName":"Bill points promotion import"},
         "blocks":{"importMeta":{"fileName":"bill-promo.csv",
           "importStartTime":"2024-10-05T02:00:00Z","importEndTime":"2024-10-05T02:10:00Z",
           "profileName":"bill promo","profileType":"BILL_PROMOTION"}}}""";
    assertShape(
        explode(db, event, "eventIds=18610013", "getBillDetails=true"),
        """
        {"eventLogId":18610013,"eventName":"BillPointsPromotionImport",
         "eventDetails":{"eventDisplayName":"Bill points promotion import","tillId":-1},
         "pointsEarned":{"regular":[],
           "promo":[{"promotionId":41,"promotionName":"Bill bonus","programId":1,
             "programName":"Main","value":15.50}],
           "promised":[]},
         "eventReferenceId":"-1","uniqueId":"iMp0013mmm",
         "importMeta":{"fileName":"bill-promo.csv","importStartTime":"2024-10-05 02:00:00.0",
           "importEndTime":"2024-10-05 02:10:00.0","profileName":"bill promo",
           "profileType":"BILL_PROMOTION"},
         "orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aLineItemsPointsPromotionImportWritesItsFieldsBeforeTheIdsAndItsImportMetaAfter(
      TestDatabase db) throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610014,
         "eventName":"LineItemsPointsPromotionImport","tillId":-1,
         "eventReferenceId":"-1","uniqueId":"iMp0014nnn",
         "points":[{"bucket":"promo","value":"2.5","promotionId":42,
           "promotionName":"Line bonus","programId":1,"programName":"Main"}],
         "extendedFields":[{"name":"batch","value":"7"}],
         "details":{"eventDisplayName":"Line items points promotion import"},
         "blocks":{"importMeta":{"fileName":"lines.csv",
           "importStartTime":"2024-10-06T03:00:00Z","importEndTime":"2024-10-06T03:00:30Z",
           "profileName":"lines","profileType":"LINE_ITEM_PROMOTION"}}}""";
    assertShape(
        explode(db, event, "eventIds=18610014", "getExtendedFields=true"),
        """
        {"eventLogId":18610014,"eventName":"LineItemsPointsPromotionImport",
         "eventDetails":{"eventDisplayName":"Line items points promotion import","tillId":-1},
         "pointsEarned":{"regular":[],
           "promo":[{"promotionId":42,"promotionName":"Line bonus","programId":1,
             "programName":"Main","value":2.5}],
           "promised":[]},
         "extendedFields":[{"name":"batch","value":"7"}],
         "eventReferenceId":"-1","uniqueId":"iMp0014nnn",
         "importMeta":{"fileName":"lines.csv","importStartTime":"2024-10-06 03:00:00.0",
           "importEndTime":"2024-10-06 03:00:30.0","profileName":"lines",
           "profileType":"LINE_ITEM_PROMOTION"},
         "orgId":50406}""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.ledgerexplode.testing.TestDatabases#both")
  void aVoucherRedemptionEarnsAtEventLevelAndWritesItsDetailsAfterUniqueId(TestDatabase db)
      throws Exception {
    String event =
        """
        {"kind":"event","orgId":50406,"customerId":1001,"eventLogId":18610016,
         "eventName":"VoucherRedemption","eventTime":"2024-11-11T11:11:11Z","tillId":50681412,
         "eventReferenceId":90001,"uniqueId":"vRd0016ppp",
         "points":[
           {"bucket":"regular","value":"10","programId":1,"programName":"Main",
            "expiresOn":"2025-11-11","expiryType":"fixed"},
           {"bucket":"promo","value":"5","promotionId":60,"promotionName":"Voucher bonus",
            "programId":1,"programName":"Main","expiresOn":"2025-05-11","expiryType":"fixed"}],
         "paymentModes":[{"mode":"CARD","amount":"250"}],
         "blocks":{"voucherRedemptionDetails":{"voucherIssuedId":90001,"voucherSeriesId":3001,
           "redeemedVoucherCode":"SAVE10-XYZ","redeemDate":"2024-11-11T11:11:11Z"}}}""";
    assertShape(
        explode(db, event, "eventIds=18610016", "getPaymentMode=true"),
        """
        {"eventLogId":18610016,"eventName":"VoucherRedemption",
         "eventDetails":{"eventTime":"2024-11-11 11:11:11.0","eventTimeISO":"2024-11-11T11:11:11Z",
           "tillId":50681412},
         "pointsEarned":{
           "regular":[{"value":10,"expiresOn":"2025-11-11 00:00:00.0",
             "expiresOnISO":"2025-11-11T00:00:00Z","programId":1,"programName":"Main",
             "expiryType":"fixed"}],
           "promo":[{"promotionId":60,"promotionName":"Voucher bonus","programId":1,
             "programName":"Main","value":5,"expiresOn":"2025-05-11 00:00:00.0",
             "expiresOnISO":"2025-05-11T00:00:00Z","expiryType":"fixed"}],
           "promised":[]},
         "paymentModes":["CARD"],
         "eventReferenceId":"90001","uniqueId":"vRd0016ppp",
         "voucherRedemptionDetails":{"voucherIssuedId":90001,"voucherSeriesId":3001,
           "redeemedVoucherCode":"SAVE10-XYZ","redeemDate":"2024-11-11 11:11:11.0"},
         "orgId":50406}""");
  }
}

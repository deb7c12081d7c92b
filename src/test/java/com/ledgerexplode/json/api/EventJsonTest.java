package com.ledgerexplode.json.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiResponse;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.CurrencyEarned;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.json.JsonValues;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.Fields;
import com.ledgerexplode.ledger.LedgerTime;
import com.ledgerexplode.ledger.LineItem;
import com.ledgerexplode.ledger.LineItemField;
import com.ledgerexplode.ledger.NameValue;
import com.ledgerexplode.ledger.PaymentMode;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vendor's object shapes, as text: PRODUCT.md's list of choices in "Explode semantics" and
 * {@code reference/vendor-response-shapes.md}. {@code '} stands for {@code "} in expected JSON.
 */
class EventJsonTest {
  private static final EventHeader HEADER =
      new EventHeader(
          50406,
          18608683,
          1001,
          77L,
          "TransactionAdd",
          LedgerTime.parse("2024-08-20T11:29:02Z"),
          50681412L,
          "2151165932",
          "aBcdEfG1H2");

  private static String json(java.util.function.Consumer<JsonGenerator> write) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonMapper.builder().build().createGenerator(out)) {
      write.accept(g);
    }
    return out.toString();
  }

  private static ExplodedEvent bare(Map<Bucket, List<PointsEntry>> points) {
    return new ExplodedEvent(HEADER, points, null, null, null, null, null, null, null, List.of());
  }

  private static EventHeader header(String eventName) {
    return new EventHeader(
        50406,
        7,
        1001,
        null,
        eventName,
        LedgerTime.parse("2024-10-01T08:00:00Z"),
        -1L,
        "R-7",
        "uNiQuE0007");
  }

  private static String object(ExplodedEvent event) {
    return json(
        g -> {
          g.writeStartObject();
          EventJson.writeEventFields(g, event);
          g.writeEndObject();
        });
  }

  /** JSON written with {@code '} for {@code "}, so that expected objects stay readable. */
  private static String q(String text) {
    return text.replace('\'', '"');
  }

  private static PointsEntry entry(Bucket bucket, Object... fieldsAndValues) {
    Map<PointsField, Object> fields = new EnumMap<>(PointsField.class);
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      fields.put((PointsField) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return new PointsEntry(bucket, new Fields<>(fields));
  }

  private static Map<Bucket, List<PointsEntry>> earned(PointsEntry... entries) {
    Map<Bucket, List<PointsEntry>> buckets = new EnumMap<>(Bucket.class);
    for (Bucket bucket : Bucket.values()) {
      buckets.put(bucket, new java.util.ArrayList<>());
    }
    for (PointsEntry e : entries) {
      buckets.get(e.bucket()).add(e);
    }
    return buckets;
  }

  private static Map<Bucket, List<PointsEntry>> breakup(PointsEntry... entries) {
    Map<Bucket, List<PointsEntry>> buckets = new EnumMap<>(Bucket.class);
    buckets.put(Bucket.REGULAR, new java.util.ArrayList<>());
    buckets.put(Bucket.PROMISED, new java.util.ArrayList<>());
    for (PointsEntry e : entries) {
      buckets.get(e.bucket() == Bucket.PROMISED ? Bucket.PROMISED : Bucket.REGULAR).add(e);
    }
    return buckets;
  }

  private static final BigDecimal HUNDRED = new BigDecimal("100.000");
  private static final LocalDate EXPIRY = LocalDate.parse("2025-08-20");

  /** A ledger time's legacy form and its ISO-8601 twin. */
  private static List<String> forms(LedgerTime time) {
    return List.of(time.legacy(), time.iso());
  }

  @Test
  void aLegacyTimeAndItsTwinKeepTheLedgersFractionDigits() {
    assertThat(forms(LedgerTime.parse("2024-08-20T11:29:02.5Z")))
        .containsExactly("2024-08-20 11:29:02.5", "2024-08-20T11:29:02.5Z");
    assertThat(forms(LedgerTime.parse("2024-01-18T17:18:00.120Z")))
        .containsExactly("2024-01-18 17:18:00.120", "2024-01-18T17:18:00.120Z");
    assertThat(forms(LedgerTime.parse("2024-01-18T17:18:00.000100000Z")))
        .containsExactly("2024-01-18 17:18:00.000100000", "2024-01-18T17:18:00.000100000Z");
  }

  @Test
  void aTimeWithoutFractionIsLegacyDotZeroAndItsTwinHasNoFraction() {
    assertThat(forms(LedgerTime.parse("2024-08-20T11:29:02Z")))
        .containsExactly("2024-08-20 11:29:02.0", "2024-08-20T11:29:02Z");
  }

  @Test
  void aFractionOfZeroDigitsIsKeptInBothForms() {
    assertThat(forms(LedgerTime.parse("2024-08-20T11:29:02.0Z")))
        .containsExactly("2024-08-20 11:29:02.0", "2024-08-20T11:29:02.0Z");
    assertThat(forms(LedgerTime.parse("2024-08-20T11:29:02.000Z")))
        .containsExactly("2024-08-20 11:29:02.000", "2024-08-20T11:29:02.000Z");
  }

  @Test
  void aTimeWithAnOffsetIsWrittenInUtcWithItsDigits() {
    assertThat(forms(LedgerTime.parse("2024-08-20T16:59:02.50+05:30")))
        .containsExactly("2024-08-20 11:29:02.50", "2024-08-20T11:29:02.50Z");
  }

  @Test
  void aDateAloneIsItsMidnightWithoutFraction() {
    assertThat(forms(LedgerTime.midnight(LocalDate.parse("2025-08-20"))))
        .containsExactly("2025-08-20 00:00:00.0", "2025-08-20T00:00:00Z");
  }

  @Test
  void anInstantAloneHasTheDigitsAnIsoInstantWrites() {
    // how a time stored before the digits were kept reads: as it did then
    assertThat(LedgerTime.of(Instant.parse("2024-08-20T11:29:02Z")).fractionDigits()).isZero();
    assertThat(LedgerTime.of(Instant.parse("2024-08-20T11:29:02.5Z")).iso())
        .isEqualTo("2024-08-20T11:29:02.500Z");
    assertThat(LedgerTime.of(Instant.parse("2024-08-20T11:29:02.1234Z")).iso())
        .isEqualTo("2024-08-20T11:29:02.123400Z");
    assertThat(LedgerTime.of(Instant.parse("2024-08-20T11:29:02.1234567Z")).iso())
        .isEqualTo("2024-08-20T11:29:02.123456700Z");
  }

  @Test
  void aTimeCannotClaimFewerDigitsThanItsInstantHas() {
    assertThatThrownBy(() -> new LedgerTime(Instant.parse("2024-08-20T11:29:02.25Z"), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LedgerTime(Instant.parse("2024-08-20T11:29:02Z"), 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBillEventAskedWithoutItsBillShowsNoPointsAndEndsWithOrgId() {
    PointsEntry entry =
        entry(Bucket.REGULAR, PointsField.VALUE, HUNDRED, PointsField.EXPIRES_ON, EXPIRY);
    assertThat(object(bare(earned(entry))))
        .isEqualTo(
            q(
                "{'eventLogId':18608683,'eventName':'TransactionAdd','eventDetails':"
                    + "{'eventTime':'2024-08-20 11:29:02.0','eventTimeISO':'2024-08-20T11:29:02Z',"
                    + "'tillId':50681412},'eventReferenceId':'2151165932','uniqueId':'aBcdEfG1H2',"
                    + "'orgId':50406}"));
  }

  @Test
  void aBillEventsPointsAndCurrenciesSitInsideBillDetailsBeforeItsLines() {
    Map<BillField, Object> fields = new EnumMap<>(BillField.class);
    fields.put(BillField.TYPE, "REGULAR");
    fields.put(BillField.BILL_NUMBER, "B-1");
    fields.put(BillField.BILL_AMOUNT, new BigDecimal("1200"));
    fields.put(BillField.NOTE, "");
    fields.put(BillField.BILL_DATE, LedgerTime.parse("2024-08-20T11:29:02Z"));
    Bill bill =
        new Bill(
            new Fields<>(fields),
            List.of(
                new LineItem(
                    new Fields<>(
                        Map.of(
                            LineItemField.ID,
                            1L,
                            LineItemField.SOURCE,
                            "instore",
                            LineItemField.QTY,
                            new BigDecimal("2.0"))),
                    List.of(entry(Bucket.REGULAR, PointsField.VALUE, new BigDecimal("60")))),
                new LineItem(new Fields<>(Map.of(LineItemField.ID, 2L)))));
    ExplodedEvent event =
        new ExplodedEvent(
            HEADER,
            earned(entry(Bucket.REGULAR, PointsField.VALUE, HUNDRED)),
            breakup(),
            bill,
            List.of(new NameValue("channel", "app")),
            null,
            null,
            null,
            List.of(new CurrencyEarned("stars", "STR", earned(), breakup())),
            List.of());
    assertThat(object(event))
        .isEqualTo(
            q(
                "{'eventLogId':18608683,'eventName':'TransactionAdd','eventDetails':"
                    + "{'eventTime':'2024-08-20 11:29:02.0','eventTimeISO':'2024-08-20T11:29:02Z',"
                    + "'tillId':50681412},'billDetails':{'type':'REGULAR','billNumber':'B-1',"
                    + "'billAmount':1200,'note':'','billDate':'2024-08-20 11:29:02.0',"
                    + "'billDateISO':'2024-08-20T11:29:02Z',"
                    + "'pointsEarned':{'regular':[{'value':100.000}],'promo':[],'promised':[]},"
                    + "'pointsEarnedBreakup':{'regular':[],'promised':[]},"
                    + "'alternateCurrencyValueEarned':[{'regular':[],'promo':[],'promised':[],"
                    + "'alternateCurrencyName':'stars','alternateCurrencyIdentifier':'STR'}],"
                    + "'alternateCurrencyValueEarnedBreakup':[{'regular':[],'promised':[],"
                    + "'alternateCurrencyName':'stars','alternateCurrencyIdentifier':'STR'}],"
                    + "'lineItems':[{'id':1,'source':'instore','qty':2.0,'pointsEarned':"
                    + "{'regular':[{'value':60}],'promo':[],'promised':[]}},{'id':2}]},"
                    + "'customFields':[{'name':'channel','value':'app'}],"
                    + "'eventReferenceId':'2151165932','uniqueId':'aBcdEfG1H2','orgId':50406}"));
  }

  @Test
  void anEarningEventCarriesItsPointsAtEventLevelBeforeItsFieldsAndPaymentModeNames() {
    ExplodedEvent event =
        new ExplodedEvent(
            header("CustomerRegistration"),
            earned(),
            null,
            null,
            List.of(),
            List.of(new NameValue("store_zone", "north"), new NameValue("referrer", null)),
            List.of(new PaymentMode("UPI", new BigDecimal("1000")), new PaymentMode("CASH", null)),
            null,
            null,
            List.of());
    assertThat(object(event))
        .isEqualTo(
            q(
                "{'eventLogId':7,'eventName':'CustomerRegistration','eventDetails':"
                    + "{'eventTime':'2024-10-01 08:00:00.0','eventTimeISO':'2024-10-01T08:00:00Z',"
                    + "'tillId':-1},'pointsEarned':{'regular':[],'promo':[],'promised':[]},"
                    + "'customFields':[],'extendedFields':[{'name':'store_zone','value':'north'},"
                    + "{'name':'referrer'}],'paymentModes':['UPI','CASH'],"
                    + "'eventReferenceId':'R-7','uniqueId':'uNiQuE0007','orgId':50406}"));
  }

  @Test
  void entriesCarryTheVendorsFieldsInItsOrderPerBucketAndTheirDatesInTheLegacyForm() {
    PointsEntry regular =
        entry(
            Bucket.REGULAR,
            PointsField.VALUE,
            HUNDRED,
            PointsField.PROGRAM_ID,
            1L,
            PointsField.PROGRAM_NAME,
            "Main",
            PointsField.EXPIRES_ON,
            EXPIRY,
            PointsField.EXPIRY_TYPE,
            "fixed",
            PointsField.AWARDED_ON,
            LedgerTime.parse("2024-08-20T11:29:02Z"),
            PointsField.LINE_ITEM_ID,
            1L);
    PointsEntry promo =
        entry(
            Bucket.PROMO,
            PointsField.VALUE,
            new BigDecimal("50"),
            PointsField.PROGRAM_ID,
            1L,
            PointsField.EXPIRES_ON,
            EXPIRY,
            PointsField.EXPIRY_TYPE,
            "rolling",
            PointsField.PROMOTION_ID,
            9L,
            PointsField.PROMOTION_NAME,
            "Diwali x2",
            PointsField.PROMOTION_START_DATE,
            LocalDate.parse("2024-08-01"),
            PointsField.PROMOTION_END_DATE,
            LocalDate.parse("2024-08-31"));
    PointsEntry promised =
        entry(
            Bucket.PROMISED,
            PointsField.VALUE,
            new BigDecimal("0.5"),
            PointsField.PROGRAM_ID,
            1L,
            PointsField.EXPIRES_ON,
            EXPIRY,
            PointsField.CONVERSION_DATE,
            LocalDate.parse("2024-10-05"),
            PointsField.DELAY_STRATEGY,
            "FIXED_DATE");
    ExplodedEvent event =
        new ExplodedEvent(
            header("GenericEvent"),
            earned(regular, promo, promised),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of());
    String json = object(event);
    assertThat(json.substring(json.indexOf("'pointsEarned'".replace('\'', '"'))))
        .startsWith(
            q(
                "'pointsEarned':{'regular':[{'value':100.000,'expiresOn':'2025-08-20 00:00:00.0',"
                    + "'expiresOnISO':'2025-08-20T00:00:00Z','programId':1,'programName':'Main',"
                    + "'expiryType':'fixed'}],'promo':[{'promotionId':9,'promotionName':'Diwali x2',"
                    + "'programId':1,'value':50,'expiresOn':'2025-08-20 00:00:00.0',"
                    + "'expiresOnISO':'2025-08-20T00:00:00Z','expiryType':'rolling',"
                    + "'promotionStartDate':'2024-08-01 00:00:00.0',"
                    + "'promotionEndDate':'2024-08-31 00:00:00.0'}],'promised':[{'value':0.5,"
                    + "'conversionDate':'2024-10-05 00:00:00.0','programId':1}]},"
                    + "'eventReferenceId'"));
  }

  @Test
  void theBreakupHasRegularAndPromisedRowsAndAPromotionIsARegularRowWithItsDetails() {
    PointsEntry regular =
        entry(
            Bucket.REGULAR,
            PointsField.VALUE,
            HUNDRED,
            PointsField.PROGRAM_ID,
            1L,
            PointsField.EXPIRES_ON,
            EXPIRY,
            PointsField.EXPIRY_TYPE,
            "fixed",
            PointsField.AWARDED_ON,
            LedgerTime.parse("2024-08-20T11:29:02.5Z"),
            PointsField.SOURCE_VALUE,
            new BigDecimal("1200.00"),
            PointsField.ALLOCATION_STRATEGY_ID,
            3L,
            PointsField.POINTS_CATEGORY_NAME,
            "Main",
            PointsField.EXPIRY_STRATEGY_NAME,
            "12 months",
            PointsField.LINE_ITEM_ID,
            1L);
    PointsEntry promo =
        entry(
            Bucket.PROMO,
            PointsField.VALUE,
            new BigDecimal("50"),
            PointsField.PROMOTION_ID,
            9L,
            PointsField.PROMOTION_NAME,
            "Diwali x2",
            PointsField.PROMOTION_START_DATE,
            LocalDate.parse("2024-08-01"));
    PointsEntry promised =
        entry(
            Bucket.PROMISED,
            PointsField.VALUE,
            new BigDecimal("30"),
            PointsField.EXPIRES_ON,
            EXPIRY,
            PointsField.EXPIRY_TYPE,
            "fixed",
            PointsField.CONVERSION_DATE,
            LocalDate.parse("2024-09-20"),
            PointsField.SOURCE_VALUE,
            new BigDecimal("600"),
            PointsField.DELAY_STRATEGY,
            "FIXED_DATE");
    ExplodedEvent event =
        new ExplodedEvent(
            header("GenericEvent"),
            earned(),
            breakup(regular, promo, promised),
            null,
            null,
            null,
            null,
            null,
            null,
            List.of());
    String json = object(event);
    assertThat(json.substring(json.indexOf(q("'pointsEarnedBreakup'"))))
        .startsWith(
            q(
                "'pointsEarnedBreakup':{'regular':[{'value':100.000,"
                    + "'expiresOn':'2025-08-20 00:00:00.0','expiresOnISO':'2025-08-20T00:00:00Z',"
                    + "'awardedOn':'2024-08-20 11:29:02.5','awardedOnISO':'2024-08-20T11:29:02.5Z',"
                    + "'sourceValue':1200.00,'programId':1,'allocationStrategyId':3,"
                    + "'pointsCategoryName':'Main','expiryStrategyName':'12 months',"
                    + "'expiryType':'fixed'},{'value':50,'promotionDetails':{'promotionId':9,"
                    + "'promotionName':'Diwali x2'}}],'promised':[{'value':30,"
                    + "'conversionDate':'2024-09-20 00:00:00.0','sourceValue':600}]},"
                    + "'eventReferenceId'"));
  }

  @Test
  void aReturnsEntriesEndWithTheirReturnedPointsUnderTheVendorsNames() {
    PointsEntry regular =
        entry(
            Bucket.REGULAR,
            PointsField.VALUE,
            BigDecimal.ZERO,
            PointsField.RETURN_POINTS,
            new BigDecimal("60.000"),
            PointsField.PROGRAM_ID,
            1L);
    PointsEntry promo =
        entry(
            Bucket.PROMO,
            PointsField.VALUE,
            BigDecimal.ZERO,
            PointsField.RETURNED_POINTS,
            new BigDecimal("5"),
            PointsField.PROMOTION_ID,
            9L);
    ExplodedEvent event =
        new ExplodedEvent(
            header("ReturnBill"),
            earned(regular, promo),
            breakup(regular, promo),
            new Bill(new Fields<>(new EnumMap<BillField, Object>(BillField.class)), List.of()),
            null,
            null,
            null,
            null,
            null,
            List.of());
    String json = object(event);
    assertThat(json.substring(json.indexOf(q("'billDetails'"))))
        .isEqualTo(
            q(
                "'billDetails':{'pointsEarned':{'regular':[{'value':0,'programId':1,"
                    + "'returnPoints':60.000}],'promo':[{'promotionId':9,'value':0,"
                    + "'returnedPoints':5}],'promised':[]},'pointsEarnedBreakup':{'regular':"
                    + "[{'value':0,'programId':1,'returnPoints':60.000},{'value':0,"
                    + "'promotionDetails':{'promotionId':9},'returnPoints':5}],'promised':[]},"
                    + "'lineItems':[]},'eventReferenceId':'R-7','uniqueId':'uNiQuE0007',"
                    + "'orgId':50406}"));
  }

  @Test
  void alternateCurrenciesAreAnArrayPerCurrencyWithBucketsThenItsNameAndIdentifier() {
    PointsEntry stars = entry(Bucket.REGULAR, PointsField.VALUE, new BigDecimal("3"));
    PointsEntry promised = entry(Bucket.PROMISED, PointsField.VALUE, new BigDecimal("1"));
    ExplodedEvent event =
        new ExplodedEvent(
            header("GenericEvent"),
            earned(),
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(
                new CurrencyEarned("stars", "STR", earned(stars, promised), null),
                new CurrencyEarned("coins", null, earned(), null)),
            List.of());
    String json = object(event);
    assertThat(json.substring(json.indexOf(q("'alternateCurrencyValueEarned'"))))
        .startsWith(
            q(
                "'alternateCurrencyValueEarned':[{'regular':[{'value':3}],'promo':[],"
                    + "'promised':[{'value':1}],'alternateCurrencyName':'stars',"
                    + "'alternateCurrencyIdentifier':'STR'},{'regular':[],'promo':[],"
                    + "'promised':[],'alternateCurrencyName':'coins'}],'eventReferenceId'"));
  }

  @Test
  void maxConversionDateSitsInEventDetailsInTheLegacyFormWithoutATwin() {
    ExplodedEvent event =
        new ExplodedEvent(
            HEADER,
            earned(),
            null,
            null,
            null,
            null,
            null,
            LocalDate.parse("2024-10-05"),
            null,
            List.of());
    assertThat(object(event))
        .contains(
            q(
                "'eventDetails':{'eventTime':'2024-08-20 11:29:02.0',"
                    + "'eventTimeISO':'2024-08-20T11:29:02Z','tillId':50681412,"
                    + "'maxConversionDate':'2024-10-05 00:00:00.0'},'eventReferenceId'"));
  }

  @Test
  void aTargetsPointsSitInTargetCompletedDetailsWithPromoAndPromisedOnly() {
    ExplodedEvent event =
        new ExplodedEvent(
            header("TargetCompleted"),
            earned(entry(Bucket.PROMO, PointsField.VALUE, new BigDecimal("25"))),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of());
    assertThat(object(event))
        .contains(
            q(
                "'tillId':-1},'targetCompletedDetails':{'pointsEarned':{'promo':[{'value':25}],"
                    + "'promised':[]}},'eventReferenceId'"));
  }

  private static ExplodedEvent typed(
      String eventName, Map<String, Object> details, Map<String, Object> blocks) {
    EventHeader h = header(eventName);
    return new ExplodedEvent(
        new EventHeader(
            h.orgId(),
            h.eventLogId(),
            h.customerId(),
            h.groupId(),
            h.eventName(),
            h.eventTime(),
            h.tillId(),
            h.eventReferenceId(),
            h.uniqueId(),
            new com.ledgerexplode.ledger.TypeDetail(details, blocks)),
        earned(),
        null,
        null,
        null,
        null,
        List.of(new PaymentMode("UPI", null)),
        null,
        null,
        List.of());
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void aTransfersBlocksComeAfterPaymentModesAndBeforeEventReferenceIdWithoutPointsEarned() {
    Map<String, Object> from =
        ordered(
            "userId",
            "566135941",
            "transferType",
            "TRANSFER",
            "pointsTransferDetails",
            List.of(ordered("points", "1000.000", "programId", "973", "programName", "Main")));
    String json =
        object(
            typed(
                "PointsTransfer",
                Map.of(),
                ordered(
                    "transferredFrom",
                    from,
                    "transferredTo",
                    ordered("userId", "7"),
                    "notes",
                    "n")));
    assertThat(json.substring(json.indexOf(q("'paymentModes'"))))
        .isEqualTo(
            q(
                "'paymentModes':['UPI'],'transferredFrom':{'userId':'566135941',"
                    + "'transferType':'TRANSFER','pointsTransferDetails':[{'points':'1000.000',"
                    + "'programId':'973','programName':'Main'}]},'transferredTo':{'userId':'7'},"
                    + "'notes':'n','eventReferenceId':'R-7','uniqueId':'uNiQuE0007','orgId':50406}"));
  }

  @Test
  void goodwillDetailsFollowTheTillAndItsPointsAreAtEventLevel() {
    String json =
        object(
            typed(
                "AllocateGoodwillPoints",
                ordered(
                    "reason",
                    "late delivery",
                    "comments",
                    "",
                    "assocId",
                    BigDecimal.ZERO,
                    "requestId",
                    new BigDecimal("42")),
                Map.of()));
    assertThat(json)
        .startsWith(
            q(
                "{'eventLogId':7,'eventName':'AllocateGoodwillPoints','eventDetails':{"
                    + "'eventTime':'2024-10-01 08:00:00.0','eventTimeISO':'2024-10-01T08:00:00Z',"
                    + "'tillId':-1,'reason':'late delivery','comments':'','assocId':0,"
                    + "'requestId':42},'pointsEarned':{'regular':[],'promo':[],'promised':[]},"
                    + "'paymentModes':['UPI'],'eventReferenceId'"));
  }

  @Test
  void aVoucherRedemptionsDetailsFollowUniqueIdWithItsRedeemDateWithoutATwin() {
    String json =
        object(
            typed(
                "VoucherRedemption",
                Map.of(),
                ordered(
                    "voucherRedemptionDetails",
                    ordered(
                        "voucherIssuedId",
                        new BigDecimal("12"),
                        "redeemedVoucherCode",
                        "V-1",
                        "redeemDate",
                        LedgerTime.parse("2024-10-05T04:30:00Z")))));
    assertThat(json.substring(json.indexOf(q("'uniqueId'"))))
        .isEqualTo(
            q(
                "'uniqueId':'uNiQuE0007','voucherRedemptionDetails':{'voucherIssuedId':12,"
                    + "'redeemedVoucherCode':'V-1','redeemDate':'2024-10-05 04:30:00.0'},"
                    + "'orgId':50406}"));
  }

  @Test
  void aBillsPointInTimeSlabsAreABlockBeforeEventReferenceId() {
    String json =
        object(
            typed(
                "TransactionAdd",
                Map.of(),
                ordered(
                    "pointInTimeSlabs",
                    List.of(
                        ordered(
                            "pointInTimeSlabNumber",
                            new BigDecimal("1"),
                            "pointInTimeSlabName",
                            "Silver",
                            "programId",
                            new BigDecimal("1"),
                            "isDefaultProgram",
                            true)))));
    assertThat(json)
        .isEqualTo(
            q(
                "{'eventLogId':7,'eventName':'TransactionAdd','eventDetails':{"
                    + "'eventTime':'2024-10-01 08:00:00.0','eventTimeISO':'2024-10-01T08:00:00Z',"
                    + "'tillId':-1},'paymentModes':['UPI'],'pointInTimeSlabs':[{"
                    + "'pointInTimeSlabNumber':1,'pointInTimeSlabName':'Silver','programId':1,"
                    + "'isDefaultProgram':true}],'eventReferenceId':'R-7','uniqueId':'uNiQuE0007',"
                    + "'orgId':50406}"));
  }

  @Test
  void aTypeThatSpendsOrMovesPointsHasNoPointsEarned() {
    for (String spending :
        List.of("PointsRedemption", "PointsTransfer", "ManualPointsAdjustment")) {
      ExplodedEvent event =
          new ExplodedEvent(
              header(spending),
              earned(entry(Bucket.REGULAR, PointsField.VALUE, new BigDecimal("-20"))),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              List.of());
      assertThat(object(event)).as(spending).doesNotContain("pointsEarned");
    }
  }

  @Test
  void decimalsAreExactJsonNumbersNeverScientific() {
    String json = json(g -> JsonValues.writeDecimal(g, new BigDecimal("1E+3")));
    assertThat(json).isEqualTo("1000");
    assertThat(json(g -> JsonValues.writeDecimal(g, new BigDecimal("0.10000000000000000001"))))
        .isEqualTo("0.10000000000000000001");
  }

  @Test
  void theEnvelopeHoldsEventsAndWarningsOrTheErrorsAlone() {
    ApiResponse answered =
        new ApiResponse(
            List.of(),
            List.of(new ApiWarning(9021, "No event found for eventId 5", "5", null)),
            null);
    assertThat(json(g -> EventJson.writeResponse(g, answered)))
        .isEqualTo(
            "{\"events\":[],\"warnings\":[{\"status\":false,\"code\":9021,"
                + "\"message\":\"No event found for eventId 5\"}]}");
    ApiResponse rejected =
        new ApiResponse(
            List.of(),
            List.of(),
            new ApiError(8015, "Customer not found for the given identifiers"));
    assertThat(json(g -> EventJson.writeResponse(g, rejected)))
        .isEqualTo(
            "{\"warnings\":[],\"errors\":[{\"status\":false,\"code\":8015,"
                + "\"message\":\"Customer not found for the given identifiers\"}]}");
  }
}

package com.ledgerexplode.json.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiResponse;
import com.ledgerexplode.explode.ApiWarning;
import com.ledgerexplode.explode.ExplodedEvent;
import com.ledgerexplode.json.JsonValues;
import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.Fields;
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

/** PRODUCT.md's "Formats" and the API's object shapes, as text. */
class EventJsonTest {
  private static final EventHeader HEADER =
      new EventHeader(
          50406,
          18608683,
          1001,
          77L,
          "TransactionAdd",
          Instant.parse("2024-08-20T11:29:02Z"),
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

  private static Map<Bucket, List<PointsEntry>> buckets(PointsEntry... regular) {
    Map<Bucket, List<PointsEntry>> buckets = new EnumMap<>(Bucket.class);
    buckets.put(Bucket.REGULAR, List.of(regular));
    buckets.put(Bucket.PROMO, List.of());
    buckets.put(Bucket.PROMISED, List.of());
    return buckets;
  }

  private static ExplodedEvent bare(Map<Bucket, List<PointsEntry>> points) {
    return new ExplodedEvent(HEADER, points, null, null, null, null, null, null, null, List.of());
  }

  @Test
  void eventTimeIsWrittenLikeTheApiBesideItsIsoForm() {
    assertThat(JsonValues.apiEventTime(Instant.parse("2024-08-20T11:29:02Z")))
        .isEqualTo("2024-08-20 11:29:02.0");
    assertThat(JsonValues.apiEventTime(Instant.parse("2024-01-18T17:18:00.250Z")))
        .isEqualTo("2024-01-18 17:18:00.2");
    assertThat(JsonValues.timestamp(Instant.parse("2024-01-18T17:18:00.250Z")))
        .isEqualTo("2024-01-18T17:18:00.250Z");
  }

  @Test
  void anEventCarriesItsHeaderAndPointsEarnedInTheApiOrder() {
    PointsEntry entry =
        new PointsEntry(
            Bucket.REGULAR,
            new Fields<>(
                Map.of(
                    PointsField.VALUE,
                    new BigDecimal("120.000"),
                    PointsField.EXPIRES_ON,
                    LocalDate.parse("2025-08-20"),
                    PointsField.PROGRAM_ID,
                    1L)));
    String json =
        json(
            g -> {
              g.writeStartObject();
              EventJson.writeEventFields(g, bare(buckets(entry)));
              g.writeEndObject();
            });
    assertThat(json)
        .isEqualTo(
            "{\"eventLogId\":18608683,\"eventName\":\"TransactionAdd\",\"eventDetails\":"
                + "{\"eventTime\":\"2024-08-20 11:29:02.0\",\"eventTimeISO\":\"2024-08-20T11:29:02Z\","
                + "\"tillId\":50681412},\"eventReferenceId\":\"2151165932\",\"uniqueId\":\"aBcdEfG1H2\","
                + "\"orgId\":50406,\"pointsEarned\":{\"regular\":[{\"value\":120.000,\"programId\":1,"
                + "\"expiresOn\":\"2025-08-20\"}],\"promo\":[],\"promised\":[]}}");
  }

  @Test
  void decimalsAreExactJsonNumbersNeverScientific() {
    String json = json(g -> JsonValues.writeDecimal(g, new BigDecimal("1E+3")));
    assertThat(json).isEqualTo("1000");
    assertThat(json(g -> JsonValues.writeDecimal(g, new BigDecimal("0.10000000000000000001"))))
        .isEqualTo("0.10000000000000000001");
  }

  @Test
  void everySectionAskedIsWrittenAfterPointsEarned() {
    Bill bill =
        new Bill(
            new Fields<>(
                Map.of(
                    BillField.BILL_NUMBER, "B-1", BillField.BILL_AMOUNT, new BigDecimal("1200"))),
            List.of(
                new LineItem(
                    new Fields<>(
                        Map.of(LineItemField.ID, 1L, LineItemField.QTY, new BigDecimal("2"))))));
    ExplodedEvent event =
        new ExplodedEvent(
            HEADER,
            buckets(),
            buckets(),
            bill,
            List.of(new NameValue("channel", "app")),
            List.of(),
            List.of(new PaymentMode("UPI", new BigDecimal("1200"))),
            LocalDate.parse("2024-10-05"),
            List.of(
                new AlternateCurrency(
                    "stars", "STR", new BigDecimal("3"), LocalDate.parse("2025-08-20"))),
            List.of());
    String json =
        json(
            g -> {
              g.writeStartObject();
              EventJson.writeEventFields(g, event);
              g.writeEndObject();
            });
    assertThat(json.substring(json.indexOf("\"pointsEarnedBreakup\"")))
        .isEqualTo(
            "\"pointsEarnedBreakup\":{\"regular\":[],\"promo\":[],\"promised\":[]},"
                + "\"billDetails\":{\"billNumber\":\"B-1\",\"billAmount\":1200,\"lineItems\":[{\"id\":1,\"qty\":2}]},"
                + "\"customFields\":[{\"name\":\"channel\",\"value\":\"app\"}],\"extendedFields\":[],"
                + "\"paymentModes\":[{\"mode\":\"UPI\",\"amount\":1200}],\"maxConversionDate\":\"2024-10-05\","
                + "\"alternateCurrencyValueEarned\":[{\"alternateCurrencyName\":\"stars\","
                + "\"alternateCurrencyIdentifier\":\"STR\",\"value\":3,\"expiresOn\":\"2025-08-20\"}]}");
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

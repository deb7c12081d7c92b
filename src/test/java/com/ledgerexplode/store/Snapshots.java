package com.ledgerexplode.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;

/** Snapshot texts for the store's tests, and a synthetic one of any size. */
final class Snapshots {
  private Snapshots() {}

  static final String ORG_A =
      "{\"kind\":\"org\",\"orgId\":50406,\"name\":\"Brand A\",\"connectedOrgIds\":[4000218,4000219]}";
  static final String ORG_B = "{\"kind\":\"org\",\"orgId\":4000218,\"name\":\"Brand B\"}";
  static final String CUSTOMER =
      """
      {"kind":"customer","orgId":50406,"customerId":1001,"identifiers":[\
      {"name":"mobile","value":"917406401004","source":"INSTORE"},\
      {"name":"email","value":"Ana@Example.com","source":"INSTORE"},\
      {"name":"externalid","value":"EXT-1001","source":"INSTORE"},\
      {"name":"mobile","value":"917406401004","source":"WECHAT","accountId":"wx-main"}]}""";
  static final String CUSTOMER_2 =
      "{\"kind\":\"customer\",\"orgId\":50406,\"customerId\":1002,\"identifiers\":[]}";
  static final String CUSTOMER_IN_B =
      """
      {"kind":"customer","orgId":4000218,"customerId":1001,"identifiers":[\
      {"name":"mobile","value":"917406401004","source":"INSTORE"}]}""";
  static final String GROUP =
      """
      {"kind":"group","orgId":50406,"groupId":77,"primaryCustomerId":1001,\
      "memberCustomerIds":[1002,1001]}""";
  static final String EVENT =
      """
      {"kind":"event","orgId":50406,"customerId":1001,"groupId":77,"eventLogId":18608683,\
      "eventName":"TransactionAdd","eventTime":"2024-08-20T16:59:02.123456+05:30","tillId":50681412,\
      "eventReferenceId":"2151165932","uniqueId":"aBcdEfG1H2",\
      "points":[{"bucket":"regular","value":"120.000","programId":1,"programName":"Main",\
      "expiresOn":"2025-08-20","expiryType":"fixed","awardedOn":"2024-08-20T11:29:02Z",\
      "sourceValue":"1200.00","allocationStrategyId":3,"allocationStrategyName":"Spend10",\
      "pointsCategoryId":1,"pointsCategoryName":"Main","expiryStrategyId":2,\
      "expiryStrategyName":"12 months","lineItemId":1},\
      {"bucket":"promo","value":50,"promotionId":9,"promotionName":"Diwali x2",\
      "promotionStartDate":"2024-08-01","promotionEndDate":"2024-08-31"},\
      {"bucket":"promised","value":"30","conversionDate":"2024-09-20"},\
      {"bucket":"regular","value":"0.5"}],\
      "bill":{"type":"REGULAR","billNumber":"B-1","grossAmount":"1250","discount":"50",\
      "billAmount":"1200","note":"","source":"INSTORE","billDate":"2024-08-20T11:29:02Z",\
      "returnDate":"2024-08-21T10:00:00.5Z","returnAmount":"0.00","returnType":"FULL","returnBillId":"R-1",\
      "lineItems":[{"id":1,"itemCode":"SKU1","amount":"600","rate":"300","qty":"2","points":[{"bucket":"regular","value":"60.0"}]},\
      {"id":2,"itemCode":"SKU2","amount":"600.00"}]},\
      "customFields":[{"name":"channel","value":"app"},{"name":"empty"}],\
      "extendedFields":[{"name":"store_zone","value":"north"}],\
      "paymentModes":[{"mode":"UPI","amount":"1000"},{"mode":"CASH","amount":200.50}],\
      "alternateCurrencies":[{"name":"stars","bucket":"regular","identifier":"STR","value":"3","expiresOn":"2025-08-20"},\
      {"name":"coins","bucket":"regular"}]}""";

  /** Another org's event with the same eventLogId and reference id. */
  static final String EVENT_IN_B =
      """
      {"kind":"event","orgId":4000218,"customerId":1001,"eventLogId":18608683,\
      "eventName":"TransactionAdd","eventReferenceId":"2151165932",\
      "points":[{"bucket":"regular","value":"7"}],"customFields":[{"name":"b","value":"b"}]}""";

  static final String BARE_EVENT =
      "{\"kind\":\"event\",\"orgId\":50406,\"customerId\":1002,\"eventLogId\":5,\"eventReferenceId\":77}";

  static final List<String> FULL =
      List.of(
          ORG_A, ORG_B, CUSTOMER, CUSTOMER_2, CUSTOMER_IN_B, GROUP, EVENT, EVENT_IN_B, BARE_EVENT);

  static Path write(Path file, List<String> lines) {
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ImportReport load(DataSource dataSource, Path file, List<String> lines) {
    try {
      return new SnapshotImporter(dataSource).importSnapshot(write(file, lines), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A synthetic ledger of one org: per customer a customer line (three identifiers), and its events
   * (points in three buckets, a bill with two line items, fields, payment modes, a currency).
   * Customers are 1..customers, events customer * 1000 + 1..eventsPerCustomer.
   */
  static long writeSynthetic(Path file, int customers, int eventsPerCustomer) throws IOException {
    long lines = 0;
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("{\"kind\":\"org\",\"orgId\":1,\"name\":\"Synthetic\"}\n");
      lines++;
      for (int c = 1; c <= customers; c++) {
        out.write(
            String.format(
                "{\"kind\":\"customer\",\"orgId\":1,\"customerId\":%d,\"identifiers\":["
                    + "{\"name\":\"mobile\",\"value\":\"91%010d\",\"source\":\"INSTORE\"},"
                    + "{\"name\":\"email\",\"value\":\"c%d@example.com\",\"source\":\"INSTORE\"},"
                    + "{\"name\":\"externalid\",\"value\":\"EXT-%d\",\"source\":\"WECHAT\","
                    + "\"accountId\":\"wx\"}]}\n",
                c, c, c, c));
        lines++;
        for (int e = 1; e <= eventsPerCustomer; e++) {
          long id = c * 1000L + e;
          out.write(
              String.format(
                  "{\"kind\":\"event\",\"orgId\":1,\"customerId\":%d,\"eventLogId\":%d,"
                      + "\"eventName\":\"TransactionAdd\",\"eventTime\":\"2024-08-20T11:29:02Z\","
                      + "\"tillId\":5,\"eventReferenceId\":\"R%d\",\"uniqueId\":\"U%d\","
                      + "\"points\":[{\"bucket\":\"regular\",\"value\":\"%d.000\",\"programId\":1,"
                      + "\"programName\":\"Main\",\"expiresOn\":\"2025-08-20\","
                      + "\"awardedOn\":\"2024-08-20T11:29:02Z\",\"sourceValue\":\"1200.00\","
                      + "\"allocationStrategyId\":3,\"pointsCategoryId\":1,\"lineItemId\":1},"
                      + "{\"bucket\":\"promo\",\"value\":\"50\",\"promotionId\":9},"
                      + "{\"bucket\":\"promised\",\"value\":\"30\",\"conversionDate\":\"2024-09-20\"}],"
                      + "\"bill\":{\"type\":\"REGULAR\",\"billNumber\":\"B%d\",\"grossAmount\":\"1250\","
                      + "\"billAmount\":\"1200\",\"billDate\":\"2024-08-20T11:29:02Z\",\"lineItems\":["
                      + "{\"id\":1,\"itemCode\":\"SKU1\",\"amount\":\"600\",\"qty\":\"2\"},"
                      + "{\"id\":2,\"itemCode\":\"SKU2\",\"amount\":\"600\",\"qty\":\"1\"}]},"
                      + "\"customFields\":[{\"name\":\"channel\",\"value\":\"app\"}],"
                      + "\"extendedFields\":[{\"name\":\"zone\",\"value\":\"north\"}],"
                      + "\"paymentModes\":[{\"mode\":\"UPI\",\"amount\":\"1200\"}],"
                      + "\"alternateCurrencies\":[{\"name\":\"stars\",\"bucket\":\"regular\",\"value\":\"3\"}]}\n",
                  c, id, id, id, e, id));
          lines++;
        }
      }
    }
    return lines;
  }
}

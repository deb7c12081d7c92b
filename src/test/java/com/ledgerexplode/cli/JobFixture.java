package com.ledgerexplode.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job on a generated ledger, in a directory of its own: the snapshot, the requests CSV (good rows
 * with every outcome mixed in: rejected rows, warnings, an unreadable record), and a job file whose
 * databases are H2 files in that directory unless told otherwise.
 */
final class JobFixture {
  static final long ORG = 50406;
  static final long CONNECTED_ORG = 4000218;
  static final String HEADER =
      "identifierName,identifierValue,source,eventIds,eventName,eventReferenceIds,getBillDetails";

  final Path dir;
  final Path snapshot;
  final Path input;
  final Path jobFile;
  final int customers;
  final int eventsPerCustomer;
  private final Map<String, String> settings = new LinkedHashMap<>();

  private JobFixture(Path dir, int customers, int eventsPerCustomer) {
    this.dir = dir;
    this.snapshot = dir.resolve("ledger.jsonl");
    this.input = dir.resolve("requests.csv");
    this.jobFile = dir.resolve("job.properties");
    this.customers = customers;
    this.eventsPerCustomer = eventsPerCustomer;
    settings.put("input", input.toString());
    settings.put("output", dir.resolve("out/export.jsonl").toString());
    settings.put("org", Long.toString(ORG));
    settings.put("ledger.db", h2(dir.resolve("db/ledger")));
    settings.put("repository.db", h2(dir.resolve("db/repository")));
    settings.put("ledger.import", snapshot.toString());
    settings.put("runDate", "2025-03-04");
    settings.put("skipLimit", "1"); // the one unreadable record of the requests
  }

  /** A ledger of {@code customers} customers with {@code eventsPerCustomer} events each. */
  static JobFixture create(Path dir, int customers, int eventsPerCustomer) {
    JobFixture fixture = new JobFixture(dir, customers, eventsPerCustomer);
    try {
      Files.createDirectories(dir);
      fixture.writeSnapshot();
      fixture.writeRequests();
      fixture.writeJobFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fixture;
  }

  static String h2(Path file) {
    return "jdbc:h2:file:" + file.toAbsolutePath() + ";AUTO_SERVER=TRUE";
  }

  JobFixture set(String key, String value) {
    settings.put(key, value);
    try {
      writeJobFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Path output() {
    return Path.of(settings.get("output"));
  }

  Path rejects() {
    return output().resolveSibling("export.rejects.jsonl");
  }

  Path manifest() {
    return output().resolveSibling("export.manifest.json");
  }

  String ledgerDb() {
    return settings.get("ledger.db");
  }

  String repositoryDb() {
    return settings.get("repository.db");
  }

  /** The rows of the requests CSV: what to expect of them. */
  int rows() {
    return customers + 4;
  }

  private void writeJobFile() throws IOException {
    StringBuilder text = new StringBuilder();
    settings.forEach(
        (k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    Files.writeString(jobFile, text, StandardCharsets.UTF_8);
  }

  private void writeSnapshot() throws IOException {
    try (Writer out = Files.newBufferedWriter(snapshot, StandardCharsets.UTF_8)) {
      out.write(
          "{\"kind\":\"org\",\"orgId\":"
              + ORG
              + ",\"name\":\"Brand A\",\"connectedOrgIds\":["
              + CONNECTED_ORG
              + "]}\n");
      out.write("{\"kind\":\"org\",\"orgId\":" + CONNECTED_ORG + ",\"name\":\"Brand B\"}\n");
      for (int c = 0; c < customers; c++) {
        long customerId = 1000L + c;
        out.write(
            "{\"kind\":\"customer\",\"orgId\":"
                + ORG
                + ",\"customerId\":"
                + customerId
                + ",\"identifiers\":[{\"name\":\"mobile\",\"value\":\""
                + mobile(c)
                + "\",\"source\":\"INSTORE\"}]}\n");
        for (int e = 0; e < eventsPerCustomer; e++) {
          out.write(event(c, customerId, e));
        }
      }
    }
  }

  private static String event(int c, long customerId, int e) {
    long eventLogId = eventLogId(c, e);
    String bill =
        e % 2 == 0
            ? ",\"bill\":{\"type\":\"REGULAR\",\"billNumber\":\"B-"
                + eventLogId
                + "\",\"grossAmount\":\"1250.50\",\"billAmount\":\"1200.10\",\"billDate\":\"2024-08-20T11:29:02Z\","
                + "\"lineItems\":[{\"id\":1,\"itemCode\":\"SKU1\",\"amount\":\"600.05\",\"rate\":\"300.025\",\"qty\":\"2\"}]}"
            : "";
    return "{\"kind\":\"event\",\"orgId\":"
        + ORG
        + ",\"customerId\":"
        + customerId
        + ",\"eventLogId\":"
        + eventLogId
        + ",\"eventName\":\"TransactionAdd\",\"eventTime\":\"2024-08-"
        + String.format("%02d", 1 + e % 28)
        + "T11:29:02Z\",\"tillId\":50681412,\"eventReferenceId\":\"ref-"
        + c
        + "-"
        + (e % 3)
        + "\",\"points\":[{\"bucket\":\"regular\",\"value\":\""
        + (e + 1)
        + ".125\",\"programId\":1,\"programName\":\"Main\"},{\"bucket\":\"promised\",\"value\":\"30\","
        + "\"conversionDate\":\"2024-09-20\"}]"
        + bill
        + ",\"customFields\":[{\"name\":\"channel\",\"value\":\"app\"}]}\n";
  }

  static long eventLogId(int customer, int event) {
    return 10_000_000L + customer * 1000L + event;
  }

  static String mobile(int c) {
    return "91900" + String.format("%07d", c);
  }

  private void writeRequests() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (int c = 0; c < customers; c++) {
      if (c % 3 == 1) {
        lines.add(
            "mobile,"
                + mobile(c)
                + ",INSTORE,,TransactionAdd,\"ref-"
                + c
                + "-0,ref-"
                + c
                + "-9\",");
      } else {
        StringBuilder ids = new StringBuilder();
        for (int e = 0; e < eventsPerCustomer; e++) {
          ids.append(ids.length() == 0 ? "" : ",").append(eventLogId(c, e));
        }
        if (c % 5 == 0) {
          ids.append(",999"); // warning 9021
        }
        lines.add("mobile," + mobile(c) + ",INSTORE,\"" + ids + "\",,," + (c % 2 == 0));
      }
      if (c == customers / 2) {
        lines.add("mobile,910000000000,INSTORE,1,,,"); // 8015: no such customer
        lines.add("phone,1,INSTORE,1,,,"); // 8013
        lines.add("mobile,1,INSTORE,1,,,true,extra"); // unreadable: more cells than the header
        lines.add("id,1000,ALL,\"" + eventLogId(0, 0) + "\",,,TRUE");
      }
    }
    Files.write(input, lines, StandardCharsets.UTF_8);
  }
}

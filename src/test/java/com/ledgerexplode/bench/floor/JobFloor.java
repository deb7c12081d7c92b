package com.ledgerexplode.bench.floor;

import com.ledgerexplode.ledger.TimeKeys;
import com.ledgerexplode.store.Databases;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The export job written by hand, as the floor the product is measured against: plain JDBC on one
 * connection, set-based queries per chunk of rows (the same tables and indexes as the product),
 * columns streamed from the result sets to Jackson's generator (one per file), no domain objects,
 * decimals copied as the ledger's text, no checkpoints, no Spring. It answers the requests of the
 * generated ledger's CSV with every flag on by default and writes within 1% of the product's bytes
 * ({@code JobFloorTest}); what it leaves out of the API's semantics (accountId, 11019, the type
 * detail's times, which it copies in their ISO form) is rare in those requests and costs nothing to
 * skip. Not a product: a yardstick.
 */
public final class JobFloor {
  private static final JsonFactory JSON =
      JsonFactory.builder().rootValueSeparator((String) null).build();
  private static final Set<String> BILL_TYPES =
      Set.of("NewBill", "TransactionAdd", "GroupTransactionAdd", "ReturnBill");
  private static final Set<String> NO_POINTS =
      Set.of("PointsRedemption", "PointsTransfer", "ManualPointsAdjustment");
  private static final Set<String> AFTER_UNIQUE_ID =
      Set.of("importMeta", "manualPointsAdjustmentDetails", "voucherRedemptionDetails");
  private static final Set<String> EVENT_NAMES =
      Set.of(
          "NewBill",
          "TransactionAdd",
          "GroupTransactionAdd",
          "ReturnBill",
          "LineItemsPointsPromotionImport",
          "BillPointsPromotionImport",
          "CustomerPromotionImport",
          "GenericEvent",
          "CustomerRegistration",
          "CustomerUpdate",
          "AllocateGoodwillPoints",
          "PointsTransfer",
          "PointsRedemption",
          "TargetCompleted",
          "ManualPointsAdjustment",
          "VoucherRedemption");
  private static final Set<String> SOURCES =
      Set.of(
          "INSTORE",
          "MARTJACK",
          "WECHAT",
          "FACEBOOK",
          "WEB_ENGAGE",
          "TMALL",
          "TAOBAO",
          "JD",
          "ECOMMERCE",
          "WEBSITE",
          "LINE",
          "ALL");

  /** The API's flags: every one on by default in the job the floor answers. */
  static final List<String> DEFAULT_FLAGS =
      List.of(
          "getBillDetails",
          "getPointsEarnedBreakup",
          "getCustomFields",
          "getExtendedFields",
          "getMaxConversionDetails",
          "getPaymentMode",
          "includeAlternateCurrencies");

  /**
   * The job's settings the floor answers as the product does (the benchmark's and the tests'):
   * every API flag on by default, chunks and pages of 100, no skips.
   */
  public static Map<String, String> everyFlagOn() {
    Map<String, String> job = new LinkedHashMap<>();
    job.put("org", Long.toString(com.ledgerexplode.generate.GeneratorOptions.DEFAULT_MAIN_ORG));
    for (String flag : DEFAULT_FLAGS) {
      job.put("defaults." + flag, "true");
    }
    job.put("chunkSize", "100");
    job.put("pageSize", "100");
    job.put("skipLimit", "0");
    job.put("runDate", "2025-01-01");
    return job;
  }

  private static final Set<String> FLAGS = flags();

  private static Set<String> flags() {
    Set<String> flags = new HashSet<>(DEFAULT_FLAGS);
    flags.add("getPaymentModes");
    return flags;
  }

  private static final DateTimeFormatter LEGACY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

  private static final String EVENT_COLUMNS =
      "SELECT event_log_id, customer_id, group_id, event_name, event_time,"
          + " event_time_fraction_digits, till_id, event_reference_id, unique_id, details, blocks"
          + " FROM ledger_event WHERE org_id = ?";
  private static final String POINT_COLUMNS =
      "bucket, \"value\", program_id, program_name, expires_on, expiry_type, promotion_id,"
          + " promotion_name, promotion_start_date, promotion_end_date, conversion_date, awarded_on,"
          + " awarded_on_fraction_digits, source_value, allocation_strategy_id,"
          + " allocation_strategy_name, points_category_id, points_category_name,"
          + " expiry_strategy_id, expiry_strategy_name, delay_strategy, return_points,"
          + " returned_points, line_item_id";

  private final Connection db;
  private final long org;
  private final int chunkSize;
  private Records records = Records.NONE;
  private final ByteArrayOutputStream exportBuffer = new ByteArrayOutputStream(1 << 16);
  private final ByteArrayOutputStream rejectsBuffer = new ByteArrayOutputStream(1 << 12);

  /**
   * What a run hands each record to when it writes them elsewhere than files ({@link #run(Path,
   * Records)}): the line of the export or of the rejects file, as the files would hold it.
   */
  public interface Records {
    Records NONE =
        new Records() {
          @Override
          public void event(String line, int requestLine, Object[] header, List<Object[]> points) {}

          @Override
          public void reject(String line, int requestLine) {}

          @Override
          public void chunkWritten() {}
        };

    /**
     * An event's export line (no newline) answering the request on {@code requestLine}, its
     * ledger_event header (event_log_id, customer_id, group_id, event_name, event_time, its
     * fraction digits, till_id, event_reference_id, unique_id, details, blocks) and its event-level
     * points rows (ledger_points from bucket on, in position order: {@link #POINTS_COLUMNS}).
     */
    void event(String line, int requestLine, Object[] header, List<Object[]> points)
        throws SQLException;

    /** A line of the rejects file (a rejected row or a warning), no newline. */
    void reject(String line, int requestLine) throws SQLException;

    /** The chunk's records have all been handed over. */
    void chunkWritten() throws SQLException;
  }

  /** The columns of a points row handed to {@link Records#event}, in order. */
  public static final List<String> POINTS_COLUMNS =
      java.util.Arrays.stream(POINT_COLUMNS.split(","))
          .map(c -> c.trim().replace("\"", ""))
          .toList();

  /** What a run wrote. */
  public record Result(
      long rows, long events, long exportBytes, long rejectsBytes, String exportSha256) {}

  public JobFloor(Connection db, long org, int chunkSize) {
    this.db = db;
    this.org = org;
    this.chunkSize = chunkSize;
  }

  /** {@code JobFloor JDBC_URL INPUT OUTPUT ORG [CHUNK]}: a run in its own JVM, as the product's. */
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    try (Connection db = connect(args[0])) {
      Result result =
          new JobFloor(
                  db, Long.parseLong(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 100)
              .run(Path.of(args[1]), Path.of(args[2]));
      System.out.printf(
          Locale.ROOT,
          "floor: %d rows, %d events, %d + %d bytes in %.2f s%n",
          result.rows(),
          result.events(),
          result.exportBytes(),
          result.rejectsBytes(),
          (System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * A connection to the ledger at {@code url} (H2's user is sa). An H2 ledger gets the settings the
   * product's run gives its own ({@link Databases#h2Settings}): the floor's statements of a chunk
   * stay parsed as the product's do, and the file is never compacted, neither while the floor reads
   * it nor when the connection closes (H2 would otherwise rewrite chunks of a file the floor only
   * reads, so that each run would change the file the next one reads).
   */
  static Connection connect(String url) throws SQLException {
    if (!url.startsWith("jdbc:h2:")) {
      return DriverManager.getConnection(url);
    }
    Properties info = new Properties();
    info.setProperty("user", "sa");
    info.setProperty("password", "");
    Databases.h2Settings(url, Databases.Compaction.NEVER).forEach(info::setProperty);
    return DriverManager.getConnection(url, info);
  }

  /**
   * Hands each record to {@code records} rather than writing files; the result's bytes are those
   * the files would have held.
   */
  public Result run(Path input, Records records) throws IOException, SQLException {
    this.records = records;
    handed[0] = 0;
    handed[1] = 0;
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        JsonGenerator export = JSON.createGenerator(ObjectWriteContext.empty(), exportBuffer);
        JsonGenerator rejected = JSON.createGenerator(ObjectWriteContext.empty(), rejectsBuffer)) {
      long[] counts = answer(in, new Out(export, rejected));
      return new Result(counts[0], counts[1], handed[0], handed[1], "");
    } finally {
      this.records = Records.NONE;
    }
  }

  /** Answers the requests read from {@code in}, chunk by chunk: the rows read, events written. */
  private long[] answer(BufferedReader in, Out out) throws IOException, SQLException {
    long rows = 0;
    long events = 0;
    List<String> header = cells(in.readLine());
    List<Row> chunk = new ArrayList<>(chunkSize);
    int line = 1;
    for (String text = in.readLine(); text != null; text = in.readLine()) {
      line++;
      chunk.add(new Row(line, header, cells(text)));
      if (chunk.size() == chunkSize) {
        rows += chunk.size();
        events += chunk(chunk, out);
        chunk.clear();
      }
    }
    rows += chunk.size();
    events += chunk(chunk, out);
    return new long[] {rows, events};
  }

  private final long[] handed = new long[2];

  /** The line {@code g} wrote into {@code buffer}, without its newline; the buffer emptied. */
  private String take(JsonGenerator g, ByteArrayOutputStream buffer, int file) {
    g.flush();
    String text = buffer.toString(StandardCharsets.UTF_8);
    handed[file] += buffer.size();
    buffer.reset();
    return text.substring(0, text.length() - 1);
  }

  /** Writes {@code output} and its rejects file beside it ({@code name.rejects.jsonl}). */
  public Result run(Path input, Path output) throws IOException, SQLException {
    Path rejects =
        output.resolveSibling(output.getFileName().toString().replace(".jsonl", ".rejects.jsonl"));
    MessageDigest sha = sha256();
    long[] counts;
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        DigestOutputStream exportOut =
            new DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(output), 1 << 16), sha);
        OutputStream rejectsOut =
            new BufferedOutputStream(Files.newOutputStream(rejects), 1 << 16);
        JsonGenerator export = JSON.createGenerator(ObjectWriteContext.empty(), exportOut);
        JsonGenerator rejected = JSON.createGenerator(ObjectWriteContext.empty(), rejectsOut)) {
      counts = answer(in, new Out(export, rejected));
      export.flush();
      rejected.flush();
    }
    return new Result(
        counts[0],
        counts[1],
        Files.size(output),
        Files.size(rejects),
        java.util.HexFormat.of().formatHex(sha.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Out(JsonGenerator export, JsonGenerator rejects) {}

  /** A request row: its cells by name (non-empty ones, in header order) and what it asks. */
  private static final class Row {
    final int line;
    final Map<String, String> cells = new LinkedHashMap<>();
    String rejectCode = "";
    String rejectMessage = "";
    long customer = -1;
    Map<Long, Long> groups = Map.of();
    final List<Long> eventIds = new ArrayList<>();
    final List<String> references = new ArrayList<>();
    final List<long[]> selected = new ArrayList<>();
    final List<String[]> warnings = new ArrayList<>();

    Row(int line, List<String> header, List<String> values) {
      this.line = line;
      for (int i = 0; i < header.size() && i < values.size(); i++) {
        if (!values.get(i).isBlank()) {
          cells.put(header.get(i), values.get(i).strip()); // as the product's reader keeps them
        }
      }
    }

    String cell(String name) {
      String value = cells.get(name);
      return value == null ? "" : value.trim();
    }

    boolean flag(String name) {
      String value = cell(name);
      return value.isEmpty() || value.equalsIgnoreCase("true");
    }

    boolean rejected() {
      return !rejectCode.isEmpty();
    }

    void reject(String code, String message) {
      if (!rejected()) {
        rejectCode = code;
        rejectMessage = message;
      }
    }

    String idName() {
      return cell("identifierName").toLowerCase(Locale.ROOT);
    }

    boolean byId() {
      String name = idName();
      return name.equals("id")
          || name.equals("cuid")
          || name.equals("customerid")
          || name.equals("primaryuserid");
    }

    boolean groupType() {
      return cell("type").equalsIgnoreCase("USERGROUP2")
          || (idName().equals("primaryuserid") && cell("type").isEmpty());
    }
  }

  private long chunk(List<Row> rows, Out out) throws SQLException, IOException {
    for (Row row : rows) {
      validate(row);
    }
    resolve(rows);
    Map<Long, Object[]> headers = headers(rows);
    Set<Long> selected = new LinkedHashSet<>();
    for (Row row : rows) {
      if (!row.rejected()) {
        select(row, headers);
        row.selected.forEach(e -> selected.add(e[0]));
      }
    }
    Sections sections = new Sections(selected);
    for (Row row : rows) {
      String names = row.cell("alternateCurrencyNames");
      if (row.rejected()
          || names.isEmpty()
          || row.cell("includeAlternateCurrencies").equalsIgnoreCase("true")) {
        continue;
      }
      for (long[] event : row.selected) {
        if (currencies(row, sections.currencies.getOrDefault(event[0], List.of())) == null) {
          List<String> given = new ArrayList<>();
          for (String n : names.split(",", -1)) {
            given.add(n.trim());
          }
          row.warnings.add(
              new String[] {
                "9018",
                "No alternate currency found for names "
                    + String.join(",", given)
                    + " in event "
                    + event[0],
                "eventId",
                Long.toString(event[0])
              });
        }
      }
    }
    long events = 0;
    for (Row row : rows) {
      if (row.rejected()) {
        JsonGenerator g = out.rejects();
        g.writeStartObject();
        g.writeStringProperty("kind", "rejected");
        writeRequest(g, row, false);
        g.writeNumberProperty("code", Integer.parseInt(row.rejectCode));
        g.writeStringProperty("message", row.rejectMessage);
        g.writeEndObject();
        g.writeRaw('\n');
        if (records != Records.NONE) {
          records.reject(take(g, rejectsBuffer, 1), row.line);
        }
        continue;
      }
      for (long[] event : row.selected) {
        Object[] h = headers.get(event[0]);
        writeEvent(out.export(), row, h, sections);
        events++;
        if (records != Records.NONE) {
          records.event(
              take(out.export(), exportBuffer, 0), row.line, h, own(sections.points, event[0]));
        }
      }
      for (String[] warning : row.warnings) {
        JsonGenerator g = out.rejects();
        g.writeStartObject();
        g.writeStringProperty("kind", "warning");
        writeRequest(g, row, true);
        g.writeNumberProperty("code", Integer.parseInt(warning[0]));
        g.writeStringProperty("message", warning[1]);
        g.writeStringProperty(warning[2], warning[3]);
        g.writeEndObject();
        g.writeRaw('\n');
        if (records != Records.NONE) {
          records.reject(take(g, rejectsBuffer, 1), row.line);
        }
      }
    }
    records.chunkWritten();
    return events;
  }

  private static void validate(Row row) {
    String name = row.idName();
    if (row.cell("identifierName").isEmpty()
        || row.cell("identifierValue").isEmpty()
        || row.cell("source").isEmpty()) {
      row.reject("11013", "identifierName, identifierValue and source are required");
      return;
    }
    if (!Set.of("mobile", "id", "email", "externalid", "cuid", "customerid", "primaryuserid")
        .contains(name)) {
      row.reject("8013", "Identifier name missing or incorrect");
      return;
    }
    if (!SOURCES.contains(row.cell("source").toUpperCase(Locale.ROOT))) {
      row.reject("8003", "Source is missing or incorrect");
      return;
    }
    if (row.byId() && !row.cell("identifierValue").matches("[0-9]+")) {
      row.reject("8015", "Identifier value missing or incorrect");
      return;
    }
    boolean ids = !row.cell("eventIds").isEmpty();
    boolean byName = !row.cell("eventName").isEmpty() || !row.cell("eventReferenceIds").isEmpty();
    if (ids && byName) {
      row.reject("11021", "Pass either eventIds or eventName with eventReferenceIds, not both");
      return;
    }
    if (!ids && (row.cell("eventName").isEmpty() || row.cell("eventReferenceIds").isEmpty())) {
      row.reject("11023", "Pass eventIds, or eventName with eventReferenceIds");
      return;
    }
    if (ids) {
      for (String id : row.cell("eventIds").split(",", -1)) {
        String t = id.trim();
        if (!t.matches("[0-9]{1,18}") || Long.parseLong(t) == 0) {
          row.reject("11017", "Event id is not a positive integer: '" + t + "'");
          return;
        }
        row.eventIds.add(Long.parseLong(t));
      }
    } else {
      if (!EVENT_NAMES.contains(row.cell("eventName"))) {
        row.reject("11014", "Event name not found :" + row.cell("eventName"));
        return;
      }
      String[] refs = row.cell("eventReferenceIds").split(",", -1);
      if (refs.length > 10) {
        row.reject("9022", "At most 10 eventReferenceIds are allowed, " + refs.length + " given");
        return;
      }
      for (String ref : refs) {
        if (ref.isBlank()) {
          row.reject("9022", "An eventReferenceId is blank");
          return;
        }
        row.references.add(ref.trim());
      }
    }
    for (String names : new String[] {row.cell("alternateCurrencyNames")}) {
      for (String currency : names.split(",", -1)) {
        if (!names.isEmpty() && currency.isBlank()) {
          row.reject("9005", "An alternateCurrencyNames name is blank");
          return;
        }
      }
    }
    for (String flag : FLAGS) {
      String value = row.cell(flag);
      if (!value.isEmpty() && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        row.reject("11012", "Invalid value for " + flag + ": '" + value + "'");
        return;
      }
    }
    for (String number : new String[] {"offset", "limit"}) {
      String value = row.cell(number);
      if ((!value.isEmpty() && !value.matches("[0-9]{1,9}"))
          || (number.equals("limit") && value.equals("0"))) {
        row.reject("11012", "Invalid value for " + number + ": '" + value + "'");
        return;
      }
    }
    String type = row.cell("type");
    if (!type.isEmpty()
        && !type.equalsIgnoreCase("CUSTOMER")
        && !type.equalsIgnoreCase("USERGROUP2")) {
      row.reject("11012", "Invalid value for type: '" + type + "'");
      return;
    }
    String primary = row.cell("isPrimaryUser");
    if (!primary.isEmpty()
        && !primary.equalsIgnoreCase("true")
        && !primary.equalsIgnoreCase("false")) {
      row.reject("11012", "Invalid value for isPrimaryUser: '" + primary + "'");
    }
  }

  /** The customers of the chunk's rows: one query by identifier, one by id, one for groups. */
  private void resolve(List<Row> rows) throws SQLException {
    Set<String> keys = new HashSet<>();
    Set<Long> ids = new HashSet<>();
    for (Row row : rows) {
      if (!row.rejected()) {
        if (row.byId()) {
          ids.add(Long.parseLong(row.cell("identifierValue")));
        } else {
          keys.add(row.cell("identifierValue").toLowerCase(Locale.ROOT));
        }
      }
    }
    Map<String, List<String[]>> byKey = new HashMap<>();
    if (!keys.isEmpty()) {
      try (PreparedStatement ps =
          db.prepareStatement(
              "SELECT customer_id, name, \"value\", source, account_id FROM ledger_identifier"
                  + " WHERE org_id + 0 = ? AND value_key = ANY(?)")) {
        ps.setLong(1, org);
        ps.setArray(2, db.createArrayOf("varchar", keys.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String value = rs.getString(3);
            byKey
                .computeIfAbsent(value.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(
                    new String[] {
                      rs.getString(1), rs.getString(2), value, rs.getString(4), rs.getString(5)
                    });
          }
        }
      }
    }
    Set<Long> known = new HashSet<>();
    if (!ids.isEmpty()) {
      try (PreparedStatement ps =
          db.prepareStatement(
              "SELECT customer_id FROM ledger_customer WHERE org_id + 0 = ? AND customer_id = ANY(?)")) {
        ps.setLong(1, org);
        ps.setArray(2, db.createArrayOf("bigint", ids.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            known.add(rs.getLong(1));
          }
        }
      }
    }
    Set<Long> inGroups = new HashSet<>();
    for (Row row : rows) {
      if (row.rejected()) {
        continue;
      }
      if (row.byId()) {
        long id = Long.parseLong(row.cell("identifierValue"));
        if (known.contains(id)) {
          row.customer = id;
        }
      } else {
        Set<Long> found = new HashSet<>();
        String source = row.cell("source").toUpperCase(Locale.ROOT);
        String account = row.cell("accountId");
        for (String[] identifier :
            byKey.getOrDefault(row.cell("identifierValue").toLowerCase(Locale.ROOT), List.of())) {
          boolean value =
              row.idName().equals("email")
                  ? identifier[2].equalsIgnoreCase(row.cell("identifierValue"))
                  : identifier[2].equals(row.cell("identifierValue"));
          if (identifier[1].equals(row.idName())
              && value
              && (source.equals("ALL") || source.equalsIgnoreCase(identifier[3]))
              && (account.isEmpty() || account.equals(identifier[4]))) {
            found.add(Long.parseLong(identifier[0]));
          }
        }
        if (found.size() > 1) {
          row.reject("8015", "The identifier matches " + found.size() + " customers, not one");
          continue;
        }
        if (found.size() == 1) {
          row.customer = found.iterator().next();
        }
      }
      if (row.customer < 0) {
        row.reject("8015", "Customer not found for the given identifiers");
      } else if (row.groupType() || row.idName().equals("primaryuserid")) {
        inGroups.add(row.customer);
      }
    }
    if (inGroups.isEmpty()) {
      return;
    }
    Map<Long, Map<Long, Long>> groups = new HashMap<>();
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT m.customer_id, m.group_id, g.primary_customer_id FROM ledger_group_member m"
                + " LEFT JOIN ledger_group g ON g.org_id = m.org_id AND g.group_id = m.group_id"
                + " WHERE m.org_id + 0 = ? AND m.customer_id = ANY(?)")) {
      ps.setLong(1, org);
      ps.setArray(2, db.createArrayOf("bigint", inGroups.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          groups
              .computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
              .put(rs.getLong(2), rs.getLong(3));
        }
      }
    }
    for (Row row : rows) {
      if (row.rejected() || !inGroups.contains(row.customer)) {
        continue;
      }
      Map<Long, Long> of = groups.getOrDefault(row.customer, Map.of());
      Map<Long, Long> seen = new HashMap<>();
      of.forEach(
          (group, primary) -> {
            if (!row.idName().equals("primaryuserid") || primary == row.customer) {
              seen.put(group, primary);
            }
          });
      if (row.idName().equals("primaryuserid") && seen.isEmpty()) {
        row.reject("1632", "The customer is the primary member of no group");
      } else if (row.groupType() && seen.isEmpty()) {
        row.reject("1632", "The customer is in no group");
      }
      row.groups = row.groupType() ? seen : Map.of();
    }
  }

  /** The headers of every event the chunk's rows may select: by id, and by reference. */
  private Map<Long, Object[]> headers(List<Row> rows) throws SQLException {
    Set<Long> ids = new HashSet<>();
    Set<String> references = new HashSet<>();
    Set<Long> customers = new HashSet<>();
    Set<Long> groups = new HashSet<>();
    for (Row row : rows) {
      if (!row.rejected()) {
        ids.addAll(row.eventIds);
        if (!row.references.isEmpty()) {
          references.addAll(row.references);
          customers.add(row.customer);
          groups.addAll(row.groups.keySet());
        }
      }
    }
    Map<Long, Object[]> headers = new HashMap<>();
    if (!ids.isEmpty()) {
      try (PreparedStatement ps =
          db.prepareStatement(
              EVENT_COLUMNS.replace("org_id = ?", "org_id + 0 = ?")
                  + " AND event_log_id = ANY(?)")) {
        ps.setLong(1, org);
        ps.setArray(2, db.createArrayOf("bigint", ids.toArray()));
        readHeaders(ps, headers);
      }
    }
    if (!references.isEmpty()) {
      try (PreparedStatement ps =
          db.prepareStatement(
              // a branch for the customers, one for their groups: each seeks by its index (V6)
              EVENT_COLUMNS
                  + " AND event_reference_id = ANY(?) AND customer_id = ANY(?) UNION "
                  + EVENT_COLUMNS
                  + " AND event_reference_id = ANY(?) AND group_id = ANY(?)")) {
        ps.setLong(1, org);
        ps.setArray(2, db.createArrayOf("varchar", references.toArray()));
        ps.setArray(3, db.createArrayOf("bigint", customers.toArray()));
        ps.setLong(4, org);
        ps.setArray(5, db.createArrayOf("varchar", references.toArray()));
        ps.setArray(6, db.createArrayOf("bigint", groups.toArray()));
        readHeaders(ps, headers);
      }
    }
    return headers;
  }

  private static void readHeaders(PreparedStatement ps, Map<Long, Object[]> headers)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Object[] h = new Object[11];
        h[0] = rs.getLong(1);
        h[1] = rs.getLong(2);
        long group = rs.getLong(3);
        h[2] = rs.wasNull() ? null : group;
        for (int i = 4; i <= 11; i++) {
          h[i - 1] = i == 5 ? rs.getObject(5, OffsetDateTime.class) : rs.getObject(i);
        }
        headers.put((Long) h[0], h);
      }
    }
  }

  private static boolean visible(Row row, Object[] h) {
    if (!row.groupType()) {
      return (Long) h[1] == row.customer;
    }
    Long primary = h[2] == null ? null : row.groups.get((Long) h[2]);
    if (h[2] == null || !row.groups.containsKey((Long) h[2])) {
      return false;
    }
    return !row.cell("isPrimaryUser").equalsIgnoreCase("true") || h[1].equals(primary);
  }

  private static void select(Row row, Map<Long, Object[]> headers) {
    List<long[]> events = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    if (!row.eventIds.isEmpty()) {
      for (long id : new LinkedHashSet<>(row.eventIds)) {
        Object[] h = headers.get(id);
        if (h != null && visible(row, h)) {
          if (seen.add(id)) {
            events.add(new long[] {id});
          }
        } else {
          row.warnings.add(
              new String[] {
                "9021", "No event found for eventId " + id, "eventId", Long.toString(id)
              });
        }
      }
    } else {
      List<Object[]> all = new ArrayList<>(headers.values());
      all.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
      String name = row.cell("eventName");
      for (String reference : new LinkedHashSet<>(row.references)) {
        int before = events.size();
        for (Object[] h : all) {
          if (reference.equals(h[7]) && name.equals(h[3]) && visible(row, h)) {
            if (seen.add((Long) h[0])) {
              events.add(new long[] {(Long) h[0]});
            }
          }
        }
        if (events.size() == before) {
          row.warnings.add(
              new String[] {
                "9021",
                "No " + name + " event found for eventReferenceId " + reference,
                "eventReferenceId",
                reference
              });
        }
      }
    }
    int offset = row.cell("offset").isEmpty() ? 0 : Integer.parseInt(row.cell("offset"));
    int limit =
        row.cell("limit").isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(row.cell("limit"));
    int to = (int) Math.min(events.size(), (long) offset + limit);
    if (offset < to) {
      row.selected.addAll(events.subList(offset, to));
    }
  }

  /** Every section of the chunk's selected events, one query each, rows kept as the columns'. */
  private final class Sections {
    final Map<Long, List<Object[]>> points = new HashMap<>();
    final Map<Long, Object[]> bills = new HashMap<>();
    final Map<Long, List<Object[]>> lines = new HashMap<>();
    final Map<Long, List<String[]>> custom = new HashMap<>();
    final Map<Long, List<String[]>> extended = new HashMap<>();
    final Map<Long, List<String>> modes = new HashMap<>();
    final Map<Long, List<Object[]>> currencies = new HashMap<>();

    Sections(Set<Long> events) throws SQLException {
      if (events.isEmpty()) {
        return;
      }
      Array ids = db.createArrayOf("bigint", events.toArray());
      // the org compared so that H2 seeks the primary key by event id alone: with org_id = ? it
      // ranges over the org's rows (474,168 index rows for 150 events)
      String of = " WHERE org_id + 0 = ? AND event_log_id = ANY(?)";
      String ordered = of + " ORDER BY event_log_id, position";
      read(
          "SELECT event_log_id, line_position, " + POINT_COLUMNS + " FROM ledger_points" + ordered,
          ids,
          rs -> points.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(columns(rs, 2)));
      read(
          "SELECT event_log_id, type, bill_number, gross_amount, discount, bill_amount, note,"
              + " source, bill_date, bill_date_fraction_digits, return_date,"
              + " return_date_fraction_digits, return_amount, return_type, return_bill_id"
              + " FROM ledger_bill"
              + of,
          ids,
          rs -> bills.put(rs.getLong(1), columns(rs, 2)));
      read(
          "SELECT event_log_id, line_id, line_item_code, line_source, line_gross_amount,"
              + " line_discount, line_amount, line_rate, line_qty FROM ledger_line_item"
              + ordered,
          ids,
          rs -> lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(columns(rs, 2)));
      read(
          "SELECT event_log_id, kind, name, \"value\" FROM ledger_event_field"
              + of
              + " ORDER BY event_log_id, kind, position",
          ids,
          rs ->
              (rs.getString(2).equals("custom") ? custom : extended)
                  .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                  .add(new String[] {rs.getString(3), rs.getString(4)}));
      read(
          "SELECT event_log_id, mode FROM ledger_payment_mode" + ordered,
          ids,
          rs -> modes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)));
      read(
          "SELECT event_log_id, name, identifier, "
              + POINT_COLUMNS
              + " FROM ledger_alternate_currency"
              + ordered,
          ids,
          rs ->
              currencies
                  .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                  .add(columns(rs, 2)));
    }

    private int[] types = new int[0];

    private Object[] columns(ResultSet rs, int from) throws SQLException {
      int n = types.length;
      Object[] values = new Object[n - from + 1];
      for (int i = from; i <= n; i++) {
        int type = types[i - 1];
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIMESTAMP) {
          values[i - from] = rs.getObject(i, OffsetDateTime.class);
        } else if (type == Types.DATE) {
          values[i - from] = rs.getObject(i, LocalDate.class);
        } else if (type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT) {
          long v = rs.getLong(i);
          values[i - from] = rs.wasNull() ? null : Long.valueOf(v);
        } else {
          values[i - from] = rs.getString(i);
        }
      }
      return values;
    }

    private void read(String sql, Array ids, RowReader reader) throws SQLException {
      try (PreparedStatement ps = db.prepareStatement(sql)) {
        ps.setLong(1, org);
        ps.setArray(2, ids);
        try (ResultSet rs = ps.executeQuery()) {
          types = new int[rs.getMetaData().getColumnCount()];
          for (int i = 0; i < types.length; i++) {
            types[i] = rs.getMetaData().getColumnType(i + 1);
          }
          while (rs.next()) {
            reader.read(rs);
          }
        }
      }
    }
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private static void writeRequest(JsonGenerator g, Row row, boolean warning) {
    g.writeName("request");
    g.writeStartObject();
    g.writeNumberProperty("line", row.line);
    for (Map.Entry<String, String> cell : row.cells.entrySet()) {
      if (warning
          && (cell.getKey().equals("eventIds") || cell.getKey().equals("eventReferenceIds"))) {
        continue;
      }
      g.writeStringProperty(cell.getKey(), cell.getValue());
    }
    g.writeEndObject();
  }

  // indexes into a points row (after event_log_id and line_position for ledger_points)
  private static final int BUCKET = 0;
  private static final int VALUE = 1;
  private static final int PROGRAM_ID = 2;
  private static final int PROGRAM_NAME = 3;
  private static final int EXPIRES_ON = 4;
  private static final int EXPIRY_TYPE = 5;
  private static final int PROMOTION_ID = 6;
  private static final int PROMOTION_NAME = 7;
  private static final int PROMOTION_START = 8;
  private static final int PROMOTION_END = 9;
  private static final int CONVERSION_DATE = 10;
  private static final int AWARDED_ON = 11;
  private static final int SOURCE_VALUE = 13;
  private static final int DELAY_STRATEGY = 20;
  private static final int RETURN_POINTS = 21;
  private static final int RETURNED_POINTS = 22;

  private void writeEvent(JsonGenerator g, Row row, Object[] h, Sections s) {
    long id = (Long) h[0];
    String name = (String) h[3];
    boolean bill = BILL_TYPES.contains(name);
    boolean breakup = row.flag("getPointsEarnedBreakup");
    List<Object[]> all = s.points.getOrDefault(id, List.of());
    List<Object[]> own = own(s.points, id);
    g.writeStartObject();
    writeRequest(g, row, false);
    g.writeNumberProperty("customerId", row.customer);
    g.writeNumberProperty("eventLogId", id);
    g.writeStringProperty("eventName", name);
    g.writeName("eventDetails");
    g.writeStartObject();
    String details = (String) h[9];
    copyFields(g, details, "eventDisplayName", true);
    if (h[4] != null) {
      time(g, "eventTime", (OffsetDateTime) h[4], (Number) h[5]);
    }
    if (h[6] != null) {
      g.writeNumberProperty("tillId", ((Number) h[6]).longValue());
    }
    copyFields(g, details, "eventDisplayName", false);
    if (bill && !name.equals("ReturnBill") && row.flag("getMaxConversionDetails")) {
      LocalDate max = null;
      for (Object[] p : own) {
        if ("promised".equals(p[BUCKET])
            && p[CONVERSION_DATE] != null
            && ("FIXED_DATE".equals(p[DELAY_STRATEGY])
                || "RETURN_DATE".equals(p[DELAY_STRATEGY]))) {
          LocalDate d = date(p[CONVERSION_DATE]);
          max = max == null || d.isAfter(max) ? d : max;
        }
      }
      if (max != null) {
        g.writeStringProperty("maxConversionDate", max + " 00:00:00.0");
      }
    }
    g.writeEndObject();
    List<Object[]> currencies = currencies(row, s.currencies.getOrDefault(id, List.of()));
    if (bill) {
      if (row.flag("getBillDetails")) {
        writeBill(
            g, s.bills.get(id), own, all, s.lines.getOrDefault(id, List.of()), currencies, breakup);
      }
    } else if (!NO_POINTS.contains(name) && !name.equals("TargetCompleted")) {
      writeEarned(g, own, currencies, breakup, List.of("regular", "promo", "promised"));
    }
    if (row.flag("getCustomFields")) {
      nameValues(g, "customFields", s.custom.getOrDefault(id, List.of()));
    }
    if (row.flag("getExtendedFields")) {
      nameValues(g, "extendedFields", s.extended.getOrDefault(id, List.of()));
    }
    if (row.flag("getPaymentMode") && row.flag("getPaymentModes")) {
      g.writeName("paymentModes");
      g.writeStartArray();
      for (String mode : s.modes.getOrDefault(id, List.of())) {
        g.writeString(mode);
      }
      g.writeEndArray();
    }
    String blocks = (String) h[10];
    if (blocks != null) {
      copyBlocks(
          g, blocks, false, name.equals("TargetCompleted") ? own : null, currencies, breakup);
    } else if (name.equals("TargetCompleted")) {
      g.writeName("targetCompletedDetails");
      g.writeStartObject();
      writeEarned(g, own, currencies, breakup, List.of("promo", "promised"));
      g.writeEndObject();
    }
    if (h[7] != null) {
      g.writeStringProperty("eventReferenceId", (String) h[7]);
    }
    if (h[8] != null) {
      g.writeStringProperty("uniqueId", (String) h[8]);
    }
    if (blocks != null) {
      copyBlocks(g, blocks, true, null, currencies, breakup);
    }
    g.writeNumberProperty("orgId", org);
    g.writeEndObject();
    g.writeRaw('\n');
  }

  /** The event's own points rows (not its line items'), without their line_position. */
  private static List<Object[]> own(Map<Long, List<Object[]>> points, long event) {
    List<Object[]> own = new ArrayList<>();
    for (Object[] p : points.getOrDefault(event, List.of())) {
      if (p[0] == null) {
        own.add(shift(p));
      }
    }
    return own;
  }

  /** A points row of ledger_points without its line_position. */
  private static Object[] shift(Object[] p) {
    Object[] shifted = new Object[p.length - 1];
    System.arraycopy(p, 1, shifted, 0, shifted.length);
    return shifted;
  }

  /** The currencies the row asks for: all, those named, or none (null: the key is absent). */
  private static List<Object[]> currencies(Row row, List<Object[]> all) {
    if (row.cell("includeAlternateCurrencies").isEmpty()
        || row.cell("includeAlternateCurrencies").equalsIgnoreCase("true")) {
      return all;
    }
    String names = row.cell("alternateCurrencyNames");
    if (names.isEmpty()) {
      return null;
    }
    Set<String> wanted = new HashSet<>();
    for (String n : names.split(",", -1)) {
      wanted.add(n.trim().toLowerCase(Locale.ROOT));
    }
    List<Object[]> matching = new ArrayList<>();
    for (Object[] c : all) {
      if (wanted.contains(((String) c[0]).toLowerCase(Locale.ROOT))) {
        matching.add(c);
      }
    }
    return matching.isEmpty() ? null : matching;
  }

  private void writeBill(
      JsonGenerator g,
      Object[] b,
      List<Object[]> own,
      List<Object[]> all,
      List<Object[]> lines,
      List<Object[]> currencies,
      boolean breakup) {
    g.writeName("billDetails");
    g.writeStartObject();
    if (b != null) {
      string(g, "type", b[0]);
      string(g, "billNumber", b[1]);
      number(g, "grossAmount", b[2]);
      number(g, "discount", b[3]);
      number(g, "billAmount", b[4]);
      string(g, "note", b[5]);
      string(g, "source", b[6]);
      if (b[7] != null) {
        time(g, "billDate", (OffsetDateTime) b[7], (Number) b[8]);
      }
      if (b[9] != null) {
        time(g, "returnDate", (OffsetDateTime) b[9], (Number) b[10]);
      }
      number(g, "returnAmount", b[11]);
      string(g, "returnType", b[12]);
      string(g, "returnBillId", b[13]);
    }
    writeEarned(g, own, currencies, breakup, List.of("regular", "promo", "promised"));
    g.writeName("lineItems");
    g.writeStartArray();
    for (int i = 0; i < lines.size(); i++) {
      Object[] l = lines.get(i);
      g.writeStartObject();
      if (l[0] != null) {
        g.writeNumberProperty("id", ((Number) l[0]).longValue());
      }
      string(g, "itemCode", l[1]);
      string(g, "source", l[2]);
      number(g, "grossAmount", l[3]);
      number(g, "discount", l[4]);
      number(g, "amount", l[5]);
      number(g, "rate", l[6]);
      number(g, "qty", l[7]);
      List<Object[]> linePoints = new ArrayList<>();
      for (Object[] p : all) {
        if (p[0] != null && ((Number) p[0]).intValue() == i) {
          linePoints.add(shift(p));
        }
      }
      if (!linePoints.isEmpty()) {
        g.writeName("pointsEarned");
        writeBuckets(g, linePoints, List.of("regular", "promo", "promised"));
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void writeEarned(
      JsonGenerator g,
      List<Object[]> own,
      List<Object[]> currencies,
      boolean breakup,
      List<String> buckets) {
    g.writeName("pointsEarned");
    writeBuckets(g, own, buckets);
    if (breakup) {
      g.writeName("pointsEarnedBreakup");
      writeBreakup(g, own, buckets);
    }
    if (currencies == null) {
      return;
    }
    Map<String, List<Object[]>> byName = new LinkedHashMap<>();
    for (Object[] c : currencies) {
      byName.computeIfAbsent((String) c[0], k -> new ArrayList<>()).add(c);
    }
    g.writeName("alternateCurrencyValueEarned");
    g.writeStartArray();
    for (List<Object[]> currency : byName.values()) {
      List<Object[]> entries = new ArrayList<>();
      currency.forEach(c -> entries.add(shift(shift(c))));
      g.writeStartObject();
      writeBucketFields(g, entries, buckets);
      g.writeStringProperty("alternateCurrencyName", (String) currency.get(0)[0]);
      string(g, "alternateCurrencyIdentifier", currency.get(0)[1]);
      g.writeEndObject();
    }
    g.writeEndArray();
    if (breakup) {
      g.writeName("alternateCurrencyValueEarnedBreakup");
      g.writeStartArray();
      for (List<Object[]> currency : byName.values()) {
        List<Object[]> entries = new ArrayList<>();
        currency.forEach(c -> entries.add(shift(shift(c))));
        g.writeStartObject();
        writeBreakupFields(g, entries, buckets);
        g.writeStringProperty("alternateCurrencyName", (String) currency.get(0)[0]);
        string(g, "alternateCurrencyIdentifier", currency.get(0)[1]);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  private void writeBuckets(JsonGenerator g, List<Object[]> points, List<String> buckets) {
    g.writeStartObject();
    writeBucketFields(g, points, buckets);
    g.writeEndObject();
  }

  private void writeBucketFields(JsonGenerator g, List<Object[]> points, List<String> buckets) {
    for (String bucket : buckets) {
      g.writeName(bucket);
      g.writeStartArray();
      for (Object[] p : points) {
        if (!bucket.equals(p[BUCKET])) {
          continue;
        }
        g.writeStartObject();
        switch (bucket) {
          case "regular" -> {
            number(g, "value", p[VALUE]);
            expires(g, p);
            program(g, p);
            string(g, "expiryType", p[EXPIRY_TYPE]);
            number(g, "returnPoints", p[RETURN_POINTS]);
          }
          case "promo" -> {
            id(g, "promotionId", p[PROMOTION_ID]);
            string(g, "promotionName", p[PROMOTION_NAME]);
            program(g, p);
            number(g, "value", p[VALUE]);
            expires(g, p);
            string(g, "expiryType", p[EXPIRY_TYPE]);
            day(g, "promotionStartDate", p[PROMOTION_START]);
            day(g, "promotionEndDate", p[PROMOTION_END]);
            number(g, "returnedPoints", p[RETURNED_POINTS]);
          }
          default -> {
            number(g, "value", p[VALUE]);
            day(g, "conversionDate", p[CONVERSION_DATE]);
            program(g, p);
          }
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  private void writeBreakup(JsonGenerator g, List<Object[]> points, List<String> buckets) {
    g.writeStartObject();
    writeBreakupFields(g, points, buckets);
    g.writeEndObject();
  }

  private void writeBreakupFields(JsonGenerator g, List<Object[]> points, List<String> buckets) {
    for (String bucket : new String[] {"regular", "promised"}) {
      g.writeName(bucket);
      g.writeStartArray();
      for (Object[] p : points) {
        String of = (String) p[BUCKET];
        boolean promo = of.equals("promo");
        if (!buckets.contains(of) || bucket.equals("regular") != (promo || of.equals("regular"))) {
          continue;
        }
        g.writeStartObject();
        number(g, "value", p[VALUE]);
        if (bucket.equals("promised")) {
          day(g, "conversionDate", p[CONVERSION_DATE]);
        } else {
          expires(g, p);
        }
        if (p[AWARDED_ON] != null) {
          time(g, "awardedOn", (OffsetDateTime) p[AWARDED_ON], (Number) p[AWARDED_ON + 1]);
        }
        number(g, "sourceValue", p[SOURCE_VALUE]);
        program(g, p);
        id(g, "allocationStrategyId", p[14]);
        string(g, "allocationStrategyName", p[15]);
        id(g, "pointsCategoryId", p[16]);
        string(g, "pointsCategoryName", p[17]);
        id(g, "expiryStrategyId", p[18]);
        string(g, "expiryStrategyName", p[19]);
        if (!bucket.equals("promised")) {
          string(g, "expiryType", p[EXPIRY_TYPE]);
        }
        if (promo) {
          g.writeName("promotionDetails");
          g.writeStartObject();
          id(g, "promotionId", p[PROMOTION_ID]);
          string(g, "promotionName", p[PROMOTION_NAME]);
          g.writeEndObject();
          number(g, "returnPoints", p[RETURNED_POINTS]);
        } else {
          number(g, "returnPoints", p[RETURN_POINTS]);
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  private static void program(JsonGenerator g, Object[] p) {
    id(g, "programId", p[PROGRAM_ID]);
    string(g, "programName", p[PROGRAM_NAME]);
  }

  private static void expires(JsonGenerator g, Object[] p) {
    if (p[EXPIRES_ON] != null) {
      LocalDate d = date(p[EXPIRES_ON]);
      g.writeStringProperty("expiresOn", d + " 00:00:00.0");
      g.writeStringProperty("expiresOnISO", d + "T00:00:00Z");
    }
  }

  private static void day(JsonGenerator g, String name, Object value) {
    if (value != null) {
      g.writeStringProperty(name, date(value) + " 00:00:00.0");
    }
  }

  private static LocalDate date(Object value) {
    return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
  }

  private static void string(JsonGenerator g, String name, Object value) {
    if (value != null) {
      g.writeStringProperty(name, (String) value);
    }
  }

  private static void number(JsonGenerator g, String name, Object value) {
    if (value != null) {
      g.writeName(name);
      g.writeNumber((String) value);
    }
  }

  private static void id(JsonGenerator g, String name, Object value) {
    if (value != null) {
      g.writeNumberProperty(name, ((Number) value).longValue());
    }
  }

  private static void time(JsonGenerator g, String name, OffsetDateTime time, Number digits) {
    OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC);
    String fraction = "";
    int n = digits == null ? (utc.getNano() == 0 ? 0 : 3) : digits.intValue();
    if (n > 0) {
      fraction = String.format(Locale.ROOT, "%09d", utc.getNano()).substring(0, n);
    }
    g.writeStringProperty(name, LEGACY.format(utc) + "." + (fraction.isEmpty() ? "0" : fraction));
    g.writeStringProperty(
        name + "ISO", ISO_SECONDS.format(utc) + (fraction.isEmpty() ? "" : "." + fraction) + "Z");
  }

  private static void nameValues(JsonGenerator g, String name, List<String[]> values) {
    g.writeName(name);
    g.writeStartArray();
    for (String[] v : values) {
      g.writeStartObject();
      g.writeStringProperty("name", v[0]);
      if (v[1] != null) {
        g.writeStringProperty("value", v[1]);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /**
   * Copies the fields of the details object: only {@code only} when {@code first}, else the others.
   */
  private static void copyFields(JsonGenerator g, String json, String only, boolean first) {
    if (json == null) {
      return;
    }
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals(only) == first) {
          g.writeName(name);
          copyValue(g, p);
        } else {
          p.skipChildren();
        }
      }
    }
  }

  /**
   * Copies the blocks (those written after uniqueId when {@code after}), with a target's points
   * inserted after its sourceType.
   */
  private void copyBlocks(
      JsonGenerator g,
      String json,
      boolean after,
      List<Object[]> targetPoints,
      List<Object[]> currencies,
      boolean breakup) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (AFTER_UNIQUE_ID.contains(name) != after) {
          p.skipChildren();
          continue;
        }
        g.writeName(name);
        if (targetPoints != null && name.equals("targetCompletedDetails")) {
          g.writeStartObject();
          boolean written = false;
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = p.currentName();
            p.nextToken();
            g.writeName(key);
            copyValue(g, p);
            if (key.equals("sourceType")) {
              writeEarned(g, targetPoints, currencies, breakup, List.of("promo", "promised"));
              written = true;
            }
          }
          if (!written) {
            writeEarned(g, targetPoints, currencies, breakup, List.of("promo", "promised"));
          }
          g.writeEndObject();
        } else {
          copyValue(g, p);
        }
      }
    }
  }

  /** A string of the type detail, a time of its (ISO-8601) written legacy, and maybe twinned. */
  private static void copyString(JsonGenerator g, JsonParser p) {
    String name = p.currentName();
    String text = p.getString();
    boolean twin = name != null && TimeKeys.TWINNED.contains(name);
    if (name == null || !(twin || TimeKeys.LEGACY_ONLY.contains(name))) {
      g.writeString(text);
      return;
    }
    String fraction = "";
    OffsetDateTime utc;
    if (text.length() == 10) {
      utc = LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
    } else {
      utc = OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
      int dot = text.indexOf('.', 19);
      if (dot > 0) {
        int end = dot + 1;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
          end++;
        }
        fraction = text.substring(dot + 1, end);
      }
    }
    g.writeString(LEGACY.format(utc) + "." + (fraction.isEmpty() ? "0" : fraction));
    if (twin) {
      g.writeStringProperty(
          name + "ISO", ISO_SECONDS.format(utc) + (fraction.isEmpty() ? "" : "." + fraction) + "Z");
    }
  }

  private static void copyValue(JsonGenerator g, JsonParser p) {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      copyString(g, p);
    } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      g.writeNumber(p.getString());
    } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      g.copyCurrentEvent(p);
      int depth = 1;
      while (depth > 0) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          g.writeNumber(p.getString());
        } else if (t == JsonToken.VALUE_STRING) {
          copyString(g, p);
        } else {
          g.copyCurrentEvent(p);
        }
      }
    } else {
      g.copyCurrentEvent(p);
    }
  }

  /** The cells of one CSV record on one line: quoted cells may hold commas and doubled quotes. */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}

package com.ledgerexplode.json.snapshot;

import com.ledgerexplode.explode.IdentifierName;
import com.ledgerexplode.explode.Source;
import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.Customer;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.EventType;
import com.ledgerexplode.ledger.FieldSpec;
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
import com.ledgerexplode.ledger.TypeDetail;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a ledger snapshot (JSON Lines, one record per line, discriminated by {@code kind}) one line
 * at a time, so that memory is bounded by the longest line. Strict: an unknown field, a missing
 * identity, a value of the wrong type is an error naming the line and the field; nothing is dropped
 * silently. Every integer is an id, positive (a tillId may be -1). Decimals are read exactly, with
 * the scale they were written with, whether given as JSON strings or numbers. After a {@link
 * SnapshotLineException} reading goes on with the next line.
 *
 * <p>Paths in reasons index arrays from 0: {@code points[2]} is the third entry.
 */
public final class SnapshotReader implements Closeable {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /**
   * Whether the text is a decimal as a snapshot may write one in a string: {@code
   * [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?} with ASCII digits, read by hand (no regular
   * expression's matcher for every amount of every line).
   */
  static boolean isDecimal(String text) {
    int n = text.length();
    int i = 0;
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int integer = digits(text, i);
    i += integer;
    int fraction = 0;
    if (i < n && text.charAt(i) == '.') {
      i++;
      fraction = digits(text, i);
      i += fraction;
    }
    if (integer == 0 && fraction == 0) {
      return false; // no digit before the exponent
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int exponent = digits(text, i);
      if (exponent == 0) {
        return false;
      }
      i += exponent;
    }
    return i == n;
  }

  /** How many ASCII digits the text has from this index on. */
  private static int digits(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  static final int MAX_SCALE = 1000;
  private static final int SHOWN_CHARS = 80;
  static final long NO_TILL = -1;

  static final Set<String> ORG_FIELDS =
      Set.of("kind", "orgId", "name", "connectedOrgIds", "sourceValueCapturing");
  static final Set<String> CUSTOMER_FIELDS = Set.of("kind", "orgId", "customerId", "identifiers");
  static final Set<String> IDENTIFIER_FIELDS = Set.of("name", "value", "source", "accountId");
  static final Set<String> GROUP_FIELDS =
      Set.of("kind", "orgId", "groupId", "primaryCustomerId", "memberCustomerIds");
  static final Set<String> EVENT_FIELDS =
      Set.of(
          "kind",
          "orgId",
          "customerId",
          "groupId",
          "eventLogId",
          "eventName",
          "eventTime",
          "tillId",
          "eventReferenceId",
          "uniqueId",
          "points",
          "bill",
          "customFields",
          "extendedFields",
          "paymentModes",
          "alternateCurrencies",
          "details",
          "blocks");
  static final Set<String> POINTS_FIELDS = fieldNames(PointsField.values(), "bucket");
  static final Set<String> BILL_FIELDS = fieldNames(BillField.values(), "lineItems");
  static final Set<String> LINE_ITEM_FIELDS = fieldNames(LineItemField.values(), "points");
  static final Set<String> NAME_VALUE_FIELDS = Set.of("name", "value");
  static final Set<String> PAYMENT_MODE_FIELDS = Set.of("mode", "amount");
  static final Set<String> CURRENCY_FIELDS =
      fieldNames(PointsField.values(), "bucket", "name", "identifier");
  static final Set<String> DELAY_STRATEGIES =
      Set.of("FIXED_DATE", "RETURN_DATE", "EXTENDED_FIELD", "EXTERNAL_TRIGGER");

  private final BufferedReader in;
  private long lineNumber;

  public SnapshotReader(Reader in) {
    this.in = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in, 1 << 16);
  }

  /**
   * The next record, or null at the end of the input; blank lines are skipped.
   *
   * @throws SnapshotLineException when the line is not a valid record; the next call reads on
   * @throws UncheckedIOException when the input cannot be read (e.g. it is not UTF-8)
   */
  public @Nullable SnapshotRecord next() throws SnapshotLineException {
    while (true) {
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "line " + (lineNumber + 1) + ": cannot be read: " + e.getMessage(), e);
      }
      if (line == null) {
        return null;
      }
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (!line.isBlank()) {
        try {
          return parse(line);
        } catch (Invalid e) {
          throw new SnapshotLineException(lineNumber, e.reason);
        }
      }
    }
  }

  /** The number of the last line read (1 for the first line), 0 before any. */
  public long lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * A line as a record: read by Jackson's streaming parser ({@link StreamingRecords}) when it is a
   * valid record in the usual shape; otherwise as a tree, which tells exactly what is wrong.
   */
  private static SnapshotRecord parse(String line) throws Invalid {
    SnapshotRecord record = parseStreaming(line);
    return record != null ? record : parseTree(line);
  }

  /** A line as a record by the streaming path, or null when the tree path is to read it. */
  static @Nullable SnapshotRecord parseStreaming(String line) {
    return StreamingRecords.tryParse(MAPPER, line);
  }

  /** A line as a record, read as a tree: the reference that the streaming path must agree with. */
  static SnapshotRecord parseTree(String line) throws Invalid {
    JsonNode root;
    try {
      root = MAPPER.readTree(line);
    } catch (JacksonException e) {
      String message = e.getOriginalMessage();
      throw new Invalid("not JSON: " + (message == null ? e.getClass().getSimpleName() : message));
    }
    if (root == null || !root.isObject()) {
      throw new Invalid("not a JSON object");
    }
    JsonNode kindNode = root.get("kind");
    if (kindNode == null || kindNode.isNull()) {
      throw new Invalid("kind is missing");
    }
    if (!kindNode.isString()) {
      throw new Invalid("kind: not a string: " + shown(kindNode));
    }
    String kind = kindNode.stringValue();
    return switch (kind) {
      case "org" -> new SnapshotRecord.OrgRecord(org(new Obj(root, kind, "", ORG_FIELDS)));
      case "customer" ->
          new SnapshotRecord.CustomerRecord(customer(new Obj(root, kind, "", CUSTOMER_FIELDS)));
      case "group" -> new SnapshotRecord.GroupRecord(group(new Obj(root, kind, "", GROUP_FIELDS)));
      case "event" -> new SnapshotRecord.EventRecord(event(new Obj(root, kind, "", EVENT_FIELDS)));
      default -> throw new Invalid("unknown kind '" + kind + "'");
    };
  }

  private static Org org(Obj o) throws Invalid {
    long orgId = o.requiredLong("orgId");
    String name = o.text("name");
    List<Long> connected = o.distinctLongs("connectedOrgIds");
    Boolean capturing = o.optionalBoolean("sourceValueCapturing");
    return new Org(orgId, name, connected, capturing == null || capturing);
  }

  private static Customer customer(Obj o) throws Invalid {
    long orgId = o.requiredLong("orgId");
    long customerId = o.requiredLong("customerId");
    List<Identifier> identifiers =
        o.objects("identifiers", IDENTIFIER_FIELDS, SnapshotReader::identifier);
    Set<Identifier> seen = new HashSet<>();
    for (int i = 0; i < identifiers.size(); i++) {
      if (!seen.add(identifiers.get(i))) {
        throw new Invalid("identifiers[" + i + "]: the same identifier is listed twice");
      }
    }
    return new Customer(orgId, customerId, identifiers);
  }

  private static Identifier identifier(Obj o) throws Invalid {
    String name = o.requiredText("name");
    IdentifierName parsed = IdentifierName.parse(name).orElse(null);
    if (parsed == null || parsed.isCustomerId()) {
      throw new Invalid(
          o.path("name")
              + ": not one of mobile, email, externalid: '"
              + name
              + "'"
              + (parsed != null ? " (" + name + " is the customerId and is not listed)" : ""));
    }
    String value = o.requiredText("value");
    if (value.isBlank()) {
      throw new Invalid(o.path("value") + ": is blank");
    }
    String source = o.requiredText("source");
    Source parsedSource = Source.parse(source).orElse(null);
    if (parsedSource == null || parsedSource == Source.ALL) {
      throw new Invalid(
          o.path("source")
              + ": not a source: '"
              + source
              + "'"
              + (parsedSource == Source.ALL ? " (ALL matches every source; it is no source)" : ""));
    }
    String accountId = o.text("accountId");
    return new Identifier(parsed.ledgerName(), value, parsedSource.name(), accountId);
  }

  private static Group group(Obj o) throws Invalid {
    long orgId = o.requiredLong("orgId");
    long groupId = o.requiredLong("groupId");
    Long primary = o.optionalLong("primaryCustomerId");
    List<Long> members = o.distinctLongs("memberCustomerIds");
    return new Group(orgId, groupId, primary, members);
  }

  private static LedgerEvent event(Obj o) throws Invalid {
    long orgId = o.requiredLong("orgId");
    long customerId = o.requiredLong("customerId");
    long eventLogId = o.requiredLong("eventLogId");
    EventHeader header =
        new EventHeader(
            orgId,
            eventLogId,
            customerId,
            o.optionalLong("groupId"),
            o.text("eventName"),
            o.timestamp("eventTime"),
            o.tillId(),
            o.textOrInteger("eventReferenceId"),
            o.text("uniqueId"),
            typeDetail(o));
    List<PointsEntry> points = o.objects("points", POINTS_FIELDS, SnapshotReader::pointsEntry);
    if (EventType.TARGET_COMPLETED.eventName().equals(header.eventName())) {
      for (int i = 0; i < points.size(); i++) {
        if (points.get(i).bucket() == Bucket.REGULAR) {
          throw new Invalid("points[" + i + "]: a TargetCompleted earns no regular points");
        }
      }
    }
    Obj billObj = o.object("bill", BILL_FIELDS);
    Bill bill = billObj == null ? null : bill(billObj);
    EventSections sections =
        new EventSections(
            points,
            bill,
            o.objects("customFields", NAME_VALUE_FIELDS, SnapshotReader::nameValue),
            o.objects("extendedFields", NAME_VALUE_FIELDS, SnapshotReader::nameValue),
            o.objects("paymentModes", PAYMENT_MODE_FIELDS, SnapshotReader::paymentMode),
            o.objects("alternateCurrencies", CURRENCY_FIELDS, SnapshotReader::currency));
    return new LedgerEvent(header, sections);
  }

  private static TypeDetail typeDetail(Obj o) throws Invalid {
    return typeDetail(o.raw("details"), o.raw("blocks"), o.text("eventName"));
  }

  /** The objects the event's type adds, each key one that its type has (PRODUCT.md's table). */
  static TypeDetail typeDetail(
      @Nullable JsonNode detailsNode, @Nullable JsonNode blocksNode, @Nullable String eventName)
      throws Invalid {
    Map<String, Object> details =
        detailsNode == null ? Map.of() : TypeDetailJson.read(detailsNode, "details");
    Map<String, Object> blocks =
        blocksNode == null ? Map.of() : TypeDetailJson.read(blocksNode, "blocks");
    if (details.isEmpty() && blocks.isEmpty()) {
      return TypeDetail.NONE;
    }
    EventType type = EventType.of(eventName).orElse(null);
    if (type == null) {
      throw new Invalid(
          (details.isEmpty() ? "blocks" : "details")
              + ": an event named "
              + (eventName == null ? "nothing" : "'" + eventName + "'")
              + " has none: its type, one of the vendor's event names, decides them");
    }
    belong(details.keySet(), type.detailKeys(), "details", type);
    belong(blocks.keySet(), type.blockKeys(), "blocks", type);
    return new TypeDetail(details, blocks);
  }

  private static void belong(Set<String> given, List<String> allowed, String where, EventType type)
      throws Invalid {
    for (String key : given) {
      if (!allowed.contains(key)) {
        throw new Invalid(
            where
                + "."
                + key
                + ": does not belong to a "
                + type.eventName()
                + (allowed.isEmpty() ? " (it has no " + where + ")" : " (it has " + allowed + ")"));
      }
    }
  }

  private static PointsEntry pointsEntry(Obj o) throws Invalid {
    String bucket = o.requiredText("bucket");
    Bucket parsed = null;
    for (Bucket candidate : Bucket.values()) {
      if (candidate.jsonName().equalsIgnoreCase(bucket)) {
        parsed = candidate;
      }
    }
    if (parsed == null) {
      throw new Invalid(
          o.path("bucket") + ": not one of regular, promo, promised: '" + bucket + "'");
    }
    Fields<PointsField> fields = o.fields(PointsField.class);
    onlyIn(o, fields, PointsField.DELAY_STRATEGY, parsed, Bucket.PROMISED);
    onlyIn(o, fields, PointsField.RETURN_POINTS, parsed, Bucket.REGULAR);
    onlyIn(o, fields, PointsField.RETURNED_POINTS, parsed, Bucket.PROMO);
    Object strategy = fields.get(PointsField.DELAY_STRATEGY);
    if (strategy != null && !DELAY_STRATEGIES.contains(strategy)) {
      throw new Invalid(
          o.path("delayStrategy")
              + ": not one of FIXED_DATE, RETURN_DATE, EXTENDED_FIELD, EXTERNAL_TRIGGER: '"
              + strategy
              + "'");
    }
    return new PointsEntry(parsed, fields);
  }

  /** A field that belongs to one bucket's entries only (the vendor's names differ by bucket). */
  private static void onlyIn(
      Obj o, Fields<PointsField> fields, PointsField field, Bucket given, Bucket allowed)
      throws Invalid {
    if (given != allowed && fields.get(field) != null) {
      throw new Invalid(
          o.path(field.jsonName())
              + ": belongs to "
              + allowed.jsonName()
              + " entries, not "
              + given.jsonName());
    }
  }

  private static Bill bill(Obj o) throws Invalid {
    return new Bill(
        o.fields(BillField.class),
        o.objects(
            "lineItems",
            LINE_ITEM_FIELDS,
            item ->
                new LineItem(
                    item.fields(LineItemField.class),
                    item.objects("points", POINTS_FIELDS, SnapshotReader::pointsEntry))));
  }

  private static NameValue nameValue(Obj o) throws Invalid {
    return new NameValue(o.requiredText("name"), o.text("value"));
  }

  private static PaymentMode paymentMode(Obj o) throws Invalid {
    return new PaymentMode(o.requiredText("mode"), o.decimal("amount"));
  }

  private static AlternateCurrency currency(Obj o) throws Invalid {
    return new AlternateCurrency(o.requiredText("name"), o.text("identifier"), pointsEntry(o));
  }

  private static Set<String> fieldNames(FieldSpec[] fields, String... more) {
    Set<String> names = new LinkedHashSet<>(List.of(more));
    for (FieldSpec field : fields) {
      names.add(field.jsonName());
    }
    return Set.copyOf(names);
  }

  private static String shown(JsonNode node) {
    String text = node.isString() ? "'" + node.stringValue() + "'" : node.toString();
    return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
  }

  /** A reason a line is not a valid record; becomes a {@link SnapshotLineException}. */
  static final class Invalid extends Exception {
    final String reason;

    Invalid(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }

  @FunctionalInterface
  private interface ObjParser<T> {
    T parse(Obj o) throws Invalid;
  }

  /** A JSON object being read: its fields, checked against those it may have. */
  private static final class Obj {
    private final JsonNode node;
    private final String label;
    private final String prefix;

    /**
     * @param label how the object is named when one of its fields is missing or unknown ({@code
     *     event}, {@code points[2]})
     * @param prefix what precedes a field's name in the path of its value ({@code ""}, {@code
     *     points[2].})
     */
    Obj(JsonNode node, String label, String prefix, Set<String> allowed) throws Invalid {
      this.node = node;
      this.label = label;
      this.prefix = prefix;
      for (String name : node.propertyNames()) {
        if (!allowed.contains(name)) {
          throw new Invalid(label + ": unknown field '" + name + "'");
        }
      }
    }

    String path(String name) {
      return prefix + name;
    }

    @Nullable JsonNode raw(String name) {
      return node.get(name);
    }

    private @Nullable JsonNode value(String name) {
      JsonNode value = node.get(name);
      return value == null || value.isNull() ? null : value;
    }

    private JsonNode required(String name) throws Invalid {
      JsonNode value = value(name);
      if (value == null) {
        throw new Invalid(label + ": " + name + " is missing");
      }
      return value;
    }

    long requiredLong(String name) throws Invalid {
      return toId(required(name), path(name));
    }

    @Nullable Long optionalLong(String name) throws Invalid {
      JsonNode value = value(name);
      return value == null ? null : toId(value, path(name));
    }

    /** An id, or -1: the vendor's tillId of an import, which no till made. */
    @Nullable Long tillId() throws Invalid {
      JsonNode value = value("tillId");
      if (value == null) {
        return null;
      }
      if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() == NO_TILL) {
        return NO_TILL;
      }
      try {
        return toId(value, path("tillId"));
      } catch (Invalid e) {
        throw new Invalid(e.reason + " (or -1, the vendor's for an import)");
      }
    }

    @Nullable Boolean optionalBoolean(String name) throws Invalid {
      JsonNode value = value(name);
      if (value == null) {
        return null;
      }
      if (!value.isBoolean()) {
        throw new Invalid(path(name) + ": not true or false: " + shown(value));
      }
      return value.booleanValue();
    }

    String requiredText(String name) throws Invalid {
      return toText(required(name), path(name));
    }

    @Nullable String text(String name) throws Invalid {
      JsonNode value = value(name);
      return value == null ? null : toText(value, path(name));
    }

    @Nullable String textOrInteger(String name) throws Invalid {
      JsonNode value = value(name);
      if (value == null) {
        return null;
      }
      if (value.isString()) {
        return value.stringValue();
      }
      if (value.isIntegralNumber()) {
        return value.bigIntegerValue().toString();
      }
      throw new Invalid(path(name) + ": not a string or an integer: " + shown(value));
    }

    @Nullable BigDecimal decimal(String name) throws Invalid {
      JsonNode value = value(name);
      return value == null ? null : toDecimal(value, path(name));
    }

    @Nullable LedgerTime timestamp(String name) throws Invalid {
      JsonNode value = value(name);
      return value == null ? null : toTime(value, path(name));
    }

    /** The fields of this object that the enum names, parsed by their type. */
    <F extends Enum<F> & FieldSpec> Fields<F> fields(Class<F> type) throws Invalid {
      Map<F, Object> values = new EnumMap<>(type);
      for (F field : type.getEnumConstants()) {
        JsonNode value = value(field.jsonName());
        if (value != null) {
          String path = path(field.jsonName());
          Object parsed =
              switch (field.type()) {
                case DECIMAL -> toDecimal(value, path);
                case INTEGER -> toId(value, path);
                case TEXT -> toText(value, path);
                case DATE -> toDate(value, path);
                case TIMESTAMP -> toTime(value, path);
              };
          values.put(field, parsed);
        }
      }
      return new Fields<>(values);
    }

    @Nullable Obj object(String name, Set<String> allowed) throws Invalid {
      JsonNode value = value(name);
      if (value == null) {
        return null;
      }
      if (!value.isObject()) {
        throw new Invalid(path(name) + ": not an object: " + shown(value));
      }
      return new Obj(value, path(name), path(name) + ".", allowed);
    }

    private List<JsonNode> array(String name) throws Invalid {
      JsonNode value = value(name);
      if (value == null) {
        return List.of();
      }
      if (!value.isArray()) {
        throw new Invalid(path(name) + ": not an array: " + shown(value));
      }
      List<JsonNode> elements = new ArrayList<>(value.size());
      value.forEach(elements::add);
      return elements;
    }

    <T> List<T> objects(String name, Set<String> allowed, ObjParser<T> parser) throws Invalid {
      List<JsonNode> elements = array(name);
      List<T> parsed = new ArrayList<>(elements.size());
      for (int i = 0; i < elements.size(); i++) {
        String path = path(name) + "[" + i + "]";
        JsonNode element = elements.get(i);
        if (element == null || !element.isObject()) {
          throw new Invalid(path + ": not an object: " + shown(element));
        }
        parsed.add(parser.parse(new Obj(element, path, path + ".", allowed)));
      }
      return parsed;
    }

    /** An array of integers, each at most once. */
    List<Long> distinctLongs(String name) throws Invalid {
      List<JsonNode> elements = array(name);
      List<Long> parsed = new ArrayList<>(elements.size());
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < elements.size(); i++) {
        String path = path(name) + "[" + i + "]";
        long value = toId(elements.get(i), path);
        if (!seen.add(value)) {
          throw new Invalid(path + ": " + value + " is listed twice");
        }
        parsed.add(value);
      }
      return parsed;
    }
  }

  /**
   * Every integer of the format is an id (of an org, a customer, an event, a program ...): at least
   * 1, as the API's own event ids are (11017); a tillId may also be -1.
   */
  private static long toId(JsonNode value, String path) throws Invalid {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      if (value.longValue() < 1) {
        throw new Invalid(path + ": not a positive id: " + value.longValue());
      }
      return value.longValue();
    }
    throw new Invalid(path + ": not an integer: " + shown(value));
  }

  private static String toText(JsonNode value, String path) throws Invalid {
    if (value.isString()) {
      return value.stringValue();
    }
    throw new Invalid(path + ": not a string: " + shown(value));
  }

  private static BigDecimal toDecimal(JsonNode value, String path) throws Invalid {
    BigDecimal decimal;
    if (value.isString() && isDecimal(value.stringValue())) {
      decimal = new BigDecimal(value.stringValue());
    } else if (value.isIntegralNumber()) {
      decimal = new BigDecimal(value.bigIntegerValue());
    } else if (value.isBigDecimal()) {
      decimal = value.decimalValue();
    } else {
      throw new Invalid(path + ": not a decimal: " + shown(value));
    }
    if (Math.abs(decimal.scale()) > MAX_SCALE) {
      throw new Invalid(path + ": out of range: " + shown(value));
    }
    return decimal;
  }

  private static LocalDate toDate(JsonNode value, String path) throws Invalid {
    return parseText(value, path, "not a date (yyyy-MM-dd)", LocalDate::parse);
  }

  /**
   * A time with its fraction's digits. The store keeps microseconds: a finer time is refused, while
   * digits beyond them that are zeros ({@code .123456000}) are kept as digits.
   */
  private static LedgerTime toTime(JsonNode value, String path) throws Invalid {
    LedgerTime time =
        parseText(value, path, "not an ISO-8601 timestamp with offset", LedgerTime::parse);
    return noFinerThanMicroseconds(time, path, value.stringValue());
  }

  /** The time, when the ledger can keep it: to the microsecond, as its store does. */
  static LedgerTime noFinerThanMicroseconds(LedgerTime time, String path, String text)
      throws Invalid {
    Instant instant = time.instant();
    if (!instant.truncatedTo(ChronoUnit.MICROS).equals(instant)) {
      throw new Invalid(path + ": finer than microseconds: '" + text + "'");
    }
    return time;
  }

  private static <T> T parseText(
      JsonNode value, String path, String problem, Function<String, T> parser) throws Invalid {
    if (value.isString()) {
      try {
        return parser.apply(value.stringValue());
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new Invalid(path + ": " + problem + ": " + shown(value));
  }
}

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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast path of {@link SnapshotReader}: a line read with Jackson's streaming parser straight
 * into its record, without a tree (only an event's {@code details} and {@code blocks}, verbatim
 * objects, are read as trees). It gives up, returning null, on anything it does not accept as
 * valid: a line whose first field is not {@code kind}, an unknown field, a missing identity, a
 * value of another type, a check that fails, JSON that is not. The reader then reads the line as a
 * tree, which accepts the same lines, builds the same records, and tells what is wrong with the
 * others: so a bad line's reason is the same whichever path met it first.
 */
final class StreamingRecords {
  private StreamingRecords() {}

  /** Why the streaming path gives up: the tree path will tell. Thrown without a stack trace. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final Map<String, PointsField> POINTS_BY_NAME = byJsonName(PointsField.values());
  private static final Map<String, BillField> BILL_BY_NAME = byJsonName(BillField.values());
  private static final Map<String, LineItemField> LINE_ITEMS_BY_NAME =
      byJsonName(LineItemField.values());

  /** The record of a valid line, or null when the tree path is to read it. */
  static @Nullable SnapshotRecord tryParse(JsonMapper mapper, String line) {
    try (JsonParser p = mapper.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT
          || p.nextToken() != JsonToken.PROPERTY_NAME
          || !"kind".equals(p.currentName())
          || p.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      SnapshotRecord record =
          switch (p.getString()) {
            case "org" -> new SnapshotRecord.OrgRecord(org(p));
            case "customer" -> new SnapshotRecord.CustomerRecord(customer(p));
            case "group" -> new SnapshotRecord.GroupRecord(group(p));
            case "event" -> new SnapshotRecord.EventRecord(event(p));
            default -> throw new GiveUp();
          };
      return p.nextToken() == null ? record : null; // trailing tokens: the tree path refuses them
    } catch (SnapshotReader.Invalid | RuntimeException e) {
      return null;
    }
  }

  /**
   * Moves to the next field's value; its name, or null at the object's end. A field the object may
   * not have is given up on, even with a null value; a field whose value is null is a field not
   * given, as the tree path reads it, and is passed over (but for {@code details} and {@code
   * blocks}, which the tree path refuses as null).
   */
  private static @Nullable String nextField(JsonParser p, Set<String> allowed) {
    while (true) {
      JsonToken token = p.nextToken();
      if (token == JsonToken.END_OBJECT) {
        return null;
      }
      String name = p.currentName();
      if (token != JsonToken.PROPERTY_NAME || name == null || !allowed.contains(name)) {
        throw new GiveUp();
      }
      if (p.nextToken() != JsonToken.VALUE_NULL) {
        return name;
      }
      if (name.equals("details") || name.equals("blocks")) {
        throw new GiveUp();
      }
    }
  }

  private static Org org(JsonParser p) {
    Long orgId = null;
    String name = null;
    List<Long> connected = List.of();
    Boolean capturing = null;
    for (String field = nextField(p, SnapshotReader.ORG_FIELDS);
        field != null;
        field = nextField(p, SnapshotReader.ORG_FIELDS)) {
      switch (field) {
        case "orgId" -> orgId = id(p);
        case "name" -> name = text(p);
        case "connectedOrgIds" -> connected = distinctIds(p);
        case "sourceValueCapturing" -> capturing = bool(p);
        default -> throw new GiveUp();
      }
    }
    return new Org(required(orgId), name, connected, capturing == null || capturing);
  }

  private static Customer customer(JsonParser p) {
    Long orgId = null;
    Long customerId = null;
    List<Identifier> identifiers = List.of();
    for (String field = nextField(p, SnapshotReader.CUSTOMER_FIELDS);
        field != null;
        field = nextField(p, SnapshotReader.CUSTOMER_FIELDS)) {
      switch (field) {
        case "orgId" -> orgId = id(p);
        case "customerId" -> customerId = id(p);
        case "identifiers" -> identifiers = objects(p, StreamingRecords::identifier);
        default -> throw new GiveUp();
      }
    }
    if (new HashSet<>(identifiers).size() != identifiers.size()) {
      throw new GiveUp();
    }
    return new Customer(required(orgId), required(customerId), identifiers);
  }

  private static Identifier identifier(JsonParser p) {
    String name = null;
    String value = null;
    String source = null;
    String accountId = null;
    for (String field = nextField(p, SnapshotReader.IDENTIFIER_FIELDS);
        field != null;
        field = nextField(p, SnapshotReader.IDENTIFIER_FIELDS)) {
      switch (field) {
        case "name" -> name = text(p);
        case "value" -> value = text(p);
        case "source" -> source = text(p);
        case "accountId" -> accountId = text(p);
        default -> throw new GiveUp();
      }
    }
    IdentifierName parsed = IdentifierName.parse(required(name)).orElse(null);
    Source parsedSource = Source.parse(required(source)).orElse(null);
    if (parsed == null
        || parsed.isCustomerId()
        || required(value).isBlank()
        || parsedSource == null
        || parsedSource == Source.ALL) {
      throw new GiveUp();
    }
    return new Identifier(parsed.ledgerName(), required(value), parsedSource.name(), accountId);
  }

  private static Group group(JsonParser p) {
    Long orgId = null;
    Long groupId = null;
    Long primary = null;
    List<Long> members = List.of();
    for (String field = nextField(p, SnapshotReader.GROUP_FIELDS);
        field != null;
        field = nextField(p, SnapshotReader.GROUP_FIELDS)) {
      switch (field) {
        case "orgId" -> orgId = id(p);
        case "groupId" -> groupId = id(p);
        case "primaryCustomerId" -> primary = id(p);
        case "memberCustomerIds" -> members = distinctIds(p);
        default -> throw new GiveUp();
      }
    }
    return new Group(required(orgId), required(groupId), primary, members);
  }

  private static LedgerEvent event(JsonParser p) throws SnapshotReader.Invalid {
    Long orgId = null;
    Long customerId = null;
    Long eventLogId = null;
    Long groupId = null;
    String eventName = null;
    LedgerTime eventTime = null;
    Long tillId = null;
    String eventReferenceId = null;
    String uniqueId = null;
    JsonNode details = null;
    JsonNode blocks = null;
    List<PointsEntry> points = List.of();
    Bill bill = null;
    List<NameValue> customFields = List.of();
    List<NameValue> extendedFields = List.of();
    List<PaymentMode> paymentModes = List.of();
    List<AlternateCurrency> currencies = List.of();
    for (String field = nextField(p, SnapshotReader.EVENT_FIELDS);
        field != null;
        field = nextField(p, SnapshotReader.EVENT_FIELDS)) {
      switch (field) {
        case "orgId" -> orgId = id(p);
        case "customerId" -> customerId = id(p);
        case "eventLogId" -> eventLogId = id(p);
        case "groupId" -> groupId = id(p);
        case "eventName" -> eventName = text(p);
        case "eventTime" -> eventTime = time(p);
        case "tillId" -> tillId = tillId(p);
        case "eventReferenceId" -> eventReferenceId = textOrInteger(p);
        case "uniqueId" -> uniqueId = text(p);
        case "details" -> details = tree(p);
        case "blocks" -> blocks = tree(p);
        case "points" -> points = objects(p, StreamingRecords::pointsEntry);
        case "bill" -> bill = bill(p);
        case "customFields" -> customFields = objects(p, StreamingRecords::nameValue);
        case "extendedFields" -> extendedFields = objects(p, StreamingRecords::nameValue);
        case "paymentModes" -> paymentModes = objects(p, StreamingRecords::paymentMode);
        case "alternateCurrencies" -> currencies = objects(p, StreamingRecords::currency);
        default -> throw new GiveUp();
      }
    }
    TypeDetail typeDetail = SnapshotReader.typeDetail(details, blocks, eventName);
    if (EventType.TARGET_COMPLETED.eventName().equals(eventName)) {
      for (PointsEntry entry : points) {
        if (entry.bucket() == Bucket.REGULAR) {
          throw new GiveUp();
        }
      }
    }
    EventHeader header =
        new EventHeader(
            required(orgId),
            required(eventLogId),
            required(customerId),
            groupId,
            eventName,
            eventTime,
            tillId,
            eventReferenceId,
            uniqueId,
            typeDetail);
    return new LedgerEvent(
        header,
        new EventSections(points, bill, customFields, extendedFields, paymentModes, currencies));
  }

  /** A verbatim object ({@code details}, {@code blocks}) as a tree, for TypeDetailJson. */
  private static JsonNode tree(JsonParser p) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new GiveUp();
    }
    JsonNode node = p.readValueAsTree();
    if (node == null) {
      throw new GiveUp();
    }
    return node;
  }

  private static PointsEntry pointsEntry(JsonParser p) {
    return pointsEntry(p, null);
  }

  /** A points entry; for an alternate currency, its name and identifier go to {@code currency}. */
  private static PointsEntry pointsEntry(JsonParser p, @Nullable String @Nullable [] currency) {
    String bucket = null;
    Map<PointsField, Object> values = new EnumMap<>(PointsField.class);
    for (String field =
            nextField(
                p,
                currency == null ? SnapshotReader.POINTS_FIELDS : SnapshotReader.CURRENCY_FIELDS);
        field != null;
        field =
            nextField(
                p,
                currency == null ? SnapshotReader.POINTS_FIELDS : SnapshotReader.CURRENCY_FIELDS)) {
      if (field.equals("bucket")) {
        bucket = text(p);
      } else if (currency != null && field.equals("name")) {
        currency[0] = text(p);
      } else if (currency != null && field.equals("identifier")) {
        currency[1] = text(p);
      } else {
        PointsField f = POINTS_BY_NAME.get(field);
        if (f == null) {
          throw new GiveUp();
        }
        values.put(f, typed(p, f));
      }
    }
    Bucket parsed = null;
    for (Bucket candidate : Bucket.values()) {
      if (candidate.jsonName().equalsIgnoreCase(required(bucket))) {
        parsed = candidate;
      }
    }
    if (parsed == null
        || (parsed != Bucket.PROMISED && values.containsKey(PointsField.DELAY_STRATEGY))
        || (parsed != Bucket.REGULAR && values.containsKey(PointsField.RETURN_POINTS))
        || (parsed != Bucket.PROMO && values.containsKey(PointsField.RETURNED_POINTS))) {
      throw new GiveUp();
    }
    Object strategy = values.get(PointsField.DELAY_STRATEGY);
    if (strategy != null && !SnapshotReader.DELAY_STRATEGIES.contains(strategy)) {
      throw new GiveUp();
    }
    return new PointsEntry(parsed, new Fields<>(values));
  }

  private static Bill bill(JsonParser p) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new GiveUp();
    }
    Map<BillField, Object> values = new EnumMap<>(BillField.class);
    List<LineItem> lineItems = List.of();
    for (String field = nextField(p, SnapshotReader.BILL_FIELDS);
        field != null;
        field = nextField(p, SnapshotReader.BILL_FIELDS)) {
      if (field.equals("lineItems")) {
        lineItems = objects(p, StreamingRecords::lineItem);
      } else {
        BillField f = BILL_BY_NAME.get(field);
        if (f == null) {
          throw new GiveUp();
        }
        values.put(f, typed(p, f));
      }
    }
    return new Bill(new Fields<>(values), lineItems);
  }

  private static LineItem lineItem(JsonParser p) {
    Map<LineItemField, Object> values = new EnumMap<>(LineItemField.class);
    List<PointsEntry> points = List.of();
    for (String field = nextField(p, SnapshotReader.LINE_ITEM_FIELDS);
        field != null;
        field = nextField(p, SnapshotReader.LINE_ITEM_FIELDS)) {
      if (field.equals("points")) {
        points = objects(p, StreamingRecords::pointsEntry);
      } else {
        LineItemField f = LINE_ITEMS_BY_NAME.get(field);
        if (f == null) {
          throw new GiveUp();
        }
        values.put(f, typed(p, f));
      }
    }
    return new LineItem(new Fields<>(values), points);
  }

  private static NameValue nameValue(JsonParser p) {
    String name = null;
    String value = null;
    for (String field = nextField(p, SnapshotReader.NAME_VALUE_FIELDS);
        field != null;
        field = nextField(p, SnapshotReader.NAME_VALUE_FIELDS)) {
      switch (field) {
        case "name" -> name = text(p);
        case "value" -> value = text(p);
        default -> throw new GiveUp();
      }
    }
    return new NameValue(required(name), value);
  }

  private static PaymentMode paymentMode(JsonParser p) {
    String mode = null;
    BigDecimal amount = null;
    for (String field = nextField(p, SnapshotReader.PAYMENT_MODE_FIELDS);
        field != null;
        field = nextField(p, SnapshotReader.PAYMENT_MODE_FIELDS)) {
      switch (field) {
        case "mode" -> mode = text(p);
        case "amount" -> amount = decimal(p);
        default -> throw new GiveUp();
      }
    }
    return new PaymentMode(required(mode), amount);
  }

  private static AlternateCurrency currency(JsonParser p) {
    @Nullable String[] nameAndIdentifier = new @Nullable String[2];
    PointsEntry entry = pointsEntry(p, nameAndIdentifier);
    return new AlternateCurrency(required(nameAndIdentifier[0]), nameAndIdentifier[1], entry);
  }

  @FunctionalInterface
  private interface Element<T> {
    T parse(JsonParser p);
  }

  /** An array of objects, each read by the element's parser (at its START_OBJECT). */
  private static <T> List<T> objects(JsonParser p, Element<T> element) {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new GiveUp();
    }
    List<T> parsed = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new GiveUp();
      }
      parsed.add(element.parse(p));
    }
    return parsed;
  }

  /** An array of ids, each at most once. */
  private static List<Long> distinctIds(JsonParser p) {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new GiveUp();
    }
    List<Long> ids = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      long id = id(p);
      if (!seen.add(id)) {
        throw new GiveUp();
      }
      ids.add(id);
    }
    return ids;
  }

  private static Object typed(JsonParser p, FieldSpec field) {
    return switch (field.type()) {
      case DECIMAL -> decimal(p);
      case INTEGER -> id(p);
      case TEXT -> text(p);
      case DATE -> LocalDate.parse(text(p));
      case TIMESTAMP -> time(p);
    };
  }

  /** An id: an integer of at least 1. */
  private static long id(JsonParser p) {
    long value = integer(p);
    if (value < 1) {
      throw new GiveUp();
    }
    return value;
  }

  private static long integer(JsonParser p) {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw new GiveUp();
    }
    return p.getLongValue();
  }

  /** An id, or -1: the vendor's tillId of an import. */
  private static long tillId(JsonParser p) {
    long value = integer(p);
    if (value < 1 && value != SnapshotReader.NO_TILL) {
      throw new GiveUp();
    }
    return value;
  }

  private static String text(JsonParser p) {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new GiveUp();
    }
    return p.getString();
  }

  private static boolean bool(JsonParser p) {
    JsonToken token = p.currentToken();
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw new GiveUp();
    }
    return token == JsonToken.VALUE_TRUE;
  }

  private static String textOrInteger(JsonParser p) {
    return switch (p.currentToken()) {
      case VALUE_STRING -> p.getString();
      case VALUE_NUMBER_INT -> p.getBigIntegerValue().toString();
      default -> throw new GiveUp();
    };
  }

  /** A decimal, exactly, with the scale it was written with: a JSON string or number. */
  private static BigDecimal decimal(JsonParser p) {
    BigDecimal decimal =
        switch (p.currentToken()) {
          case VALUE_STRING -> {
            String text = p.getString();
            if (!SnapshotReader.isDecimal(text)) {
              throw new GiveUp();
            }
            yield new BigDecimal(text);
          }
          case VALUE_NUMBER_INT -> new BigDecimal(p.getBigIntegerValue());
          case VALUE_NUMBER_FLOAT -> {
            if (p.isNaN()) {
              throw new GiveUp();
            }
            yield p.getDecimalValue();
          }
          default -> throw new GiveUp();
        };
    if (Math.abs(decimal.scale()) > SnapshotReader.MAX_SCALE) {
      throw new GiveUp();
    }
    return decimal;
  }

  /** A time, to the microsecond at the finest (what the store keeps). */
  private static LedgerTime time(JsonParser p) {
    LedgerTime time = LedgerTime.parse(text(p));
    if (!time.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS).equals(time.instant())) {
      throw new GiveUp();
    }
    return time;
  }

  private static <T> T required(@Nullable T value) {
    if (value == null) {
      throw new GiveUp();
    }
    return value;
  }

  private static <F extends FieldSpec> Map<String, F> byJsonName(F[] fields) {
    Map<String, F> map = new HashMap<>();
    for (F field : fields) {
      map.put(field.jsonName(), field);
    }
    return Map.copyOf(map);
  }
}

package com.ledgerexplode.explode;

import com.ledgerexplode.explode.LedgerPort.GroupMembership;
import com.ledgerexplode.explode.LedgerPort.IdentifierMatch;
import com.ledgerexplode.explode.LedgerPort.Section;
import com.ledgerexplode.explode.Resolution.Rejected;
import com.ledgerexplode.explode.Resolution.Resolved;
import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.BillField;
import com.ledgerexplode.ledger.Bucket;
import com.ledgerexplode.ledger.CustomerKey;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventKey;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.EventType;
import com.ledgerexplode.ledger.EventType.PointsPlace;
import com.ledgerexplode.ledger.Fields;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.PointsField;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Explodes chunks of requests as getLedgerExplodeInfo would answer each of them.
 *
 * <p>Work on a chunk is done in two steps, so that a caller can page: {@link #resolve} validates
 * every request, finds its customer and selects its events; {@link #explode} loads and shapes the
 * sections of pages of those events. Each step makes a fixed number of {@link LedgerPort} calls
 * whatever the number of requests or events. {@link #answer} does both for requests answered whole,
 * with their own offset and limit.
 *
 * <p>Thread-safe when its port is; it keeps no state between calls.
 */
public final class ExplodeEngine {
  private static final Comparator<EventHeader> BY_EVENT_LOG_ID =
      Comparator.comparingLong(EventHeader::eventLogId).thenComparingLong(EventHeader::orgId);

  private final LedgerPort ledger;
  private final Scope scope;
  private final int maxEventIds;

  public ExplodeEngine(LedgerPort ledger, Scope scope) {
    this(ledger, scope, Integer.MAX_VALUE);
  }

  /**
   * @param maxEventIds a request asking for more event ids is rejected with 11012: a caller's bound
   *     on what one request may make it load (the API itself sets none)
   */
  public ExplodeEngine(LedgerPort ledger, Scope scope, int maxEventIds) {
    this.ledger = ledger;
    this.scope = scope;
    this.maxEventIds = maxEventIds;
  }

  public Scope scope() {
    return scope;
  }

  /**
   * One request answered as {@code org} would be with this data scope: the answer of {@code
   * explode} and of the server, a refused scope answered as its 310144 error.
   */
  public static ApiResponse answerOne(
      LedgerPort ledger, long org, DataScope dataScope, List<Long> scopeOrgs, ApiRequest request) {
    return answerOneWithCustomer(ledger, org, dataScope, scopeOrgs, request).response();
  }

  /**
   * {@link #answerOne}'s answer with the customer its request resolved to.
   *
   * @param response the answer, as {@link #answerOne} gives it
   * @param customerId the resolved customer; null when the request is rejected
   */
  public record CustomerAnswer(ApiResponse response, @Nullable Long customerId) {}

  /** As {@link #answerOne}, with the customer the request resolved to. */
  public static CustomerAnswer answerOneWithCustomer(
      LedgerPort ledger, long org, DataScope dataScope, List<Long> scopeOrgs, ApiRequest request) {
    try {
      Scope scope = Scope.resolve(ledger, org, dataScope, scopeOrgs);
      ExplodeEngine engine = new ExplodeEngine(ledger, scope);
      List<Resolution> resolutions = engine.resolve(List.of(request));
      Resolution resolution = resolutions.get(0);
      ApiResponse response =
          ApiResponse.of(resolution, engine.explodeWindows(resolutions, Integer.MAX_VALUE).get(0));
      return new CustomerAnswer(
          response,
          resolution instanceof Resolved resolved ? resolved.customer().customerId() : null);
    } catch (ScopeRefusedException refused) {
      return new CustomerAnswer(new ApiResponse(List.of(), List.of(), refused.error()), null);
    }
  }

  /** Answers each request whole (its own offset and limit), in order. */
  public List<ApiResponse> answer(List<ApiRequest> requests) {
    List<Resolution> resolutions = resolve(requests);
    List<List<ExplodedEvent>> exploded = explodeWindows(resolutions, Integer.MAX_VALUE);
    List<ApiResponse> responses = new ArrayList<>(requests.size());
    for (int i = 0; i < resolutions.size(); i++) {
      responses.add(ApiResponse.of(resolutions.get(i), exploded.get(i)));
    }
    return responses;
  }

  /**
   * The events of each resolution's {@link Resolved#window() window} (none for a rejected one),
   * fetched in rounds: round {@code r} explodes events {@code [r*pageSize, (r+1)*pageSize)} of
   * every window in one {@link #explode} call. The result is the same for every page size; the
   * number of rounds is that of the longest window's pages, whatever the number of resolutions.
   */
  public List<List<ExplodedEvent>> explodeWindows(List<Resolution> resolutions, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, not " + pageSize);
    }
    List<List<ExplodedEvent>> events = new ArrayList<>(resolutions.size());
    int longest = 0;
    for (Resolution resolution : resolutions) {
      events.add(new ArrayList<>());
      if (resolution instanceof Resolved resolved) {
        longest = Math.max(longest, resolved.window().size());
      }
    }
    for (long from = 0; from < longest; from += pageSize) {
      List<EventPage> pages = new ArrayList<>();
      List<Integer> owners = new ArrayList<>();
      for (int i = 0; i < resolutions.size(); i++) {
        if (resolutions.get(i) instanceof Resolved resolved && resolved.window().size() > from) {
          List<EventHeader> window = resolved.window();
          int to = (int) Math.min(window.size(), from + pageSize);
          pages.add(new EventPage(resolved, window.subList((int) from, to)));
          owners.add(i);
        }
      }
      List<List<ExplodedEvent>> exploded = explode(pages);
      for (int p = 0; p < pages.size(); p++) {
        events.get(owners.get(p)).addAll(exploded.get(p));
      }
    }
    return events;
  }

  /** Validates, resolves the customer of, and selects the events of every request, in order. */
  public List<Resolution> resolve(List<ApiRequest> requests) {
    List<Object> steps = new ArrayList<>(requests.size());
    for (ApiRequest request : requests) {
      try {
        ValidRequest valid = RequestValidator.validate(request, maxEventIds);
        if (valid.sections().pointsEarnedBreakup()
            && !scope.withoutSourceValueCapturing().isEmpty()) {
          throw new RequestRejectedException(
              ErrorCodes.sourceValueCapturingOff(
                  scope.withoutSourceValueCapturing().iterator().next()));
        }
        steps.add(valid);
      } catch (RequestRejectedException e) {
        steps.add(e.error());
      }
    }
    IdentityHashMap<ValidRequest, Set<CustomerKey>> customers = resolveCustomers(valid(steps));
    Map<CustomerKey, List<GroupMembership>> memberships = memberships(valid(steps), customers);
    Selector selector = new Selector(valid(steps), customers, memberships);

    List<Resolution> resolutions = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      ApiRequest request = requests.get(i);
      if (steps.get(i) instanceof ApiError error) {
        resolutions.add(new Rejected(request, error));
        continue;
      }
      ValidRequest valid = (ValidRequest) steps.get(i);
      try {
        CustomerKey customer = customerOf(valid, customers);
        Visibility visibility = visibility(valid, customer, memberships);
        resolutions.add(selector.select(request, valid, customer, visibility));
      } catch (RequestRejectedException e) {
        resolutions.add(new Rejected(request, e.error()));
      }
    }
    return resolutions;
  }

  /** Explodes pages of events; the result holds, for each page in order, its events in order. */
  public List<List<ExplodedEvent>> explode(List<EventPage> pages) {
    Set<EventKey> keys = new LinkedHashSet<>();
    Set<Section> sections = EnumSet.of(Section.POINTS);
    for (EventPage page : pages) {
      page.events().forEach(event -> keys.add(event.key()));
      sections.addAll(sectionsFor(page.resolved().valid().sections()));
    }
    Map<EventKey, EventSections> loaded =
        keys.isEmpty() ? Map.of() : ledger.loadSections(keys, sections);
    List<List<ExplodedEvent>> result = new ArrayList<>(pages.size());
    for (EventPage page : pages) {
      Sections asked = page.resolved().valid().sections();
      List<ExplodedEvent> events = new ArrayList<>(page.events().size());
      for (EventHeader header : page.events()) {
        events.add(shape(header, loaded.getOrDefault(header.key(), EventSections.NONE), asked));
      }
      result.add(events);
    }
    return result;
  }

  private static List<ValidRequest> valid(List<Object> steps) {
    List<ValidRequest> valid = new ArrayList<>();
    for (Object step : steps) {
      if (step instanceof ValidRequest request) {
        valid.add(request);
      }
    }
    return valid;
  }

  /** Every customer each request's identifier matches, found with one lookup of each kind. */
  private IdentityHashMap<ValidRequest, Set<CustomerKey>> resolveCustomers(
      List<ValidRequest> requests) {
    Set<String> valueKeys = new HashSet<>();
    Set<Long> customerIds = new HashSet<>();
    for (ValidRequest request : requests) {
      if (request.identifierName().isCustomerId()) {
        customerIds.add(Long.parseLong(request.identifierValue()));
      } else {
        valueKeys.add(Identifier.valueKey(request.identifierValue()));
      }
    }
    Map<String, List<IdentifierMatch>> byValueKey = new HashMap<>();
    if (!valueKeys.isEmpty()) {
      for (IdentifierMatch match : ledger.findIdentifiers(scope.orgIds(), valueKeys)) {
        byValueKey
            .computeIfAbsent(
                Identifier.valueKey(match.identifier().value()), k -> new ArrayList<>())
            .add(match);
      }
    }
    Map<Long, List<CustomerKey>> byId = new HashMap<>();
    if (!customerIds.isEmpty()) {
      for (CustomerKey key : ledger.findCustomers(scope.orgIds(), customerIds)) {
        byId.computeIfAbsent(key.customerId(), k -> new ArrayList<>()).add(key);
      }
    }
    // by the request itself, as every lookup holds the same one: an equal request finds the same
    // customers, and a record's hash of all its components is not computed for each lookup
    IdentityHashMap<ValidRequest, Set<CustomerKey>> matches = new IdentityHashMap<>();
    for (ValidRequest request : requests) {
      Set<CustomerKey> found = new HashSet<>();
      if (request.identifierName().isCustomerId()) {
        found.addAll(byId.getOrDefault(Long.parseLong(request.identifierValue()), List.of()));
      } else {
        for (IdentifierMatch match :
            byValueKey.getOrDefault(Identifier.valueKey(request.identifierValue()), List.of())) {
          if (matches(request, match.identifier())) {
            found.add(match.customer());
          }
        }
      }
      matches.put(request, found);
    }
    return matches;
  }

  private static boolean matches(ValidRequest request, Identifier identifier) {
    if (!identifier.name().equals(request.identifierName().ledgerName())) {
      return false;
    }
    boolean sameValue =
        request.identifierName() == IdentifierName.EMAIL
            ? identifier.value().equalsIgnoreCase(request.identifierValue())
            : identifier.value().equals(request.identifierValue());
    return sameValue
        && request.source().matches(identifier.source())
        && (request.accountId() == null || request.accountId().equals(identifier.accountId()));
  }

  private static CustomerKey customerOf(
      ValidRequest request, IdentityHashMap<ValidRequest, Set<CustomerKey>> customers)
      throws RequestRejectedException {
    Set<CustomerKey> found = customers.getOrDefault(request, Set.of());
    if (found.isEmpty()) {
      throw new RequestRejectedException(ErrorCodes.customerNotFound());
    }
    if (found.size() > 1) {
      throw new RequestRejectedException(ErrorCodes.ambiguousCustomer(found.size()));
    }
    return found.iterator().next();
  }

  /** The group memberships of the customers of USERGROUP2 requests, in one lookup. */
  private Map<CustomerKey, List<GroupMembership>> memberships(
      List<ValidRequest> requests, IdentityHashMap<ValidRequest, Set<CustomerKey>> customers) {
    Set<Long> customerIds = new HashSet<>();
    for (ValidRequest request : requests) {
      if (request.type() == EntityType.USERGROUP2
          || request.identifierName() == IdentifierName.PRIMARY_USER_ID) {
        customers.getOrDefault(request, Set.of()).forEach(c -> customerIds.add(c.customerId()));
      }
    }
    Map<CustomerKey, List<GroupMembership>> byCustomer = new HashMap<>();
    if (!customerIds.isEmpty()) {
      for (GroupMembership membership : ledger.findMemberships(scope.orgIds(), customerIds)) {
        byCustomer
            .computeIfAbsent(
                new CustomerKey(membership.orgId(), membership.customerId()),
                k -> new ArrayList<>())
            .add(membership);
      }
    }
    return byCustomer;
  }

  private static Visibility visibility(
      ValidRequest request,
      CustomerKey customer,
      Map<CustomerKey, List<GroupMembership>> memberships)
      throws RequestRejectedException {
    List<GroupMembership> groups = memberships.getOrDefault(customer, List.of());
    if (request.identifierName() == IdentifierName.PRIMARY_USER_ID) {
      // a primary user is seen through the groups it leads, and must lead one
      groups =
          groups.stream()
              .filter(g -> Long.valueOf(customer.customerId()).equals(g.primaryCustomerId()))
              .toList();
      if (groups.isEmpty()) {
        throw new RequestRejectedException(ErrorCodes.notAPrimaryUser());
      }
    }
    if (request.type() == EntityType.CUSTOMER) {
      return event ->
          event.orgId() == customer.orgId() && event.customerId() == customer.customerId();
    }
    if (groups.isEmpty()) {
      throw new RequestRejectedException(ErrorCodes.noGroup());
    }
    Map<Long, GroupMembership> byGroup = new HashMap<>();
    groups.forEach(g -> byGroup.put(g.groupId(), g));
    return event -> {
      if (event.orgId() != customer.orgId() || event.groupId() == null) {
        return false;
      }
      GroupMembership group = byGroup.get(event.groupId());
      if (group == null) {
        return false;
      }
      return !request.primaryUserOnly()
          || Long.valueOf(event.customerId()).equals(group.primaryCustomerId());
    };
  }

  /** Whether a resolved request may see an event. */
  private interface Visibility {
    boolean sees(EventHeader event);
  }

  /** Selects the events of the chunk's requests, from one lookup of each kind. */
  private final class Selector {
    private final Map<Long, List<EventHeader>> byId = new HashMap<>();
    private final Map<String, List<EventHeader>> byReference = new HashMap<>();

    Selector(
        List<ValidRequest> requests,
        IdentityHashMap<ValidRequest, Set<CustomerKey>> customers,
        Map<CustomerKey, List<GroupMembership>> memberships) {
      Set<Long> ids = new HashSet<>();
      Set<String> references = new HashSet<>();
      // who asks by reference: only their events (or their groups') are read
      Set<Long> askingCustomers = new HashSet<>();
      Set<Long> askingGroups = new HashSet<>();
      for (ValidRequest request : requests) {
        Set<CustomerKey> found = customers.getOrDefault(request, Set.of());
        if (found.size() != 1) {
          continue;
        }
        if (request.selection() instanceof Selection.ByEventIds byIds) {
          ids.addAll(byIds.eventIds());
        } else if (request.selection() instanceof Selection.ByReference byRefs) {
          references.addAll(byRefs.referenceIds());
          CustomerKey customer = found.iterator().next();
          askingCustomers.add(customer.customerId());
          memberships
              .getOrDefault(customer, List.of())
              .forEach(membership -> askingGroups.add(membership.groupId()));
        }
      }
      if (!ids.isEmpty()) {
        for (EventHeader event : ledger.findEventsById(scope.orgIds(), ids)) {
          byId.computeIfAbsent(event.eventLogId(), k -> new ArrayList<>()).add(event);
        }
      }
      if (!references.isEmpty()) {
        for (EventHeader event :
            ledger.findEventsByReference(
                scope.orgIds(), references, askingCustomers, askingGroups)) {
          byReference.computeIfAbsent(event.eventReferenceId(), k -> new ArrayList<>()).add(event);
        }
      }
      byId.values().forEach(events -> events.sort(BY_EVENT_LOG_ID));
      byReference.values().forEach(events -> events.sort(BY_EVENT_LOG_ID));
    }

    Resolved select(
        ApiRequest request, ValidRequest valid, CustomerKey customer, Visibility visibility) {
      List<EventHeader> events = new ArrayList<>();
      List<ApiWarning> warnings = new ArrayList<>();
      if (valid.selection() instanceof Selection.ByEventIds byIds) {
        {
          for (long id : byIds.eventIds()) {
            int before = events.size();
            for (EventHeader event : byId.getOrDefault(id, List.of())) {
              if (visibility.sees(event)) {
                events.add(event);
              }
            }
            if (events.size() == before) {
              warnings.add(ErrorCodes.eventNotFound(id));
            }
          }
        }
      } else if (valid.selection() instanceof Selection.ByReference byRefs) {
        {
          for (String reference : byRefs.referenceIds()) {
            int before = events.size();
            for (EventHeader event : byReference.getOrDefault(reference, List.of())) {
              if (byRefs.eventName().equals(event.eventName()) && visibility.sees(event)) {
                events.add(event);
              }
            }
            if (events.size() == before) {
              warnings.add(ErrorCodes.referenceNotFound(byRefs.eventName(), reference));
            }
          }
        }
      }
      return new Resolved(request, valid, customer, events, warnings);
    }
  }

  private static Set<Section> sectionsFor(Sections asked) {
    Set<Section> sections = EnumSet.noneOf(Section.class);
    if (asked.billDetails()) {
      sections.add(Section.BILL);
    }
    if (asked.customFields()) {
      sections.add(Section.CUSTOM_FIELDS);
    }
    if (asked.extendedFields()) {
      sections.add(Section.EXTENDED_FIELDS);
    }
    if (asked.paymentModes()) {
      sections.add(Section.PAYMENT_MODES);
    }
    if (asked.alternateCurrencies()) {
      sections.add(Section.ALTERNATE_CURRENCIES);
    }
    return sections;
  }

  /** One event as the request asked for it. */
  private static ExplodedEvent shape(EventHeader header, EventSections loaded, Sections asked) {
    EventType type = EventType.of(header.eventName()).orElse(null);
    List<ApiWarning> warnings = new ArrayList<>();
    List<CurrencyEarned> currencies = null;
    if (asked.includeAlternateCurrencies()) {
      currencies = byCurrency(loaded.alternateCurrencies(), asked.pointsEarnedBreakup());
    } else if (!asked.alternateCurrencyNames().isEmpty()) {
      Set<String> names = new HashSet<>();
      asked.alternateCurrencyNames().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
      List<AlternateCurrency> matching = new ArrayList<>();
      for (AlternateCurrency currency : loaded.alternateCurrencies()) {
        if (names.contains(currency.name().toLowerCase(Locale.ROOT))) {
          matching.add(currency);
        }
      }
      if (matching.isEmpty()) {
        warnings.add(
            ErrorCodes.noAlternateCurrency(header.eventLogId(), asked.alternateCurrencyNames()));
      } else {
        currencies = byCurrency(matching, asked.pointsEarnedBreakup());
      }
    }
    Bill bill = null;
    if (asked.billDetails() && type != null && type.pointsPlace() == PointsPlace.BILL_DETAILS) {
      bill = loaded.bill() != null ? loaded.bill() : NO_BILL;
    }
    LocalDate maxConversionDate =
        asked.maxConversionDetails() && type != null && type.addsBill()
            ? maxConversionDate(loaded.points())
            : null;
    return new ExplodedEvent(
        header,
        earned(loaded.points()),
        asked.pointsEarnedBreakup() ? breakup(loaded.points()) : null,
        bill,
        asked.customFields() ? loaded.customFields() : null,
        asked.extendedFields() ? loaded.extendedFields() : null,
        asked.paymentModes() ? loaded.paymentModes() : null,
        maxConversionDate,
        currencies,
        warnings);
  }

  private static final Bill NO_BILL =
      new Bill(new Fields<>(new EnumMap<BillField, Object>(BillField.class)), List.of());

  /** The latest conversion date among the promised entries of a fixed-date delayed accrual. */
  private static @Nullable LocalDate maxConversionDate(List<PointsEntry> points) {
    LocalDate max = null;
    for (PointsEntry entry : points) {
      Object strategy = entry.fields().get(PointsField.DELAY_STRATEGY);
      if (entry.bucket() == Bucket.PROMISED
          && (FIXED_DATE.equals(strategy) || RETURN_DATE.equals(strategy))
          && entry.fields().get(PointsField.CONVERSION_DATE) instanceof LocalDate date
          && (max == null || date.isAfter(max))) {
        max = date;
      }
    }
    return max;
  }

  private static final String FIXED_DATE = "FIXED_DATE";
  private static final String RETURN_DATE = "RETURN_DATE";

  /** Entries by bucket, each bucket present, without the breakup-only fields. */
  static Map<Bucket, List<PointsEntry>> earned(List<PointsEntry> points) {
    Map<Bucket, List<PointsEntry>> earned = new EnumMap<>(Bucket.class);
    for (Bucket bucket : Bucket.values()) {
      earned.put(bucket, new ArrayList<>());
    }
    for (PointsEntry entry : points) {
      earned.computeIfAbsent(entry.bucket(), b -> new ArrayList<>()).add(entry.summary());
    }
    return earned;
  }

  /** Entries whole, in the breakup's two buckets: promotional entries are regular rows. */
  static Map<Bucket, List<PointsEntry>> breakup(List<PointsEntry> points) {
    Map<Bucket, List<PointsEntry>> breakup = new EnumMap<>(Bucket.class);
    breakup.put(Bucket.REGULAR, new ArrayList<>());
    breakup.put(Bucket.PROMISED, new ArrayList<>());
    for (PointsEntry entry : points) {
      breakup
          .computeIfAbsent(
              entry.bucket() == Bucket.PROMISED ? Bucket.PROMISED : Bucket.REGULAR,
              b -> new ArrayList<>())
          .add(entry);
    }
    return breakup;
  }

  /** Currencies grouped by name, in the order each first appears in the ledger. */
  private static List<CurrencyEarned> byCurrency(
      List<AlternateCurrency> entries, boolean withBreakup) {
    Map<String, List<AlternateCurrency>> byName = new LinkedHashMap<>();
    for (AlternateCurrency entry : entries) {
      byName.computeIfAbsent(entry.name(), n -> new ArrayList<>()).add(entry);
    }
    List<CurrencyEarned> currencies = new ArrayList<>(byName.size());
    byName.forEach(
        (name, group) -> {
          List<PointsEntry> points = group.stream().map(AlternateCurrency::entry).toList();
          String identifier =
              group.stream()
                  .map(AlternateCurrency::identifier)
                  .filter(Objects::nonNull)
                  .findFirst()
                  .orElse(null);
          currencies.add(
              new CurrencyEarned(
                  name, identifier, earned(points), withBreakup ? breakup(points) : null));
        });
    return currencies;
  }
}

package com.ledgerexplode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.LedgerPort;
import com.ledgerexplode.explode.Scope;
import com.ledgerexplode.json.snapshot.SnapshotLineException;
import com.ledgerexplode.json.snapshot.SnapshotReader;
import com.ledgerexplode.ledger.Customer;
import com.ledgerexplode.ledger.CustomerKey;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventKey;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.Group;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.ledger.LedgerEvent;
import com.ledgerexplode.ledger.Org;
import com.ledgerexplode.ledger.SnapshotRecord;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A whole snapshot in memory, read with the product's strict {@link SnapshotReader}, answering the
 * engine's questions by scanning: a reference {@link LedgerPort} for tests of the engine's users on
 * small ledgers (the JDBC store is tested on both databases).
 */
public final class InMemoryLedger implements LedgerPort {
  /** The org the engine's fixture ledger is read as. */
  public static final long FIXTURE_ORG = 50406;

  private final List<Org> orgs = new ArrayList<>();
  private final List<Customer> customers = new ArrayList<>();
  private final List<Group> groups = new ArrayList<>();
  private final Map<EventKey, LedgerEvent> events = new LinkedHashMap<>();

  public List<Org> orgs() {
    return Collections.unmodifiableList(orgs);
  }

  public List<Customer> customers() {
    return Collections.unmodifiableList(customers);
  }

  public List<Group> groups() {
    return Collections.unmodifiableList(groups);
  }

  public Map<EventKey, LedgerEvent> events() {
    return Collections.unmodifiableMap(events);
  }

  /** The engine's fixture ledger ({@code com/ledgerexplode/explode/ledger.jsonl}). */
  public static InMemoryLedger fixture() throws IOException, SnapshotLineException {
    return read(
        new InputStreamReader(
            Objects.requireNonNull(
                InMemoryLedger.class.getResourceAsStream(
                    "/com/ledgerexplode/explode/ledger.jsonl")),
            UTF_8));
  }

  /** An engine over the fixture ledger, as org {@value #FIXTURE_ORG} with data scope SELF. */
  public static ExplodeEngine engine() throws IOException, SnapshotLineException {
    return engine(Integer.MAX_VALUE);
  }

  /** The fixture's engine, rejecting requests of more than {@code maxEventIds} event ids. */
  public static ExplodeEngine engine(int maxEventIds) throws IOException, SnapshotLineException {
    return new ExplodeEngine(
        fixture(), new Scope(FIXTURE_ORG, DataScope.SELF, Set.of(FIXTURE_ORG)), maxEventIds);
  }

  public static InMemoryLedger read(Path snapshot) throws IOException, SnapshotLineException {
    return read(Files.newBufferedReader(snapshot, UTF_8));
  }

  private static InMemoryLedger read(Reader in) throws IOException, SnapshotLineException {
    InMemoryLedger ledger = new InMemoryLedger();
    try (SnapshotReader reader = new SnapshotReader(in)) {
      for (SnapshotRecord r = reader.next(); r != null; r = reader.next()) {
        if (r instanceof SnapshotRecord.OrgRecord o) {
          ledger.orgs.add(o.org());
        } else if (r instanceof SnapshotRecord.CustomerRecord c) {
          ledger.customers.add(c.customer());
        } else if (r instanceof SnapshotRecord.GroupRecord g) {
          ledger.groups.add(g.group());
        } else {
          LedgerEvent event = ((SnapshotRecord.EventRecord) r).event();
          ledger.events.put(event.header().key(), event);
        }
      }
    }
    return ledger;
  }

  @Override
  public List<Org> findOrgs(Collection<Long> orgIds) {
    return orgs.stream().filter(o -> orgIds.contains(o.orgId())).toList();
  }

  @Override
  public List<IdentifierMatch> findIdentifiers(
      Collection<Long> orgIds, Collection<String> valueKeys) {
    Set<String> keys = new HashSet<>(valueKeys);
    List<IdentifierMatch> found = new ArrayList<>();
    for (Customer c : customers) {
      if (orgIds.contains(c.orgId())) {
        for (Identifier i : c.identifiers()) {
          if (keys.contains(Identifier.valueKey(i.value()))) {
            found.add(new IdentifierMatch(c.key(), i));
          }
        }
      }
    }
    return found;
  }

  @Override
  public List<CustomerKey> findCustomers(Collection<Long> orgIds, Collection<Long> customerIds) {
    return customers.stream()
        .filter(c -> orgIds.contains(c.orgId()) && customerIds.contains(c.customerId()))
        .map(Customer::key)
        .toList();
  }

  @Override
  public List<GroupMembership> findMemberships(
      Collection<Long> orgIds, Collection<Long> customerIds) {
    List<GroupMembership> found = new ArrayList<>();
    for (Group g : groups) {
      if (orgIds.contains(g.orgId())) {
        for (long member : g.memberCustomerIds()) {
          if (customerIds.contains(member)) {
            found.add(new GroupMembership(g.orgId(), g.groupId(), member, g.primaryCustomerId()));
          }
        }
      }
    }
    return found;
  }

  @Override
  public List<EventHeader> findEventsById(Collection<Long> orgIds, Collection<Long> eventLogIds) {
    Set<Long> ids = new HashSet<>(eventLogIds);
    return headers(orgIds).stream().filter(h -> ids.contains(h.eventLogId())).toList();
  }

  @Override
  public List<EventHeader> findEventsByReference(
      Collection<Long> orgIds, Collection<String> referenceIds) {
    Set<String> references = new HashSet<>(referenceIds);
    return headers(orgIds).stream().filter(h -> references.contains(h.eventReferenceId())).toList();
  }

  @Override
  public Map<EventKey, EventSections> loadSections(
      Collection<EventKey> keys, Set<Section> sections) {
    Map<EventKey, EventSections> loaded = new HashMap<>();
    for (EventKey key : keys) {
      LedgerEvent event = events.get(key);
      if (event != null) {
        loaded.put(key, event.sections());
      }
    }
    return loaded;
  }

  private List<EventHeader> headers(Collection<Long> orgIds) {
    return events.values().stream()
        .map(LedgerEvent::header)
        .filter(h -> orgIds.contains(h.orgId()))
        .toList();
  }
}

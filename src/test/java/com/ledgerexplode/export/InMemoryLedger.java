package com.ledgerexplode.export;

import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.LedgerPort;
import com.ledgerexplode.explode.Scope;
import com.ledgerexplode.json.SnapshotReader;
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
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The engine's fixture ledger, held in memory: a LedgerPort for tests of the export's parts. */
final class InMemoryLedger implements LedgerPort {
  static final long ORG = 50406;

  private final List<Org> orgs = new ArrayList<>();
  private final List<Customer> customers = new ArrayList<>();
  private final List<Group> groups = new ArrayList<>();
  private final Map<EventKey, LedgerEvent> events = new LinkedHashMap<>();

  static InMemoryLedger fixture() throws Exception {
    InMemoryLedger ledger = new InMemoryLedger();
    try (Reader in =
            new InputStreamReader(
                Objects.requireNonNull(
                    InMemoryLedger.class.getResourceAsStream(
                        "/com/ledgerexplode/explode/ledger.jsonl")),
                StandardCharsets.UTF_8);
        SnapshotReader reader = new SnapshotReader(in)) {
      for (SnapshotRecord r = reader.next(); r != null; r = reader.next()) {
        if (r instanceof SnapshotRecord.OrgRecord o) {
          ledger.orgs.add(o.org());
        } else if (r instanceof SnapshotRecord.CustomerRecord c) {
          ledger.customers.add(c.customer());
        } else if (r instanceof SnapshotRecord.GroupRecord g) {
          ledger.groups.add(g.group());
        } else if (r instanceof SnapshotRecord.EventRecord e) {
          ledger.events.put(e.event().header().key(), e.event());
        }
      }
    }
    return ledger;
  }

  static ExplodeEngine engine() throws Exception {
    return new ExplodeEngine(fixture(), new Scope(ORG, DataScope.SELF, Set.of(ORG)));
  }

  @Override
  public List<Org> findOrgs(Collection<Long> orgIds) {
    return orgs.stream().filter(o -> orgIds.contains(o.orgId())).toList();
  }

  @Override
  public List<IdentifierMatch> findIdentifiers(
      Collection<Long> orgIds, Collection<String> valueKeys) {
    List<IdentifierMatch> found = new ArrayList<>();
    for (Customer customer : customers) {
      if (orgIds.contains(customer.orgId())) {
        for (Identifier identifier : customer.identifiers()) {
          if (valueKeys.contains(Identifier.valueKey(identifier.value()))) {
            found.add(new IdentifierMatch(customer.key(), identifier));
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
    for (Group group : groups) {
      if (orgIds.contains(group.orgId())) {
        for (long member : group.memberCustomerIds()) {
          if (customerIds.contains(member)) {
            found.add(
                new GroupMembership(
                    group.orgId(), group.groupId(), member, group.primaryCustomerId()));
          }
        }
      }
    }
    return found;
  }

  @Override
  public List<EventHeader> findEventsById(Collection<Long> orgIds, Collection<Long> eventLogIds) {
    return headers(orgIds).stream().filter(h -> eventLogIds.contains(h.eventLogId())).toList();
  }

  @Override
  public List<EventHeader> findEventsByReference(
      Collection<Long> orgIds, Collection<String> referenceIds) {
    return headers(orgIds).stream()
        .filter(h -> referenceIds.contains(h.eventReferenceId()))
        .toList();
  }

  private List<EventHeader> headers(Collection<Long> orgIds) {
    return events.values().stream()
        .map(LedgerEvent::header)
        .filter(h -> orgIds.contains(h.orgId()))
        .toList();
  }

  @Override
  public Map<EventKey, EventSections> loadSections(
      Collection<EventKey> keys, Set<Section> sections) {
    Map<EventKey, EventSections> loaded = new LinkedHashMap<>();
    for (EventKey key : keys) {
      LedgerEvent event = events.get(key);
      if (event != null) {
        loaded.put(key, event.sections());
      }
    }
    return loaded;
  }
}

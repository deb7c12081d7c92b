package com.ledgerexplode.explode;

import com.ledgerexplode.ledger.CustomerKey;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventKey;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.ledger.Org;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine reads of a ledger. Each method answers a whole chunk's question in one go (an
 * implementation over SQL makes one statement of it, whatever the size of the collections), and
 * sees only the orgs it is given. Results are in no particular order unless a method says so.
 * Implementations are thread-safe.
 */
public interface LedgerPort {

  /** The orgs among these ids that exist. */
  List<Org> findOrgs(Collection<Long> orgIds);

  /** The identifiers in these orgs whose {@link Identifier#valueKey value key} is one of these. */
  List<IdentifierMatch> findIdentifiers(Collection<Long> orgIds, Collection<String> valueKeys);

  /** The customers in these orgs with one of these customer ids. */
  List<CustomerKey> findCustomers(Collection<Long> orgIds, Collection<Long> customerIds);

  /** The group memberships, in these orgs, of these customers. */
  List<GroupMembership> findMemberships(Collection<Long> orgIds, Collection<Long> customerIds);

  /** The events in these orgs with one of these event log ids. */
  List<EventHeader> findEventsById(Collection<Long> orgIds, Collection<Long> eventLogIds);

  /** The events in these orgs with one of these reference ids. */
  List<EventHeader> findEventsByReference(Collection<Long> orgIds, Collection<String> referenceIds);

  /**
   * The events in these orgs with one of these reference ids whose customer is one of {@code
   * customerIds} or whose group is one of {@code groupIds}: the events that the customers asking
   * (and their groups) may see, and maybe more, never fewer. A reference id that many events share
   * (an import's {@code -1}) is then read for those customers only, not for the whole ledger.
   */
  default List<EventHeader> findEventsByReference(
      Collection<Long> orgIds,
      Collection<String> referenceIds,
      Collection<Long> customerIds,
      Collection<Long> groupIds) {
    Set<Long> customers = new HashSet<>(customerIds);
    Set<Long> groups = new HashSet<>(groupIds);
    List<EventHeader> found = new ArrayList<>();
    for (EventHeader event : findEventsByReference(orgIds, referenceIds)) {
      if (customers.contains(event.customerId())
          || (event.groupId() != null && groups.contains(event.groupId()))) {
        found.add(event);
      }
    }
    return found;
  }

  /**
   * The sections of these events, only those asked for ({@link Section#POINTS} always); an event
   * with none has {@link EventSections#NONE}'s empty lists in the map or is absent from it.
   */
  Map<EventKey, EventSections> loadSections(Collection<EventKey> events, Set<Section> sections);

  /** An identifier found, and whose it is. */
  record IdentifierMatch(CustomerKey customer, Identifier identifier) {}

  /** A customer's membership of a group, with the group's primary member (null if none). */
  record GroupMembership(
      long orgId,
      long groupId,
      long customerId,
      @org.jspecify.annotations.Nullable Long primaryCustomerId) {}

  /** The parts of an event to load beyond its header. */
  enum Section {
    POINTS,
    BILL,
    CUSTOM_FIELDS,
    EXTENDED_FIELDS,
    PAYMENT_MODES,
    ALTERNATE_CURRENCIES
  }
}

package com.ledgerexplode.explode;

import com.ledgerexplode.ledger.CustomerKey;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventKey;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.ledger.Org;
import java.util.Collection;
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

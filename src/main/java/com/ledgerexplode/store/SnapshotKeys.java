package com.ledgerexplode.store;

import com.ledgerexplode.ledger.Customer;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.Group;
import com.ledgerexplode.ledger.SnapshotRecord;
import com.ledgerexplode.store.LedgerWriter.Family;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The keys of the records of one snapshot file, each with its line, and the references of its
 * records: what tells a duplicate within the file (the later line is bad, naming the earlier) and a
 * reference to a record that neither the file nor the store has (the referring line is bad, naming
 * the record).
 *
 * <p>A customer names its org; a group its org and its customers (primary and members); an event
 * its org, its customer and its group. A reference may point anywhere in the file, before or after
 * the line, or to a record of the store (from an earlier import). A record whose line is bad is not
 * imported, so a reference to it holds only when the store has the record; the records that refer
 * to it are bad in turn, which {@code --skip-bad-lines} needs to import nothing dangling.
 *
 * <p>Memory: the keys of the file, 21 to 43 bytes a record ({@link LongMap}), and a reference that
 * the file does not resolve where it is read (a record that comes later, or one of the store), 32
 * bytes each. Without the events' keys ({@link #withoutEventKeys}), only orgs, customers and groups
 * are kept (the records that others name; a tenth of a generated ledger's), two events of one key
 * are not told (the caller leaves that to the database), and a reference not resolved where it is
 * read is kept once per record it names, not once per line naming it: a thousand events before
 * their group cost one entry, not a thousand. The store is asked set-based, once per kind and org
 * and at most {@value #IDS_PER_QUERY} ids, and only for references the file does not resolve. Not
 * thread-safe.
 */
final class SnapshotKeys {
  static final int IDS_PER_QUERY = 10_000;

  /** States of a key, in its value's two low bits beside the line of its record. */
  private static final int VALID = 1;

  private static final int PENDING = 2;
  private static final int BAD = 3;

  /** Which of these ids of one org (for orgs, these org ids) the store has. */
  @FunctionalInterface
  interface Store {
    List<Long> existing(Family family, long orgId, Collection<Long> ids) throws SQLException;
  }

  /** Where a line found bad by its key or references goes. */
  @FunctionalInterface
  interface BadLineSink {
    void bad(long line, String reason);
  }

  /** A referred family's code, in a reference's two low bits beside its line. */
  private static final List<Family> BY_CODE =
      List.of(Family.ORG, Family.CUSTOMER, Family.GROUP, Family.EVENT);

  private record Target(Family family, long id) {}

  /** Per family, per org (0 for orgs), id to line and state. */
  private final Map<Family, Map<Long, LongMap>> keys = new EnumMap<>(Family.class);

  /**
   * Per family of the referring record, the references not resolved where they were read: four
   * longs each, the line and the referred family's code (line * 4 + code), the org, the referring
   * id and the referred id.
   */
  private final Map<Family, LongList> pending = new EnumMap<>(Family.class);

  /**
   * Without the events' keys: per referred family, per org (0 for orgs), the ids named by a line
   * before the file gave them (or never), each with the first line naming it.
   */
  private final Map<Family, Map<Long, LongMap>> named = new EnumMap<>(Family.class);

  /** Whether events' keys are kept (and an event's key given twice told). */
  private final boolean eventKeys;

  /** Keys of every kind: any line bad by its key or references is told. */
  SnapshotKeys() {
    this(true);
  }

  private SnapshotKeys(boolean eventKeys) {
    this.eventKeys = eventKeys;
    for (Family family : Family.values()) {
      keys.put(family, new HashMap<>());
      pending.put(family, new LongList());
      named.put(family, new HashMap<>());
    }
  }

  /**
   * Keys of orgs, customers and groups only: an event's key given twice is not told (nor kept), so
   * that the memory is that of the records events name, not of the events. The references of every
   * record are checked, but {@link #resolve} tells each record that neither the file nor the store
   * has once, at the first line naming it, and not the lines referring to a record that is bad by
   * its own references: enough to know whether the file is good (a file with a bad line is read
   * again with every key kept, which names each bad line).
   */
  static SnapshotKeys withoutEventKeys() {
    return new SnapshotKeys(false);
  }

  /**
   * Takes the record read at this line.
   *
   * @return why the line is bad (another line has the record's key), or null
   */
  @Nullable String add(SnapshotRecord record, long line) {
    if (record instanceof SnapshotRecord.OrgRecord r) {
      return add(Family.ORG, 0, r.org().orgId(), line, List.of());
    }
    if (record instanceof SnapshotRecord.CustomerRecord r) {
      Customer c = r.customer();
      return add(Family.CUSTOMER, c.orgId(), c.customerId(), line, List.of(org(c.orgId())));
    }
    if (record instanceof SnapshotRecord.GroupRecord r) {
      Group g = r.group();
      List<Target> targets = new ArrayList<>(g.memberCustomerIds().size() + 2);
      targets.add(org(g.orgId()));
      if (g.primaryCustomerId() != null) {
        targets.add(new Target(Family.CUSTOMER, g.primaryCustomerId()));
      }
      for (long member : g.memberCustomerIds()) {
        targets.add(new Target(Family.CUSTOMER, member));
      }
      return add(Family.GROUP, g.orgId(), g.groupId(), line, targets);
    }
    EventHeader h = ((SnapshotRecord.EventRecord) record).event().header();
    List<Target> targets = new ArrayList<>(3);
    targets.add(org(h.orgId()));
    targets.add(new Target(Family.CUSTOMER, h.customerId()));
    if (h.groupId() != null) {
      targets.add(new Target(Family.GROUP, h.groupId()));
    }
    return add(Family.EVENT, h.orgId(), h.eventLogId(), line, targets);
  }

  private static Target org(long orgId) {
    return new Target(Family.ORG, orgId);
  }

  private @Nullable String add(Family family, long org, long id, long line, List<Target> targets) {
    boolean kept = eventKeys || family != Family.EVENT;
    LongMap map = keysOf(family, org);
    long known = kept ? map.get(id) : 0;
    if (known != 0) {
      return name(family, org, id) + " already at line " + (known >>> 2);
    }
    if (!eventKeys) {
      for (Target target : targets) {
        long targetOrg = orgKey(target.family(), org);
        if (keysOf(target.family(), org).get(target.id()) == 0) {
          LongMap names =
              Objects.requireNonNull(named.get(target.family()))
                  .computeIfAbsent(targetOrg, o -> new LongMap());
          if (names.get(target.id()) == 0) {
            names.put(target.id(), line);
          }
        }
      }
      if (kept) {
        map.put(id, line << 2 | VALID);
      }
      return null;
    }
    boolean settled = true;
    LongList unresolved = pendingOf(family);
    for (Target target : targets) {
      if ((keysOf(target.family(), org).get(target.id()) & 3) != VALID) {
        unresolved.add(line << 2 | BY_CODE.indexOf(target.family()));
        unresolved.add(org);
        unresolved.add(id);
        unresolved.add(target.id());
        settled = false;
      }
    }
    if (kept) {
      map.put(id, line << 2 | (settled ? VALID : PENDING));
    }
    return null;
  }

  /**
   * Resolves the references left: against the file's records, then the store's. Kind by kind
   * (customers, groups, events), so that a record is known good or bad before a reference to it is
   * judged.
   */
  void resolve(Store store, BadLineSink sink) throws SQLException {
    if (!eventKeys) {
      resolveNamed(store, sink);
      return;
    }
    for (Family referring : List.of(Family.CUSTOMER, Family.GROUP, Family.EVENT)) {
      LongList refs = pendingOf(referring);
      Map<Family, Map<Long, LongMap>> asked = new EnumMap<>(Family.class);
      for (int i = 0; i < refs.size(); i += 4) {
        Family referred = referred(refs, i);
        long org = refs.get(i + 1);
        long id = refs.get(i + 3);
        if ((keysOf(referred, org).get(id) & 3) != VALID) {
          asked
              .computeIfAbsent(referred, f -> new HashMap<>())
              .computeIfAbsent(orgKey(referred, org), o -> new LongMap())
              .put(id, 1);
        }
      }
      Map<Family, Map<Long, LongMap>> inStore = ask(store, asked);
      for (int i = 0; i < refs.size(); i += 4) {
        Family referred = referred(refs, i);
        long line = refs.get(i) >>> 2;
        long org = refs.get(i + 1);
        long id = refs.get(i + 3);
        long inFile = keysOf(referred, org).get(id);
        if ((inFile & 3) == VALID
            || inStore
                    .getOrDefault(referred, Map.of())
                    .getOrDefault(orgKey(referred, org), new LongMap())
                    .get(id)
                != 0) {
          continue;
        }
        LongMap referrers = keysOf(referring, org);
        long referrer = refs.get(i + 2);
        if ((referrers.get(referrer) & 3) == BAD) {
          continue; // one reason per line
        }
        referrers.put(referrer, line << 2 | BAD);
        sink.bad(
            line,
            name(referred, org, id)
                + (inFile == 0
                    ? " is not in the ledger or this file"
                    : " is not in the ledger and its line " + (inFile >>> 2) + " is bad"));
      }
      for (int i = 0; i < refs.size(); i += 4) {
        LongMap referrers = keysOf(referring, refs.get(i + 1));
        long referrer = refs.get(i + 2);
        long value = referrers.get(referrer);
        if ((value & 3) == PENDING) {
          referrers.put(referrer, (value & ~3L) | VALID);
        }
      }
    }
  }

  /**
   * Without the events' keys: each record named before the file gave it, and never given, is asked
   * of the store; one that the store has not either is told once, at the first line naming it.
   */
  private void resolveNamed(Store store, BadLineSink sink) throws SQLException {
    Map<Family, Map<Long, LongMap>> asked = new EnumMap<>(Family.class);
    for (Map.Entry<Family, Map<Long, LongMap>> family : named.entrySet()) {
      for (Map.Entry<Long, LongMap> org : family.getValue().entrySet()) {
        LongMap inFile = keysOf(family.getKey(), org.getKey());
        for (long id : org.getValue().keys()) {
          if (inFile.get(id) == 0) {
            asked
                .computeIfAbsent(family.getKey(), f -> new HashMap<>())
                .computeIfAbsent(org.getKey(), o -> new LongMap())
                .put(id, org.getValue().get(id));
          }
        }
      }
    }
    Map<Family, Map<Long, LongMap>> inStore = ask(store, asked);
    for (Map.Entry<Family, Map<Long, LongMap>> family : asked.entrySet()) {
      for (Map.Entry<Long, LongMap> org : family.getValue().entrySet()) {
        LongMap found =
            inStore
                .getOrDefault(family.getKey(), Map.of())
                .getOrDefault(org.getKey(), new LongMap());
        for (long id : org.getValue().keys()) {
          if (found.get(id) == 0) {
            sink.bad(
                org.getValue().get(id),
                name(family.getKey(), org.getKey(), id) + " is not in the ledger or this file");
          }
        }
      }
    }
  }

  /** How many references wait for the end (kept per line naming a record, or per record named). */
  long pendingReferences() {
    long count = 0;
    for (LongList refs : pending.values()) {
      count += refs.size() / 4;
    }
    for (Map<Long, LongMap> orgs : named.values()) {
      for (LongMap ids : orgs.values()) {
        count += ids.size();
      }
    }
    return count;
  }

  private static Map<Family, Map<Long, LongMap>> ask(
      Store store, Map<Family, Map<Long, LongMap>> asked) throws SQLException {
    Map<Family, Map<Long, LongMap>> found = new EnumMap<>(Family.class);
    for (Map.Entry<Family, Map<Long, LongMap>> family : asked.entrySet()) {
      for (Map.Entry<Long, LongMap> org : family.getValue().entrySet()) {
        long[] ids = org.getValue().keys();
        for (int from = 0; from < ids.length; from += IDS_PER_QUERY) {
          List<Long> chunk = new ArrayList<>();
          for (int i = from; i < Math.min(ids.length, from + IDS_PER_QUERY); i++) {
            chunk.add(ids[i]);
          }
          for (long id : store.existing(family.getKey(), org.getKey(), chunk)) {
            found
                .computeIfAbsent(family.getKey(), f -> new HashMap<>())
                .computeIfAbsent(org.getKey(), o -> new LongMap())
                .put(id, 1);
          }
        }
      }
    }
    return found;
  }

  private static Family referred(LongList refs, int i) {
    return BY_CODE.get((int) (refs.get(i) & 3));
  }

  private LongList pendingOf(Family family) {
    return Objects.requireNonNull(pending.get(family));
  }

  private LongMap keysOf(Family family, long org) {
    return Objects.requireNonNull(keys.get(family))
        .computeIfAbsent(orgKey(family, org), o -> new LongMap());
  }

  /** Orgs are one map (org 0): an org's key is its id alone. */
  private static long orgKey(Family family, long org) {
    return family == Family.ORG ? 0 : org;
  }

  private static String name(Family family, long org, long id) {
    return family == Family.ORG ? "org " + id : family.word() + " " + id + " of org " + org;
  }
}

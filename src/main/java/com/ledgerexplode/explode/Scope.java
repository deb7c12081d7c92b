package com.ledgerexplode.explode;

import com.ledgerexplode.ledger.Org;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The orgs whose data a run may see, and those of them whose source-value capturing is off (which
 * refuses the points breakup with 11019); built by {@link #resolve}.
 */
public record Scope(
    long org, DataScope dataScope, Set<Long> orgIds, Set<Long> withoutSourceValueCapturing) {
  static final int MAX_OTHER_ORGS = 2;

  public Scope {
    orgIds = Set.copyOf(orgIds);
    withoutSourceValueCapturing = Set.copyOf(withoutSourceValueCapturing);
  }

  /** A scope whose orgs all capture source values. */
  public Scope(long org, DataScope dataScope, Set<Long> orgIds) {
    this(org, dataScope, orgIds, Set.of());
  }

  /**
   * The scope of a run as {@code org}: SELF sees that org alone; OTHER sees the orgs named (at most
   * two, each connected to {@code org}, not {@code org} itself).
   *
   * @throws ScopeRefusedException with code 310144 when the orgs named do not fit the scope
   */
  public static Scope resolve(LedgerPort ledger, long org, DataScope dataScope, List<Long> named)
      throws ScopeRefusedException {
    Set<Long> orgs = new LinkedHashSet<>(named);
    if (dataScope == DataScope.SELF) {
      if (!orgs.isEmpty() && !orgs.equals(Set.of(org))) {
        throw new ScopeRefusedException(
            "Connected orgs are named " + orgs + " but the data scope is SELF");
      }
      return new Scope(org, dataScope, Set.of(org), withoutCapturing(ledger, Set.of(org)));
    }
    if (orgs.isEmpty()) {
      throw new ScopeRefusedException("Data scope OTHER needs the connected orgs to read");
    }
    if (orgs.size() > MAX_OTHER_ORGS) {
      throw new ScopeRefusedException(
          "Data scope OTHER takes at most " + MAX_OTHER_ORGS + " orgs, " + orgs.size() + " given");
    }
    if (orgs.contains(org)) {
      throw new ScopeRefusedException(
          "Data scope OTHER names the org's own id " + org + "; use SELF for its own data");
    }
    List<Long> connected =
        ledger.findOrgs(List.of(org)).stream()
            .findFirst()
            .map(Org::connectedOrgIds)
            .orElse(List.of());
    for (Long other : orgs) {
      if (!connected.contains(other)) {
        throw new ScopeRefusedException("Org " + other + " is not connected to org " + org);
      }
    }
    return new Scope(org, dataScope, orgs, withoutCapturing(ledger, orgs));
  }

  private static Set<Long> withoutCapturing(LedgerPort ledger, Set<Long> orgs) {
    Set<Long> off = new LinkedHashSet<>();
    for (Org found : ledger.findOrgs(orgs)) {
      if (!found.sourceValueCapturing()) {
        off.add(found.orgId());
      }
    }
    return off;
  }
}

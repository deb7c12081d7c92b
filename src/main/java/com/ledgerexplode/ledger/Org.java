package com.ledgerexplode.ledger;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An org and the orgs connected to it (those it may read with data scope OTHER); {@code
 * sourceValueCapturing} is the org's switch that the points breakup needs (on unless said off).
 */
public record Org(
    long orgId, @Nullable String name, List<Long> connectedOrgIds, boolean sourceValueCapturing) {
  public Org {
    connectedOrgIds = List.copyOf(connectedOrgIds);
  }

  public Org(long orgId, @Nullable String name, List<Long> connectedOrgIds) {
    this(orgId, name, connectedOrgIds, true);
  }
}

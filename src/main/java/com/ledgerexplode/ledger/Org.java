package com.ledgerexplode.ledger;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** An org and the orgs connected to it (those it may read with data scope OTHER). */
public record Org(long orgId, @Nullable String name, List<Long> connectedOrgIds) {
  public Org {
    connectedOrgIds = List.copyOf(connectedOrgIds);
  }
}

package com.ledgerexplode.serve;

import java.util.Set;

/**
 * Who a request authenticated as: a name (shown in the access log; never a secret), the org it
 * reads as, and the connected orgs it may read with {@code DATA-SCOPE: OTHER}.
 */
public record Credential(String name, long org, Set<Long> connectedOrgs) {
  public Credential {
    connectedOrgs = Set.copyOf(connectedOrgs);
  }
}

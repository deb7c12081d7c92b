package com.ledgerexplode.ledger;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A user group (USERGROUP2) of an org, with its primary member. */
public record Group(
    long orgId, long groupId, @Nullable Long primaryCustomerId, List<Long> memberCustomerIds) {
  public Group {
    memberCustomerIds = List.copyOf(memberCustomerIds);
  }
}

package com.ledgerexplode.ledger;

/** One line of a ledger snapshot. */
public sealed interface SnapshotRecord {
  record OrgRecord(Org org) implements SnapshotRecord {}

  record CustomerRecord(Customer customer) implements SnapshotRecord {}

  record GroupRecord(Group group) implements SnapshotRecord {}

  record EventRecord(LedgerEvent event) implements SnapshotRecord {}
}

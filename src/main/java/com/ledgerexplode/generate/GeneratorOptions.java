package com.ledgerexplode.generate;

import java.util.List;

/**
 * What {@link LedgerGenerator} makes: {@code customers} customers with {@code eventsPerCustomer}
 * events each, from {@code seed}; most customers in {@code mainOrgId}, the others spread over the
 * orgs connected to it and the orgs that are not. With {@code unreadableEvery} above 0, the
 * requests CSV also holds a record that cannot be read as a row (more cells than the header) after
 * every {@code unreadableEvery} rows; 0, the default, keeps it well-formed.
 */
public record GeneratorOptions(
    int customers,
    int eventsPerCustomer,
    long seed,
    long mainOrgId,
    List<Long> connectedOrgIds,
    List<Long> unconnectedOrgIds,
    int unreadableEvery) {

  public static final long DEFAULT_MAIN_ORG = 50406;
  public static final List<Long> DEFAULT_CONNECTED_ORGS = List.of(4000218L, 4000219L);
  public static final List<Long> DEFAULT_UNCONNECTED_ORGS = List.of(60001L);

  public GeneratorOptions {
    if (unreadableEvery < 0) {
      throw new IllegalArgumentException(
          "unreadableEvery must not be negative: " + unreadableEvery);
    }
    if (customers < 0 || eventsPerCustomer < 0) {
      throw new IllegalArgumentException(
          "customers and eventsPerCustomer must not be negative: "
              + customers
              + ", "
              + eventsPerCustomer);
    }
    connectedOrgIds = List.copyOf(connectedOrgIds);
    unconnectedOrgIds = List.copyOf(unconnectedOrgIds);
    if (connectedOrgIds.contains(mainOrgId) || unconnectedOrgIds.contains(mainOrgId)) {
      throw new IllegalArgumentException("The main org " + mainOrgId + " is listed again");
    }
  }

  /** These sizes and seed with the default orgs: 50406, connected to 4000218 and 4000219; 60001. */
  public static GeneratorOptions of(int customers, int eventsPerCustomer, long seed) {
    return new GeneratorOptions(
        customers,
        eventsPerCustomer,
        seed,
        DEFAULT_MAIN_ORG,
        DEFAULT_CONNECTED_ORGS,
        DEFAULT_UNCONNECTED_ORGS,
        0);
  }

  /** These options with an unreadable record after every {@code rows} request rows. */
  public GeneratorOptions withUnreadableEvery(int rows) {
    return new GeneratorOptions(
        customers, eventsPerCustomer, seed, mainOrgId, connectedOrgIds, unconnectedOrgIds, rows);
  }
}

package com.ledgerexplode.vendor;

/** The API's versions: v2 answers for the credential's own org, v2.1 for a connected-orgs scope. */
public enum ApiVersion {
  V2("v2"),
  V2_1("v2.1");

  private final String segment;

  ApiVersion(String segment) {
    this.segment = segment;
  }

  /** The path of the explode endpoint in this version. */
  String explodePath() {
    return "/" + segment + "/pointsLedger/getLedgerExplodeInfo";
  }

  /** The version as a job file spells it ({@code v2}, {@code v2.1}). */
  public static ApiVersion byName(String name) {
    for (ApiVersion version : values()) {
      if (version.segment.equals(name)) {
        return version;
      }
    }
    throw new IllegalArgumentException("api version must be v2 or v2.1, not " + name);
  }

  @Override
  public String toString() {
    return segment;
  }
}

package com.ledgerexplode.explode;

/** The connected-orgs data scope a job or request runs with. */
public enum DataScope {
  /** The org's own data. */
  SELF,
  /** The connected orgs named with it, and not the org's own. */
  OTHER;

  /** The scope when none is given: the API's default, the job file's and the command line's. */
  public static final String DEFAULT_NAME = "SELF";

  public static DataScope byDefault() {
    return valueOf(DEFAULT_NAME);
  }
}

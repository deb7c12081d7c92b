package com.ledgerexplode.explode;

/** The connected-orgs data scope a job or request runs with. */
public enum DataScope {
  /** The org's own data. */
  SELF,
  /** The connected orgs named with it, and not the org's own. */
  OTHER
}

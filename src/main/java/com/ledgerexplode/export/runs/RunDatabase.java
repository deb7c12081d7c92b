package com.ledgerexplode.export.runs;

import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.store.Secrets;

/** The databases a run uses, as an operator is told of them. */
public enum RunDatabase {
  LEDGER("the ledger database"),
  REPOSITORY("the job repository"),
  REPORTING("the reporting database");

  private final String name;

  RunDatabase(String name) {
    this.name = name;
  }

  /** Its URL in these settings. */
  public String url(JobSettings settings) {
    return switch (this) {
      case LEDGER -> settings.ledgerDb();
      case REPOSITORY -> settings.repositoryDb();
      case REPORTING -> settings.output();
    };
  }

  /** Its name and URL, any secret masked: {@code the ledger database (jdbc:postgresql://...)}. */
  public String describe(JobSettings settings) {
    return name + " (" + Secrets.mask(url(settings)) + ")";
  }

  @Override
  public String toString() {
    return name;
  }
}

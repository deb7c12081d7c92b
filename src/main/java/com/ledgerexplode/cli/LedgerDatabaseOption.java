package com.ledgerexplode.cli;

import com.ledgerexplode.export.settings.JobSettings;
import com.ledgerexplode.store.LedgerDatabase;
import picocli.CommandLine.Option;

/** {@code --db}: the ledger store, created or migrated when opened. */
final class LedgerDatabaseOption {
  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      defaultValue = JobSettings.DEFAULT_LEDGER_DB,
      description = {
        "JDBC URL of the ledger store (default: ${DEFAULT-VALUE}).",
        "Credentials come from LEDGER_DB_USER and LEDGER_DB_PASSWORD."
      })
  String url;

  /** Opens the store, creating or migrating its schema first. */
  LedgerDatabase open() {
    return LedgerDatabase.open(url);
  }

  /** As {@link #open()}, with a pool of {@code poolSize} connections. */
  LedgerDatabase open(int poolSize) {
    return LedgerDatabase.open(url, poolSize);
  }
}

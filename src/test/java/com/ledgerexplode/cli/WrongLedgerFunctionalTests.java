package com.ledgerexplode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that would make every row a reject are refused before anything runs, with one line and
 * exit 2: an H2 ledger that does not exist, an org with no customer in the ledger.
 */
class WrongLedgerFunctionalTests {
  @TempDir Path dir;

  @Test
  void aMistypedH2LedgerPathIsRefusedAndNoEmptyDatabaseIsCreated() {
    JobFixture job = JobFixture.create(dir, 4, 1);
    job.set("ledger.import", "").set("ledger.db", JobFixture.h2(dir.resolve("db/ledgr")));

    Cli run = Cli.run("run", job.jobFile.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "ledger-explode: The ledger "
                + JobFixture.h2(dir.resolve("db/ledgr"))
                + " does not exist (no file "
                + dir.resolve("db/ledgr").toAbsolutePath()
                + ".mv.db); import a snapshot first (ledger import, or ledger.import in the job"
                + " file), or correct ledger.db");
    assertThat(Files.exists(dir.resolve("db/ledgr.mv.db"))).isFalse();
    assertThat(Files.exists(job.output())).isFalse();
  }

  @Test
  void anOrgWithNoCustomerInTheLedgerIsRefused() {
    JobFixture job = JobFixture.create(dir, 4, 1);
    job.set("org", "999");

    Cli run = Cli.run("run", job.jobFile.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "ledger-explode: No customer of org 999 in the ledger "
                + JobFixture.h2(dir.resolve("db/ledger"))
                + ": every row would be rejected; check org (and dataScopeOrgs) and ledger.db");
    assertThat(Files.exists(job.output())).isFalse();
  }
}

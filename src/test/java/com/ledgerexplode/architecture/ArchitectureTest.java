package com.ledgerexplode.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine is the heart and depends on nothing; everything else depends on it. */
class ArchitectureTest {
  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.ledgerexplode");

  @Test
  void theLedgerDomainUsesTheJdkAlone() {
    classes()
        .that()
        .resideInAPackage("com.ledgerexplode.ledger..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.jspecify..", "com.ledgerexplode.ledger..")
        .check(PRODUCT);
  }

  @Test
  void theEngineKnowsNothingOfSpringSqlOrFiles() {
    classes()
        .that()
        .resideInAPackage("com.ledgerexplode.explode..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java.lang..",
            "java.util..",
            "java.math..",
            "java.time..",
            "org.jspecify..",
            "com.ledgerexplode.ledger..",
            "com.ledgerexplode.explode..")
        .check(PRODUCT);
  }

  @Test
  void theVendorClientIsTheJdkResilience4jAndJacksonAlone() {
    classes()
        .that()
        .resideInAPackage("com.ledgerexplode.vendor..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.jspecify..",
            "org.slf4j..",
            "io.github.resilience4j..",
            "tools.jackson.core..",
            "com.ledgerexplode.explode..",
            "com.ledgerexplode.vendor..")
        .because("the client is plain Java over the JDK's HttpClient: no Spring, no JDBC")
        .check(PRODUCT);
  }

  @Test
  void nothingBelowTheCommandLineDependsOnIt() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.ledgerexplode.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.ledgerexplode.cli..")
        .check(PRODUCT);
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    // every package its own slice, so that export's sub-packages are held apart too
    slices().matching("com.ledgerexplode.(**)").should().beFreeOfCycles().check(PRODUCT);
  }

  @Test
  void springBatchStaysInTheJob() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.ledgerexplode.export..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework.batch..")
        .because(
            "the export job is the one part built on Spring Batch; the command line sees runs"
                + " through export's own types")
        .check(PRODUCT);
  }

  @Test
  void theHttpServerStaysInServe() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.ledgerexplode.serve..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..")
        .because("serve is the one part that speaks HTTP; the engine answers requests, not calls")
        .check(PRODUCT);
  }

  @Test
  void jdbcStaysInTheStoreTheSinksAndTheJobRepository() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "com.ledgerexplode.store..",
            "com.ledgerexplode.export.sink..",
            "com.ledgerexplode.export.runs..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "org.springframework.jdbc..",
            "com.zaxxer..",
            "org.flywaydb..")
        .because(
            "only the ledger store, the reporting database sink and the job repository (its"
                + " transaction manager included) open or use a database; the command line and"
                + " the job's wiring are handed theirs")
        .check(PRODUCT);
  }
}

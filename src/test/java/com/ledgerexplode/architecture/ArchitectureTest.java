package com.ledgerexplode.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
  void nothingBelowTheCommandLineDependsOnIt() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.ledgerexplode.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.ledgerexplode.cli..")
        .check(PRODUCT);
  }
}

package com.ledgerexplode.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * README's map of the packages ("Where things are"), enforced: each package is used only by those
 * that README lists after it, so that a newcomer who reads the map knows what may call what.
 */
class LayoutTest {
  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.ledgerexplode");

  @Test
  void eachPackageIsUsedOnlyByThePackagesReadmeListsAfterIt() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("ledger")
        .definedBy("com.ledgerexplode.ledger..")
        .layer("engine")
        .definedBy("com.ledgerexplode.explode..")
        .layer("json")
        .definedBy("com.ledgerexplode.json..")
        .layer("store")
        .definedBy("com.ledgerexplode.store..")
        .layer("generate")
        .definedBy("com.ledgerexplode.generate..")
        .layer("vendor")
        .definedBy("com.ledgerexplode.vendor..")
        .layer("settings")
        .definedBy("com.ledgerexplode.export.settings..")
        .layer("requests")
        .definedBy("com.ledgerexplode.export.requests..")
        .layer("outcome")
        .definedBy("com.ledgerexplode.export.outcome..")
        .layer("sink")
        .definedBy("com.ledgerexplode.export.sink..")
        .layer("runs")
        .definedBy("com.ledgerexplode.export.runs..")
        .layer("job")
        .definedBy("com.ledgerexplode.export.job..")
        .layer("serve")
        .definedBy("com.ledgerexplode.serve..")
        .layer("cli")
        .definedBy("com.ledgerexplode.cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("serve")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("job")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("runs")
        .mayOnlyBeAccessedByLayers("job", "cli")
        .whereLayer("sink")
        .mayOnlyBeAccessedByLayers("job", "cli")
        .whereLayer("outcome")
        .mayOnlyBeAccessedByLayers("sink", "runs", "job", "cli")
        .whereLayer("requests")
        .mayOnlyBeAccessedByLayers("outcome", "sink", "job", "cli")
        .whereLayer("settings")
        .mayOnlyBeAccessedByLayers("sink", "runs", "job", "cli")
        .whereLayer("vendor")
        .mayOnlyBeAccessedByLayers("settings", "requests", "outcome", "sink", "runs", "job", "cli")
        .whereLayer("generate")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("store")
        .mayOnlyBeAccessedByLayers("generate", "settings", "sink", "runs", "job", "serve", "cli")
        .whereLayer("json")
        .mayOnlyBeAccessedByLayers(
            "store", "generate", "outcome", "sink", "runs", "job", "serve", "cli")
        .whereLayer("engine")
        .mayOnlyBeAccessedByLayers(
            "json",
            "store",
            "generate",
            "vendor",
            "settings",
            "requests",
            "outcome",
            "sink",
            "runs",
            "job",
            "serve",
            "cli")
        .check(PRODUCT);
  }
}

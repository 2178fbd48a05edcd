package org.edgenas.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the design (shared/DESIGN.md), held by ArchUnit on the compiled main classes:
 * each framework is imported by the packages that own it alone, the core model uses no framework,
 * and no package cycles.
 */
class PackageRulesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.edgenas");
  }

  @Test
  void theMainClassesAreReadFromJava25ClassFiles() {
    // guards against an ArchUnit that silently reads nothing from a newer class-file version
    assertTrue(classes.size() > 200, "imported only " + classes.size() + " classes");
    assertTrue(classes.contain("org.edgenas.search.Search"));
  }

  @Test
  void onlyTrainImportsDjl() {
    onlyOwnersUse("ai.djl..", "org.edgenas.train..").check(classes);
  }

  @Test
  void onlySearchImportsJenetics() {
    onlyOwnersUse("io.jenetics..", "org.edgenas.search..").check(classes);
  }

  @Test
  void onlyDeviceImportsJsch() {
    onlyOwnersUse("com.jcraft.jsch..", "org.edgenas.device..").check(classes);
  }

  @Test
  void onlyOnnxLatencyAndEvalTouchOnnxRuntime() {
    onlyOwnersUse("ai.onnxruntime..", "org.edgenas.onnx..", "org.edgenas.latency..", "org.edgenas.eval..")
        .check(classes);
  }

  @Test
  void onlyWorkerImportsTemporal() {
    onlyOwnersUse("io.temporal..", "org.edgenas.worker..").check(classes);
  }

  @Test
  void theArchitectureModelUsesNoFramework() {
    noClasses().that().resideInAnyPackage("org.edgenas.space..", "org.edgenas.arch..", "org.edgenas.cost..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "ai.djl..", "io.jenetics..", "com.jcraft.jsch..", "ai.onnxruntime..", "ai.onnx..", "io.temporal..",
            "org.jfree..", "picocli..")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.edgenas.(*)..").should().beFreeOfCycles().check(classes);
  }

  private static ArchRule onlyOwnersUse(String framework, String... owners) {
    return noClasses().that().resideOutsideOfPackages(owners)
        .should().dependOnClassesThat().resideInAPackage(framework)
        .because(framework + " belongs to " + String.join(", ", owners) + " (DESIGN.md)");
  }
}

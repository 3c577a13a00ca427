package pe.centinela.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * {@code core} is the pure part: plain Java and JSON, no framework, and no cycle among its packages. The rules'
 * package alone also uses the rule language (CEL, with the Guava collections its API hands back).
 */
@AnalyzeClasses(packages = "pe.centinela.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreIsPlainJavaTest {

    @ArchTest
    static final ArchRule importsNoFramework = classes()
            .that()
            .resideInAPackage("pe.centinela.core..")
            .and()
            .resideOutsideOfPackage("pe.centinela.core.rules..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("pe.centinela.core..", "java..", "javax.crypto..", "com.fasterxml.jackson..")
            .because("the core is plain Java that the verticles, the reconciler and the commands only adapt");

    @ArchTest
    static final ArchRule rulesImportOnlyTheRuleLanguage = classes()
            .that()
            .resideInAPackage("pe.centinela.core.rules..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "pe.centinela.core..", "java..", "com.fasterxml.jackson..", "dev.cel..", "com.google.common..")
            .because("rules are compiled and evaluated by CEL, a language library, not a framework");

    @ArchTest
    static final ArchRule packagesFreeOfCycles =
            slices().matching("pe.centinela.core.(*)..").should().beFreeOfCycles();
}

package pe.centinela.app.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The modules use each other only downward: core ← adapters ← embedded infrastructure ← the stages (ingest, scoring,
 * alerts), which do not use each other ← the command; the generator stands on core and only the command uses it. No
 * cycle among the packages of any of them.
 */
@AnalyzeClasses(packages = "pe.centinela", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleLayersTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("core")
            .definedBy("pe.centinela.core..")
            .layer("generator")
            .definedBy("pe.centinela.generator..")
            .layer("adapters")
            .definedBy("pe.centinela.adapters..")
            .layer("embedded")
            .definedBy("pe.centinela.embedded..")
            .layer("ingest")
            .definedBy("pe.centinela.ingest..")
            .layer("scoring")
            .definedBy("pe.centinela.scoring..")
            .layer("alerts")
            .definedBy("pe.centinela.alerts..")
            .layer("command")
            .definedBy("pe.centinela.app..")
            .whereLayer("command")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("ingest")
            .mayOnlyBeAccessedByLayers("command")
            .whereLayer("scoring")
            .mayOnlyBeAccessedByLayers("command")
            .whereLayer("alerts")
            .mayOnlyBeAccessedByLayers("command")
            .whereLayer("generator")
            .mayOnlyBeAccessedByLayers("command")
            .whereLayer("embedded")
            .mayOnlyBeAccessedByLayers("ingest", "scoring", "alerts", "command")
            .whereLayer("adapters")
            .mayOnlyBeAccessedByLayers("embedded", "ingest", "scoring", "alerts", "command")
            .whereLayer("core")
            .mayOnlyBeAccessedByLayers("generator", "adapters", "embedded", "ingest", "scoring", "alerts", "command");

    @ArchTest
    static final ArchRule modulesFreeOfCycles =
            slices().matching("pe.centinela.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packagesFreeOfCycles =
            slices().matching("pe.centinela.*.(*)..").should().beFreeOfCycles();
}

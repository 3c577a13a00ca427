package pe.centinela.workbench.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The modules use each other only downward: core ← adapters ← the stages (ingest, scoring, alerts), which do not use
 * each other ← the production command ← the workbench (demo and benchmarks); the generator stands on core and only the
 * commands use it. The embedded broker and database serve the workbench alone (and tests): nothing on the production
 * path uses them. No cycle among the packages of any of them.
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
            .layer("workbench")
            .definedBy("pe.centinela.workbench..")
            .whereLayer("workbench")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("command")
            .mayOnlyBeAccessedByLayers("workbench")
            .whereLayer("ingest")
            .mayOnlyBeAccessedByLayers("command", "workbench")
            .whereLayer("scoring")
            .mayOnlyBeAccessedByLayers("command", "workbench")
            .whereLayer("alerts")
            .mayOnlyBeAccessedByLayers("command", "workbench")
            .whereLayer("generator")
            .mayOnlyBeAccessedByLayers("command", "workbench")
            .whereLayer("embedded")
            .mayOnlyBeAccessedByLayers("workbench")
            .whereLayer("adapters")
            .mayOnlyBeAccessedByLayers("embedded", "ingest", "scoring", "alerts", "command", "workbench")
            .whereLayer("core")
            .mayOnlyBeAccessedByLayers(
                    "generator", "adapters", "embedded", "ingest", "scoring", "alerts", "command", "workbench");

    @ArchTest
    static final ArchRule modulesFreeOfCycles =
            slices().matching("pe.centinela.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packagesFreeOfCycles =
            slices().matching("pe.centinela.*.(*)..").should().beFreeOfCycles();
}

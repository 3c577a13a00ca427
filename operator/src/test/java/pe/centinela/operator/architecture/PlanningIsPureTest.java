package pe.centinela.operator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The operator's planning computes desired objects and rollouts from values: it talks to no API server. */
@AnalyzeClasses(packages = "pe.centinela.operator", importOptions = ImportOption.DoNotIncludeTests.class)
class PlanningIsPureTest {

    @ArchTest
    static final ArchRule planningUsesNoClient = noClasses()
            .that()
            .resideInAPackage("pe.centinela.operator.planning..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.fabric8.kubernetes.client..",
                    "io.javaoperatorsdk..",
                    "pe.centinela.operator.dependent..",
                    "java.net.http..",
                    "java.sql..")
            .because("planning is pure: the reconciler and its dependents apply what it plans");
}

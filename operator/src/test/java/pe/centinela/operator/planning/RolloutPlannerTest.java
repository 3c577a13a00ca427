package pe.centinela.operator.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pe.centinela.operator.crd.Component;
import pe.centinela.operator.crd.Condition;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.crd.FraudDetectorStatus;

class RolloutPlannerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void firstVersionIsRolledOutAndBecomesActiveWhenItsPodsAreReady() {
        FraudDetector fd = Detectors.detector("m1");
        Plan first = RolloutPlanner.plan(fd, Map.of(), RegistryCheck.found(Set.of()), NOW);
        assertThat(first.scoringVersion()).isEqualTo("m1");
        assertThat(reason(first, Condition.MODEL_ROLLED_OUT)).isEqualTo("RollingOut");

        fd.setStatus(first.status());
        Plan ready = RolloutPlanner.plan(fd, allReady("m1"), RegistryCheck.notAsked(), NOW.plusSeconds(5));
        assertThat(ready.status().getActiveModelVersion()).isEqualTo("m1");
        assertThat(ready.status().condition(Condition.READY).orElseThrow().isTrue())
                .isTrue();
        assertThat(ready.status().condition(Condition.READY).orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-01-01T00:00:05Z");
    }

    @Test
    void aRefusedImageKeepsTheVersionsAndTheModelConditionAndSaysWhyItIsNotReady() {
        FraudDetector fd = active("m1");
        fd.getMetadata().setGeneration(7L);
        FraudDetectorStatus status = RolloutPlanner.refuseImage(fd, "Image evil is not allowed", NOW);
        assertThat(status.getObservedGeneration()).isEqualTo(7L);
        assertThat(status.getActiveModelVersion()).isEqualTo("m1");
        assertThat(status.condition(Condition.READY).orElseThrow()).satisfies(c -> {
            assertThat(c.isTrue()).isFalse();
            assertThat(c.getReason()).isEqualTo("ImageNotAllowed");
            assertThat(c.getMessage()).isEqualTo("Image evil is not allowed");
        });
        assertThat(status.condition(Condition.DEGRADED).orElseThrow().getReason())
                .isEqualTo("ImageNotAllowed");
        assertThat(status.condition(Condition.MODEL_ROLLED_OUT).orElseThrow().getReason())
                .isEqualTo("RolledOut");
    }

    @Test
    void versionMissingFromTheRegistryKeepsTheActiveOne() {
        FraudDetector fd = active("m1");
        fd.getSpec().getModel().setVersion("m9");
        Plan plan = RolloutPlanner.plan(fd, allReady("m1"), RegistryCheck.found(Set.of("m9")), NOW);
        assertThat(plan.scoringVersion()).isEqualTo("m1");
        assertThat(reason(plan, Condition.MODEL_ROLLED_OUT)).isEqualTo("ModelNotInRegistry");
    }

    @Test
    void versionWhoseBundleFailsItsChecksumKeepsTheActiveOne() {
        FraudDetector fd = active("m1");
        fd.getSpec().getModel().setVersion("m2");
        Plan plan = RolloutPlanner.plan(fd, allReady("m1"), RegistryCheck.found(Set.of(), Set.of("m2")), NOW);
        assertThat(plan.scoringVersion()).isEqualTo("m1");
        assertThat(plan.status().getActiveModelVersion()).isEqualTo("m1");
        assertThat(plan.status().getRolloutModelVersion()).isNull();
        Condition rolledOut =
                plan.status().condition(Condition.MODEL_ROLLED_OUT).orElseThrow();
        assertThat(rolledOut.isTrue()).isFalse();
        assertThat(rolledOut.getReason()).isEqualTo("ChecksumMismatch");
        assertThat(rolledOut.getMessage()).contains("m2", "sha256", "still serving m1");
    }

    @Test
    void shadowWhoseBundleFailsItsChecksumIsLeftOutAndReported() {
        FraudDetector fd = active("m1");
        fd.getSpec().getModel().setShadowVersion("s1");
        Plan plan = RolloutPlanner.plan(fd, allReady("m1"), RegistryCheck.found(Set.of(), Set.of("s1")), NOW);
        assertThat(plan.refusedVersions()).containsExactly("s1");
        assertThat(reason(plan, Condition.DEGRADED)).isEqualTo("ChecksumMismatch");
        assertThat(plan.status().condition(Condition.DEGRADED).orElseThrow().getMessage())
                .contains("s1", "sha256");
    }

    @Test
    void versionWhoseBundleNoTrustedKeyVerifiesKeepsTheActiveOneAndASideVersionIsLeftOut() {
        FraudDetector fd = active("m1");
        fd.getSpec().getModel().setVersion("m2");
        fd.getSpec().getModel().setShadowVersion("s1");
        RegistryCheck check = RegistryCheck.found(
                Set.of(),
                Set.of(),
                Map.of(
                        "m2",
                        "Model version m2 in the model registry is refused: unsigned",
                        "s1",
                        "Model version s1 in the model registry is refused: unsigned"));
        Plan plan = RolloutPlanner.plan(fd, allReady("m1"), check, NOW);
        assertThat(plan.scoringVersion()).isEqualTo("m1");
        assertThat(plan.refusedVersions()).containsExactly("s1");
        Condition rolledOut =
                plan.status().condition(Condition.MODEL_ROLLED_OUT).orElseThrow();
        assertThat(rolledOut.isTrue()).isFalse();
        assertThat(rolledOut.getReason()).isEqualTo("SignatureInvalid");
        assertThat(rolledOut.getMessage())
                .isEqualTo("Model version m2 in the model registry is refused: unsigned; still serving m1");
        assertThat(reason(plan, Condition.DEGRADED)).isEqualTo("SignatureInvalid");
        assertThat(plan.status().condition(Condition.DEGRADED).orElseThrow().getMessage())
                .contains("Not signed by a trusted key", "s1");
    }

    @Test
    void noScoringDeploymentWhileNoVersionWasEverAccepted() {
        Plan plan = RolloutPlanner.plan(Detectors.detector("m9"), Map.of(), RegistryCheck.found(Set.of("m9")), NOW);
        assertThat(plan.scoringVersion()).isNull();
    }

    @Test
    void rolloutPastItsDeadlineRestoresThePreviousVersion() {
        FraudDetector fd = active("m1");
        fd.getSpec().getModel().setVersion("m2");
        Map<Component, DeploymentRollout> observed = allReady("m1");
        observed.put(Component.SCORING, DeploymentRollout.of(failed("m2")));

        Plan plan = RolloutPlanner.plan(fd, observed, RegistryCheck.found(Set.of()), NOW);

        assertThat(plan.scoringVersion()).isEqualTo("m1");
        assertThat(plan.status().getFailedModelVersion()).isEqualTo("m2");
        assertThat(reason(plan, Condition.DEGRADED)).isEqualTo("RolloutFailed");
        assertThat(reason(plan, Condition.MODEL_ROLLED_OUT)).isEqualTo("RolledBack");
        assertThat(RolloutPlanner.versionsToCheck(fd.getSpec().getModel(), plan.status()))
                .as("failed version not retried")
                .isEmpty();

        fd.setStatus(plan.status());
        Plan restored = RolloutPlanner.plan(fd, allReady("m1"), RegistryCheck.notAsked(), NOW.plusSeconds(30));
        assertThat(restored.scoringVersion()).isEqualTo("m1");
        assertThat(restored.status().condition(Condition.DEGRADED).orElseThrow().getMessage())
                .as("the reason outlives the failed pods")
                .contains("ProgressDeadlineExceeded", "restored model version m1");
    }

    @Test
    void unreachableRegistryKeepsWhatRuns() {
        FraudDetector fd = active("m1");
        fd.getSpec().getModel().setVersion("m2");
        Plan plan = RolloutPlanner.plan(
                fd, allReady("m1"), RegistryCheck.failed("RegistryUnavailable", "connection refused"), NOW);
        assertThat(plan.scoringVersion()).isEqualTo("m1");
        assertThat(reason(plan, Condition.MODEL_ROLLED_OUT)).isEqualTo("RegistryUnavailable");
    }

    private static FraudDetector active(String version) {
        FraudDetector fd = Detectors.detector(version);
        FraudDetectorStatus status = RolloutPlanner.plan(fd, allReady(version), RegistryCheck.notAsked(), NOW)
                .status();
        fd.setStatus(status);
        return fd;
    }

    private static Map<Component, DeploymentRollout> allReady(String version) {
        Map<Component, DeploymentRollout> observed = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            Deployment d = DesiredObjects.deployment(Detectors.detector(version), c, version);
            d.getMetadata().setGeneration(1L);
            d.setStatus(new DeploymentStatusBuilder()
                    .withObservedGeneration(1L)
                    .withReplicas(1)
                    .withUpdatedReplicas(1)
                    .withReadyReplicas(1)
                    .withAvailableReplicas(1)
                    .build());
            observed.put(c, DeploymentRollout.of(d));
        }
        return observed;
    }

    private static Deployment failed(String version) {
        Deployment d = DesiredObjects.deployment(Detectors.detector(version), Component.SCORING, version);
        d.getMetadata().setGeneration(2L);
        d.setStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(2L)
                .withReplicas(2)
                .withUpdatedReplicas(1)
                .withReadyReplicas(1)
                .withAvailableReplicas(1)
                .withConditions(new DeploymentConditionBuilder()
                        .withType("Progressing")
                        .withStatus("False")
                        .withReason("ProgressDeadlineExceeded")
                        .build())
                .build());
        return d;
    }

    private static String reason(Plan plan, String type) {
        return plan.status().condition(type).orElseThrow().getReason();
    }
}

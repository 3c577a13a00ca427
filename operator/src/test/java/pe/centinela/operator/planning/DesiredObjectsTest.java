package pe.centinela.operator.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pe.centinela.operator.crd.Component;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.crd.RetrainSpec;
import pe.centinela.operator.crd.SecretKeyReference;

class DesiredObjectsTest {

    @Test
    void everySettingInTheConfigMapIsOneThePlatformReads() {
        assertThat(DesiredObjects.settingsConfigMap(Detectors.detector("m1"))
                        .getData()
                        .keySet())
                .isSubsetOf(KnownSettings.environmentVariables())
                .doesNotContain(PlatformSettings.PASSWORD_ENV);
    }

    @Test
    void scoringPodsRunTheModelVersionAndTakeThePasswordFromTheSecret() {
        Container c = container(DesiredObjects.deployment(Detectors.detector("m1"), Component.SCORING, "m1"));
        assertThat(c.getArgs()).containsExactly("run", "--role", "scoring");
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("FRAUD_SCORING_MODEL_VERSION");
            assertThat(e.getValue()).isEqualTo("m1");
        });
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("FRAUD_POSTGRES_PASSWORD");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pg");
        });
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    }

    @Test
    void theRetrainingLoopsSettingsAndSigningKeyGoToTheAlertsPodsOnly() {
        FraudDetector fd = Detectors.detector("m1");
        RetrainSpec retrain = new RetrainSpec();
        retrain.setEvery("7d");
        retrain.setFamilies(java.util.List.of("gbdt", "dense"));
        retrain.setMinDecidedAlerts(40);
        retrain.setSigningKeySecret(new SecretKeyReference("retrain-signing", "private.pem"));
        fd.getSpec().setRetrain(retrain);
        Deployment alerts = DesiredObjects.deployment(fd, Component.ALERTS, "m1");
        Container c = container(alerts);
        assertThat(c.getEnv())
                .extracting(e -> e.getName())
                .contains("FRAUD_RETRAIN_EVERY", "FRAUD_RETRAIN_FAMILIES", "FRAUD_RETRAIN_SIGNING_KEY")
                .filteredOn(name -> name.startsWith("FRAUD_RETRAIN_"))
                .isSubsetOf(KnownSettings.environmentVariables());
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("FRAUD_RETRAIN_SIGNING_KEY");
            assertThat(e.getValue()).isEqualTo(PlatformSettings.RETRAIN_KEY_DIR + "/private.pem");
        });
        assertThat(c.getEnv())
                .anySatisfy(e ->
                        assertThat(e.getName() + "=" + e.getValue()).isEqualTo("FRAUD_RETRAIN_FAMILIES=gbdt,dense"));
        assertThat(c.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(PlatformSettings.RETRAIN_KEY_DIR));
        assertThat(alerts.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(
                                v.getSecret() == null ? null : v.getSecret().getSecretName())
                        .isEqualTo("retrain-signing"));
        for (Component other : new Component[] {Component.SCORING, Component.INGEST}) {
            Deployment d = DesiredObjects.deployment(fd, other, "m1");
            assertThat(container(d).getEnv()).noneMatch(e -> e.getName().startsWith("FRAUD_RETRAIN_"));
            assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
                    .noneMatch(v -> v.getName().equals("retrain-key"));
        }
        assertThat(DesiredObjects.settingsConfigMap(fd).getData().keySet())
                .noneMatch(name -> name.startsWith("FRAUD_RETRAIN_"));
    }

    @Test
    void containersAreRestricted() {
        Container c = container(DesiredObjects.deployment(Detectors.detector("m1"), Component.ALERTS, "m1"));
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void thresholdsChangeTheRuntimeFileButNotThePodTemplate() {
        FraudDetector fd = Detectors.detector("m1");
        Deployment before = DesiredObjects.deployment(fd, Component.SCORING, "m1");
        String runtimeBefore =
                DesiredObjects.runtimeConfigMap(fd, Set.of()).getData().get("runtime.properties");
        fd.getSpec().getModel().setAlertThreshold(0.95);
        fd.getSpec().getModel().setShadowVersion("m2");

        assertThat(DesiredObjects.deployment(fd, Component.SCORING, "m1")).isEqualTo(before);
        assertThat(DesiredObjects.runtimeConfigMap(fd, Set.of()).getData().get("runtime.properties"))
                .isNotEqualTo(runtimeBefore)
                .contains("scoring.alert-threshold=0.95", "scoring.shadow-version=m2");
    }

    @Test
    void staticSettingsChangeTheConfigHashSoPodsRoll() {
        FraudDetector fd = Detectors.detector("m1");
        String before = hash(DesiredObjects.deployment(fd, Component.INGEST, "m1"));
        fd.getSpec().getKafka().setBootstrapServers("other:9092");
        assertThat(hash(DesiredObjects.deployment(fd, Component.INGEST, "m1"))).isNotEqualTo(before);
    }

    @Test
    void refusedShadowVersionIsLeftOutOfTheRuntimeFile() {
        FraudDetector fd = Detectors.detector("m1");
        fd.getSpec().getModel().setShadowVersion("ghost");
        assertThat(DesiredObjects.runtimeConfigMap(fd, Set.of("ghost"))
                        .getData()
                        .get("runtime.properties"))
                .contains("scoring.shadow-version=\n");
    }

    private static Container container(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static String hash(Deployment d) {
        return d.getSpec().getTemplate().getMetadata().getAnnotations().get(DesiredObjects.CONFIG_HASH_ANNOTATION);
    }
}

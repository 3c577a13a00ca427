package pe.centinela.operator.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pe.centinela.operator.crd.Component;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.crd.KafkaSecuritySpec;
import pe.centinela.operator.crd.SecretKeyReference;

/** TLS to PostgreSQL and SASL_SSL to Kafka from the spec: settings in the ConfigMap, passwords and certificates from Secrets. */
class EncryptedConnectionSettingsTest {

    private static FraudDetector encrypted() {
        FraudDetector fd = Detectors.detector("m1");
        fd.getSpec().getPostgres().setSslMode("verify-full");
        fd.getSpec().getPostgres().setSslRootCertSecret(new SecretKeyReference("pg-ca", "ca.crt"));
        KafkaSecuritySpec kafka = new KafkaSecuritySpec();
        kafka.setProtocol("SASL_SSL");
        kafka.setUser("centinela");
        kafka.setPasswordSecret(new SecretKeyReference("kafka-user", "password"));
        kafka.setTruststoreSecret(new SecretKeyReference("kafka-ca", "ca.p12"));
        kafka.setTruststorePasswordSecret(new SecretKeyReference("kafka-ca", "ca.password"));
        fd.getSpec().getKafka().setSecurity(kafka);
        return fd;
    }

    @Test
    void theConfigMapNamesTheModesAndTheMountedFilesButHoldsNoPassword() {
        Map<String, String> data = DesiredObjects.settingsConfigMap(encrypted()).getData();
        assertThat(data)
                .containsEntry("FRAUD_POSTGRES_SSL_MODE", "verify-full")
                .containsEntry("FRAUD_POSTGRES_SSL_ROOT_CERT", "/etc/centinela/postgres-ca/ca.crt")
                .containsEntry("FRAUD_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("FRAUD_KAFKA_SASL_USER", "centinela")
                .containsEntry("FRAUD_KAFKA_SSL_TRUSTSTORE_FILE", "/etc/centinela/kafka-truststore/ca.p12")
                .doesNotContainKeys(
                        PlatformSettings.KAFKA_PASSWORD_ENV,
                        PlatformSettings.TRUSTSTORE_PASSWORD_ENV,
                        PlatformSettings.PASSWORD_ENV);
        assertThat(data.keySet()).isSubsetOf(KnownSettings.environmentVariables());
    }

    @Test
    void podsTakeTheKafkaPasswordsFromSecretsAndMountTheCertificates() {
        PodSpec pod = DesiredObjects.deployment(encrypted(), Component.INGEST, "m1")
                .getSpec()
                .getTemplate()
                .getSpec();
        Container c = pod.getContainers().get(0);
        assertThat(c.getEnv())
                .filteredOn(e -> e.getName().equals("FRAUD_KAFKA_SASL_PASSWORD"))
                .singleElement()
                .satisfies(e -> assertSecret(e, "kafka-user", "password"));
        assertThat(c.getEnv())
                .filteredOn(e -> e.getName().equals("FRAUD_KAFKA_SSL_TRUSTSTORE_PASSWORD"))
                .singleElement()
                .satisfies(e -> assertSecret(e, "kafka-ca", "ca.password"));
        assertThat(c.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/centinela/postgres-ca"))
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/centinela/kafka-truststore"));
        assertThat(pod.getVolumes())
                .filteredOn(v -> v.getSecret() != null)
                .extracting(v -> v.getSecret().getSecretName())
                .containsExactlyInAnyOrder("pg-ca", "kafka-ca");
    }

    @Test
    void withoutSecuritySettingsPostgresIsNotEncryptedAndNothingIsMounted() {
        FraudDetector plain = Detectors.detector("m1");
        assertThat(DesiredObjects.settingsConfigMap(plain).getData())
                .containsEntry("FRAUD_POSTGRES_SSL_MODE", "disable")
                .doesNotContainKey("FRAUD_KAFKA_SECURITY_PROTOCOL");
        assertThat(DesiredObjects.deployment(plain, Component.INGEST, "m1")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getVolumes())
                .noneSatisfy(v -> assertThat(v.getSecret()).isNotNull());
    }

    private static void assertSecret(EnvVar e, String name, String key) {
        assertThat(e.getValue()).isNull();
        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(name);
        assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(key);
    }
}

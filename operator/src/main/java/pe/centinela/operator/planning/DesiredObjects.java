package pe.centinela.operator.planning;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pe.centinela.operator.crd.Component;
import pe.centinela.operator.crd.ComponentSpec;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.crd.FraudDetectorSpec;
import pe.centinela.operator.crd.KafkaSecuritySpec;
import pe.centinela.operator.crd.SecretKeyReference;

/** The objects a FraudDetector owns, as they should be: pure functions of the resource and the rollout plan. */
public final class DesiredObjects {

    public static final String CONFIG_HASH_ANNOTATION = "centinela.pe/config-hash";
    public static final String DEFAULT_PROGRESS_DEADLINE_SECONDS = "600";
    private static final long USER_ID = 10001L;

    private DesiredObjects() {}

    public static ConfigMap settingsConfigMap(FraudDetector fd) {
        return new ConfigMapBuilder()
                .withMetadata(Names.metadata(fd, Names.settingsConfigMap(fd), null))
                .withData(PlatformSettings.environment(fd.getSpec()))
                .build();
    }

    public static ConfigMap runtimeConfigMap(FraudDetector fd, Set<String> refusedVersions) {
        return new ConfigMapBuilder()
                .withMetadata(Names.metadata(fd, Names.runtimeConfigMap(fd), null))
                .withData(Map.of(
                        PlatformSettings.RUNTIME_FILE_NAME,
                        PlatformSettings.runtimeProperties(fd.getSpec().getModel(), refusedVersions),
                        RuleDeclarations.FILE_NAME,
                        RuleDeclarations.file(
                                RuleDeclarations.check(fd.getSpec().getRules()).accepted())))
                .build();
    }

    public static Service alertsService(FraudDetector fd) {
        return new ServiceBuilder()
                .withMetadata(Names.metadata(fd, Names.alertsService(fd), Component.ALERTS))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(Names.selector(fd, Component.ALERTS))
                .addNewPort()
                .withName("http")
                .withPort(PlatformSettings.HTTP_PORT)
                .withTargetPort(new IntOrString("http"))
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }

    /**
     * One component's Deployment. {@code modelVersion} goes into the scoring pods' environment, so a new version
     * rolls them; the hash of the static settings rolls every component when those change.
     */
    public static Deployment deployment(FraudDetector fd, Component component, String modelVersion) {
        FraudDetectorSpec spec = fd.getSpec();
        ComponentSpec size = spec.component(component);
        String configHash = PlatformSettings.hash(PlatformSettings.environment(spec));
        return new DeploymentBuilder()
                .withMetadata(Names.metadata(fd, Names.deployment(fd, component), component))
                .withNewSpec()
                .withReplicas(size.replicas())
                .withProgressDeadlineSeconds(progressDeadline(fd, component))
                .withNewSelector()
                .withMatchLabels(Names.selector(fd, component))
                .endSelector()
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0))
                .withMaxSurge(new IntOrString(1))
                .endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Names.labels(fd, component))
                .withAnnotations(Map.of(CONFIG_HASH_ANNOTATION, configHash))
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(USER_ID)
                .withRunAsGroup(USER_ID)
                .withFsGroup(USER_ID)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(fd, component, modelVersion))
                .withVolumes(volumes(fd, component))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The model version a scoring Deployment's pods run, or null. */
    public static String modelVersionOf(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty() : c.getEnv().stream())
                .filter(e -> PlatformSettings.MODEL_VERSION_ENV.equals(e.getName()))
                .map(EnvVar::getValue)
                .findFirst()
                .orElse(null);
    }

    private static int progressDeadline(FraudDetector fd, Component component) {
        Integer timeout = fd.getSpec().getModel().getRolloutTimeoutSeconds();
        return component == Component.SCORING && timeout != null
                ? timeout
                : Integer.parseInt(DEFAULT_PROGRESS_DEADLINE_SECONDS);
    }

    private static Container container(FraudDetector fd, Component component, String modelVersion) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder()
                .withName(PlatformSettings.PASSWORD_ENV)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(fd.getSpec().getPostgres().getPasswordSecret().getName())
                .withKey(fd.getSpec().getPostgres().getPasswordSecret().getKey())
                .endSecretKeyRef()
                .endValueFrom()
                .build());
        KafkaSecuritySpec kafka = fd.getSpec().getKafka().getSecurity();
        if (kafka != null) {
            secretEnv(env, PlatformSettings.KAFKA_PASSWORD_ENV, kafka.getPasswordSecret());
            secretEnv(env, PlatformSettings.TRUSTSTORE_PASSWORD_ENV, kafka.getTruststorePasswordSecret());
        }
        if (component == Component.ALERTS) {
            PlatformSettings.retrainEnvironment(fd.getSpec())
                    .forEach((name, value) -> env.add(
                            new EnvVarBuilder().withName(name).withValue(value).build()));
        }
        if (component == Component.SCORING) {
            env.add(new EnvVarBuilder()
                    .withName(PlatformSettings.MODEL_VERSION_ENV)
                    .withValue(modelVersion)
                    .build());
        }
        return new ContainerBuilder()
                .withName(component.role())
                .withImage(fd.getSpec().getImage())
                .withArgs("run", "--role", component.role())
                .addNewPort()
                .withName("http")
                .withContainerPort(PlatformSettings.HTTP_PORT)
                .withProtocol("TCP")
                .endPort()
                .addNewEnvFrom()
                .withNewConfigMapRef()
                .withName(Names.settingsConfigMap(fd))
                .endConfigMapRef()
                .endEnvFrom()
                .withEnv(env)
                .withResources(fd.getSpec().component(component).getResources())
                .withReadinessProbe(probe("/ready", 5, 3))
                .withLivenessProbe(probe("/health", 10, 3))
                .withStartupProbe(probe("/health", 5, 60))
                .withVolumeMounts(volumeMounts(fd, component))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .build();
    }

    private static void secretEnv(List<EnvVar> env, String name, SecretKeyReference secret) {
        if (secret != null) {
            env.add(new EnvVarBuilder()
                    .withName(name)
                    .withNewValueFrom()
                    .withNewSecretKeyRef()
                    .withName(secret.getName())
                    .withKey(secret.getKey())
                    .endSecretKeyRef()
                    .endValueFrom()
                    .build());
        }
    }

    /** The Secret keys mounted as files (certificate authorities, truststores), by volume name. */
    private static Map<String, SecretKeyReference> secretFiles(FraudDetector fd) {
        Map<String, SecretKeyReference> files = new java.util.LinkedHashMap<>();
        if (fd.getSpec().getPostgres().getSslRootCertSecret() != null) {
            files.put("postgres-ca", fd.getSpec().getPostgres().getSslRootCertSecret());
        }
        KafkaSecuritySpec kafka = fd.getSpec().getKafka().getSecurity();
        if (kafka != null && kafka.getTruststoreSecret() != null) {
            files.put("kafka-truststore", kafka.getTruststoreSecret());
        }
        return files;
    }

    private static String secretFileDir(String volume) {
        return volume.equals("postgres-ca") ? PlatformSettings.POSTGRES_CA_DIR : PlatformSettings.KAFKA_TRUSTSTORE_DIR;
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withPort(new IntOrString("http"))
                .endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    private static List<VolumeMount> volumeMounts(FraudDetector fd, Component component) {
        List<VolumeMount> mounts = new ArrayList<>();
        secretFiles(fd)
                .keySet()
                .forEach(volume -> mounts.add(new VolumeMountBuilder()
                        .withName(volume)
                        .withMountPath(secretFileDir(volume))
                        .withReadOnly(true)
                        .build()));
        mounts.add(new VolumeMountBuilder()
                .withName("runtime")
                .withMountPath(PlatformSettings.RUNTIME_DIR)
                .withReadOnly(true)
                .build());
        mounts.add(
                new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        if (component == Component.SCORING) {
            mounts.add(new VolumeMountBuilder()
                    .withName("models")
                    .withMountPath(PlatformSettings.MODEL_DIR)
                    .build());
        }
        if (component == Component.ALERTS && fd.getSpec().getRetrain() != null) {
            mounts.add(new VolumeMountBuilder()
                    .withName("retrain-key")
                    .withMountPath(PlatformSettings.RETRAIN_KEY_DIR)
                    .withReadOnly(true)
                    .build());
        }
        return mounts;
    }

    private static List<Volume> volumes(FraudDetector fd, Component component) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder()
                .withName("runtime")
                .withNewConfigMap()
                .withName(Names.runtimeConfigMap(fd))
                .endConfigMap()
                .build());
        volumes.add(new VolumeBuilder()
                .withName("tmp")
                .withNewEmptyDir()
                .endEmptyDir()
                .build());
        secretFiles(fd)
                .forEach((volume, secret) -> volumes.add(new VolumeBuilder()
                        .withName(volume)
                        .withNewSecret()
                        .withSecretName(secret.getName())
                        .addNewItem()
                        .withKey(secret.getKey())
                        .withPath(secret.getKey())
                        .endItem()
                        .endSecret()
                        .build()));
        if (component == Component.SCORING) {
            volumes.add(new VolumeBuilder()
                    .withName("models")
                    .withNewEmptyDir()
                    .endEmptyDir()
                    .build());
        }
        SecretKeyReference retrainKey = fd.getSpec().getRetrain() == null
                ? null
                : fd.getSpec().getRetrain().getSigningKeySecret();
        if (component == Component.ALERTS && retrainKey != null) {
            volumes.add(new VolumeBuilder()
                    .withName("retrain-key")
                    .withNewSecret()
                    .withSecretName(retrainKey.getName())
                    .withDefaultMode(0400)
                    .addNewItem()
                    .withKey(retrainKey.getKey())
                    .withPath(retrainKey.getKey())
                    .endItem()
                    .endSecret()
                    .build());
        }
        return volumes;
    }
}

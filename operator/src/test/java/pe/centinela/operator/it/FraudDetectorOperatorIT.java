package pe.centinela.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pe.centinela.core.signing.SigningKeys;
import pe.centinela.operator.crd.CanarySpec;
import pe.centinela.operator.crd.Component;
import pe.centinela.operator.crd.ComponentSpec;
import pe.centinela.operator.crd.Condition;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.crd.FraudDetectorSpec;
import pe.centinela.operator.crd.FraudDetectorStatus;
import pe.centinela.operator.crd.KafkaSpec;
import pe.centinela.operator.crd.ModelSpec;
import pe.centinela.operator.crd.NetworkPolicySpec;
import pe.centinela.operator.crd.PostgresSpec;
import pe.centinela.operator.crd.SecretKeyReference;
import pe.centinela.operator.crd.TopicsSpec;
import pe.centinela.operator.planning.DesiredObjects;

/**
 * The chart installed with helm into a real kube-apiserver, the operator jar running as the chart's ServiceAccount,
 * and a real PostgreSQL model registry. The tests play the kubelet and the Deployment controller by writing
 * Deployment status: ready pods, or a rollout that exceeded its progress deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FraudDetectorOperatorIT {

    private static final String OPERATOR_NAMESPACE = "centinela-system";
    private static final String RELEASE = "centinela";
    private static final String SERVICE_ACCOUNT = "centinela-fraud-detector";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String SCHEMA_NAMESPACE = "schema";
    private static final String TAMPERED = "m-tampered";
    /** The namespaces the chart is installed to watch: the operator gets a Role in each and no ClusterRole. */
    private static final List<String> WATCHED = List.of(
            "apply",
            "rules",
            "rollout",
            "rollback",
            "registry",
            "first-refused",
            "checksum",
            "delete",
            "image",
            "secrets-a",
            "network");
    /** Not watched: a Secret here must stay out of the operator's reach whatever a FraudDetector names. */
    private static final String OTHER_NAMESPACE = "secrets-b";

    private static final String ALLOWED_IMAGE = "ghcr.io/centinela/fraud:test";
    private static final String FOREIGN = "m-foreign";

    private KubeTestServer server;
    private ModelRegistryDatabase registry;
    private OperatorProcess operator;
    private KubernetesClient admin;

    @BeforeAll
    void startPlatform() throws Exception {
        server = KubeTestServer.start();
        admin = server.adminClient();
        for (String ns : WATCHED) {
            createNamespace(ns);
        }
        createNamespace(SCHEMA_NAMESPACE);
        createNamespace(OTHER_NAMESPACE);
        Helm.run(
                "install",
                RELEASE,
                Helm.CHART.toString(),
                "--namespace",
                OPERATOR_NAMESPACE,
                "--create-namespace",
                "--set",
                "operator.watchNamespaces=" + String.join("\\,", WATCHED),
                "--kubeconfig",
                server.kubeconfig().toString());
        registry = ModelRegistryDatabase.start();
        for (String version : List.of("m1", "m2", "m3", "shadow-1")) {
            registry.publish(version);
        }
        registry.publishTampered(TAMPERED);
        registry.publishSignedBy(FOREIGN, SigningKeys.generate().getPrivate());
        operator = OperatorProcess.start(server, OPERATOR_NAMESPACE, SERVICE_ACCOUNT, chartOperatorEnv());
    }

    @AfterAll
    void stopPlatform() throws Exception {
        if (operator != null) {
            operator.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Map<String, String> chartOperatorEnv() {
        return operatorDeployment().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private Deployment operatorDeployment() {
        return admin.apps()
                .deployments()
                .inNamespace(OPERATOR_NAMESPACE)
                .withName(RELEASE + "-fraud-detector-operator")
                .get();
    }

    @Test
    void helmInstallsTheCrdTheOperatorAndItsLeastPrivilegeRbac() {
        assertThat(admin.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("frauddetectors.centinela.pe")
                        .get())
                .isNotNull();
        assertThat(operatorDeployment().getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(SERVICE_ACCOUNT);
        try (KubernetesClient asOperator = server.clientAs(OPERATOR_NAMESPACE, SERVICE_ACCOUNT)) {
            assertThat(asOperator
                            .apps()
                            .deployments()
                            .inNamespace("apply")
                            .list()
                            .getItems())
                    .isNotNull();
            assertThat(asOperator
                            .network()
                            .v1()
                            .networkPolicies()
                            .inNamespace("apply")
                            .list()
                            .getItems())
                    .isNotNull();
            assertForbidden(
                    () -> asOperator.apps().deployments().inAnyNamespace().list());
            assertForbidden(() ->
                    asOperator.apps().deployments().inNamespace(OTHER_NAMESPACE).list());
            assertForbidden(() -> asOperator
                    .secrets()
                    .inNamespace(OTHER_NAMESPACE)
                    .withName("postgres")
                    .get());
            assertForbidden(() -> asOperator.secrets().inAnyNamespace().list());
            assertForbidden(() -> asOperator.secrets().inNamespace("apply").list());
            assertForbidden(() -> asOperator.pods().inNamespace("apply").list());
        }
        assertThat(admin.rbac().clusterRoleBindings().list().getItems())
                .noneMatch(b -> b.getSubjects() != null
                        && b.getSubjects().stream().anyMatch(sub -> SERVICE_ACCOUNT.equals(sub.getName())));
    }

    private static void assertForbidden(org.assertj.core.api.ThrowableAssert.ThrowingCallable request) {
        assertThatThrownBy(request)
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e ->
                        assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
    }

    /** Last, once every other test has driven the operator: its role allowed each of its requests. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theOperatorWasNeverForbidden() throws Exception {
        List<KubeTestServer.AuditedRequest> requests = server.requestsBy(
                "system:serviceaccount:" + OPERATOR_NAMESPACE + ":" + SERVICE_ACCOUNT, KubeTestServer.PROBE_USER_AGENT);
        Set<String> used = requests.stream()
                .map(KubeTestServer.AuditedRequest::permission)
                .collect(Collectors.toCollection(TreeSet::new));
        System.out.println("The operator's requests, by permission: " + used);
        assertThat(requests).as("the operator's requests").isNotEmpty();
        assertThat(requests)
                .filteredOn(r -> r.code() == 403)
                .as("requests its role refused")
                .isEmpty();
        assertThat(requests)
                .filteredOn(r -> r.resource().equals("secrets"))
                .as("its Secret reads")
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.verb()).isEqualTo("get");
                    assertThat(r.uri())
                            .matches("/api/v1/namespaces/(" + String.join("|", WATCHED) + ")/secrets/[a-z0-9.-]+");
                });
    }

    @Test
    void applyCreatesOwnedObjectsAndBecomesReady() throws Exception {
        String ns = namespace("apply");
        FraudDetector fd = apply(ns, detector("fraud", "m1"));

        for (Component c : Component.values()) {
            Deployment d = awaitDeployment(ns, "fraud-" + c.role());
            assertThat(d.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(o ->
                            assertThat(o.getUid()).isEqualTo(fd.getMetadata().getUid()));
            assertThat(d.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getArgs())
                    .containsExactly("run", "--role", c.role());
        }
        assertThat(DesiredObjects.modelVersionOf(deployment(ns, "fraud-scoring").get()))
                .isEqualTo("m1");
        awaitStatus(ns, "fraud", s -> assertThat(s.getRolloutModelVersion()).isEqualTo("m1"));
        ConfigMap settings =
                admin.configMaps().inNamespace(ns).withName("fraud-settings").get();
        assertThat(settings.getData())
                .containsEntry("FRAUD_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .doesNotContainKey("FRAUD_POSTGRES_PASSWORD");
        assertThat(admin.configMaps()
                        .inNamespace(ns)
                        .withName("fraud-runtime")
                        .get()
                        .getData()
                        .get("runtime.properties"))
                .contains("scoring.alert-threshold=0.8");
        Service service =
                admin.services().inNamespace(ns).withName("fraud-alerts").get();
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
        NetworkPolicy policy = admin.network()
                .v1()
                .networkPolicies()
                .inNamespace(ns)
                .withName("fraud-platform")
                .get();
        assertThat(policy.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        o -> assertThat(o.getUid()).isEqualTo(fd.getMetadata().getUid()));
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom())
                    .as("by default, pods of the same namespace only")
                    .singleElement()
                    .satisfies(peer -> assertThat(peer.getPodSelector()).isNotNull());
            assertThat(rule.getFrom().get(0).getNamespaceSelector()).isNull();
        });

        markAllReady(ns);
        FraudDetectorStatus status = awaitStatus(ns, "fraud", s -> {
            assertThat(condition(s, Condition.READY).isTrue()).as("Ready").isTrue();
            assertThat(condition(s, Condition.MODEL_ROLLED_OUT).getReason()).isEqualTo("RolledOut");
        });
        assertThat(status.getActiveModelVersion()).isEqualTo("m1");
        assertThat(status.getReadyReplicas().getScoring()).isEqualTo(1);
        assertThat(status.getObservedGeneration()).isEqualTo(fd.getMetadata().getGeneration());
        assertThat(condition(status, Condition.DEGRADED).isTrue()).isFalse();
    }

    @Test
    void declaredRulesReachTheRuntimeConfigMapAndTheRefusedOnesTheStatus() throws Exception {
        String ns = namespace("rules");
        FraudDetector fd = detector("fraud", "m1");
        fd.getSpec()
                .setRules(java.util.List.of(
                        rule(
                                "billetera_nocturna",
                                "channel == \"wallet\" && new_counterparty && amount_pen > 3000 && hour_lima < 6",
                                "active"),
                        rule("sombra_monto", "amount_pen > 10000", "shadow"),
                        rule("mal_escrita", "amount_pen > \"mil\"", "active")));
        apply(ns, fd);
        FraudDetectorStatus status =
                awaitStatus(ns, "fraud", s -> assertThat(s.getRulesInForce()).isEqualTo(2));
        assertThat(status.getRulesRefused()).singleElement().satisfies(refused -> {
            assertThat(refused.getId()).isEqualTo("mal_escrita");
            assertThat(refused.getReason()).contains("line 1, column");
        });
        String file = admin.configMaps()
                .inNamespace(ns)
                .withName("fraud-runtime")
                .get()
                .getData()
                .get("rules.yaml");
        assertThat(pe.centinela.core.rules.RuleFile.parse(file, "rules.yaml"))
                .extracting(pe.centinela.core.rules.Rule::id)
                .containsExactly("billetera_nocturna", "sombra_monto");
        assertThat(admin.configMaps()
                        .inNamespace(ns)
                        .withName("fraud-settings")
                        .get()
                        .getData())
                .containsEntry("FRAUD_SCORING_RULES_FILE", "/etc/centinela/runtime/rules.yaml");
    }

    private static pe.centinela.operator.crd.RuleSpec rule(String id, String expression, String status) {
        pe.centinela.operator.crd.RuleSpec rule = new pe.centinela.operator.crd.RuleSpec();
        rule.setId(id);
        rule.setExpression(expression);
        rule.setOutcome("decline");
        rule.setStatus(status);
        rule.setDescriptionEs("Regla " + id);
        rule.setDescriptionEn("Rule " + id);
        return rule;
    }

    @Test
    void newModelVersionRollsOutWhileThresholdsChangeWithoutRestart() throws Exception {
        String ns = namespace("rollout");
        apply(ns, detector("fraud", "m1"));
        readyAt(ns, "m1");
        Deployment before = deployment(ns, "fraud-scoring").get();

        edit(ns, "fraud", fd -> {
            fd.getSpec().getModel().setAlertThreshold(0.9);
            fd.getSpec().getModel().setShadowVersion("shadow-1");
        });
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(admin.configMaps()
                                .inNamespace(ns)
                                .withName("fraud-runtime")
                                .get()
                                .getData()
                                .get("runtime.properties"))
                        .contains("scoring.alert-threshold=0.9", "scoring.shadow-version=shadow-1"));
        awaitStatus(
                ns,
                "fraud",
                s -> assertThat(condition(s, Condition.MODEL_ROLLED_OUT).isTrue())
                        .isTrue());
        assertThat(deployment(ns, "fraud-scoring").get().getMetadata().getGeneration())
                .as("a threshold change must not touch the pod template")
                .isEqualTo(before.getMetadata().getGeneration());

        edit(ns, "fraud", fd -> fd.getSpec().getModel().setVersion("m2"));
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(DesiredObjects.modelVersionOf(
                                deployment(ns, "fraud-scoring").get()))
                        .isEqualTo("m2"));
        Deployment rolling = deployment(ns, "fraud-scoring").get();
        assertThat(rolling.getSpec().getTemplate().getMetadata().getAnnotations())
                .isEqualTo(before.getSpec().getTemplate().getMetadata().getAnnotations());
        awaitStatus(ns, "fraud", s -> {
            assertThat(condition(s, Condition.MODEL_ROLLED_OUT).getReason()).isEqualTo("RollingOut");
            assertThat(s.getRolloutModelVersion()).isEqualTo("m2");
        });

        markReady(ns, "fraud-scoring");
        FraudDetectorStatus status = awaitStatus(
                ns, "fraud", s -> assertThat(s.getActiveModelVersion()).isEqualTo("m2"));
        assertThat(status.getPreviousModelVersion()).isEqualTo("m1");
        assertThat(condition(status, Condition.MODEL_ROLLED_OUT).isTrue()).isTrue();
        assertThat(status.getRolloutModelVersion()).isNull();
    }

    @Test
    void failedRolloutRestoresThePreviousVersionAndReportsDegraded() throws Exception {
        String ns = namespace("rollback");
        apply(ns, detector("fraud", "m1"));
        readyAt(ns, "m1");

        edit(ns, "fraud", fd -> fd.getSpec().getModel().setVersion("m3"));
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(DesiredObjects.modelVersionOf(
                                deployment(ns, "fraud-scoring").get()))
                        .isEqualTo("m3"));
        markDeadlineExceeded(ns, "fraud-scoring");

        FraudDetectorStatus status = awaitStatus(ns, "fraud", s -> {
            assertThat(condition(s, Condition.DEGRADED).isTrue()).as("Degraded").isTrue();
            assertThat(condition(s, Condition.DEGRADED).getReason()).isEqualTo("RolloutFailed");
        });
        assertThat(DesiredObjects.modelVersionOf(deployment(ns, "fraud-scoring").get()))
                .isEqualTo("m1");
        assertThat(status.getActiveModelVersion()).isEqualTo("m1");
        assertThat(status.getFailedModelVersion()).isEqualTo("m3");
        assertThat(condition(status, Condition.MODEL_ROLLED_OUT).getReason()).isEqualTo("RolledBack");
        assertThat(condition(status, Condition.DEGRADED).getMessage())
                .contains("m3", "ProgressDeadlineExceeded", "restored model version m1");

        edit(ns, "fraud", fd -> fd.getSpec().getModel().setVersion("m2"));
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(DesiredObjects.modelVersionOf(
                                deployment(ns, "fraud-scoring").get()))
                        .isEqualTo("m2"));
        markReady(ns, "fraud-scoring");
        FraudDetectorStatus recovered = awaitStatus(
                ns, "fraud", s -> assertThat(s.getActiveModelVersion()).isEqualTo("m2"));
        assertThat(condition(recovered, Condition.DEGRADED).isTrue()).isFalse();
    }

    @Test
    void modelVersionMissingFromTheRegistryIsRefused() throws Exception {
        String ns = namespace("registry");
        apply(ns, detector("fresh", "no-such-model"));
        FraudDetectorStatus fresh = awaitStatus(
                ns,
                "fresh",
                s -> assertThat(condition(s, Condition.MODEL_ROLLED_OUT).getReason())
                        .isEqualTo("ModelNotInRegistry"));
        assertThat(condition(fresh, Condition.MODEL_ROLLED_OUT).getMessage())
                .contains("no-such-model", "not in the model registry");
        awaitDeployment(ns, "fresh-ingest");
        assertThat(deployment(ns, "fresh-scoring").get())
                .as("no scoring without a model")
                .isNull();

        apply(ns, detector("fraud", "m1"));
        readyAt(ns, "m1");
        edit(ns, "fraud", fd -> {
            fd.getSpec().getModel().setVersion("m9");
            CanarySpec canary = new CanarySpec();
            canary.setVersion("canary-missing");
            canary.setShare(0.1);
            fd.getSpec().getModel().setCanary(canary);
        });
        FraudDetectorStatus status = awaitStatus(
                ns,
                "fraud",
                s -> assertThat(condition(s, Condition.MODEL_ROLLED_OUT).getReason())
                        .isEqualTo("ModelNotInRegistry"));
        assertThat(condition(status, Condition.MODEL_ROLLED_OUT).getMessage()).contains("m9", "still serving m1");
        assertThat(condition(status, Condition.DEGRADED).getMessage()).contains("canary-missing");
        assertThat(DesiredObjects.modelVersionOf(deployment(ns, "fraud-scoring").get()))
                .isEqualTo("m1");
        assertThat(admin.configMaps()
                        .inNamespace(ns)
                        .withName("fraud-runtime")
                        .get()
                        .getData()
                        .get("runtime.properties"))
                .contains("scoring.canary-version=\n");
    }

    @Test
    void firstRolloutReplacedByAVersionMissingFromTheRegistryRemovesTheScoringDeployment() throws Exception {
        String ns = namespace("first-refused");
        apply(ns, detector("fraud", "m1"));
        awaitDeployment(ns, "fraud-scoring");

        edit(ns, "fraud", fd -> fd.getSpec().getModel().setVersion("no-such-model"));
        FraudDetectorStatus status = awaitStatus(
                ns,
                "fraud",
                s -> assertThat(condition(s, Condition.MODEL_ROLLED_OUT).getReason())
                        .isEqualTo("ModelNotInRegistry"));
        assertThat(condition(status, Condition.MODEL_ROLLED_OUT).getMessage()).contains("no model is served yet");
        await("the scoring Deployment removed")
                .atMost(DEADLINE)
                .until(() -> deployment(ns, "fraud-scoring").get() == null);
        assertThat(deployment(ns, "fraud-ingest").get()).isNotNull();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidSpecs")
    void invalidSpecsAreRejectedByTheSchema(String field, String change, Consumer<FraudDetectorSpec> invalidate) {
        FraudDetector fd = detector("invalid", "m1");
        invalidate.accept(fd.getSpec());
        fd.getMetadata().setNamespace(SCHEMA_NAMESPACE);
        assertThatThrownBy(() -> admin.resource(fd).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> {
                    assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(field);
                });
    }

    Stream<Arguments> invalidSpecs() {
        return Stream.of(
                invalid("spec.image", "missing", s -> s.setImage(null)),
                invalid("spec.model", "missing", s -> s.setModel(null)),
                invalid("spec.kafka", "missing", s -> s.setKafka(null)),
                invalid("spec.postgres", "missing", s -> s.setPostgres(null)),
                invalid("spec.model.version", "missing", s -> s.getModel().setVersion(null)),
                invalid("spec.model.version", "empty", s -> s.getModel().setVersion("")),
                invalid("spec.model.version", "a path", s -> s.getModel().setVersion("../m1")),
                invalid(
                        "spec.model.version",
                        "starting with a dot",
                        s -> s.getModel().setVersion(".m1")),
                invalid(
                        "spec.model.version",
                        "129 characters",
                        s -> s.getModel().setVersion("m".repeat(129))),
                invalid(
                        "spec.model.shadowVersion",
                        "with a space",
                        s -> s.getModel().setShadowVersion("shadow 1")),
                invalid(
                        "spec.model.alertThreshold",
                        "missing",
                        s -> s.getModel().setAlertThreshold(null)),
                invalid(
                        "spec.model.alertThreshold",
                        "above 1",
                        s -> s.getModel().setAlertThreshold(1.5)),
                invalid(
                        "spec.model.alertThreshold",
                        "below 0",
                        s -> s.getModel().setAlertThreshold(-0.1)),
                invalid(
                        "spec.model.reviewThreshold",
                        "above 1",
                        s -> s.getModel().setReviewThreshold(1.01)),
                invalid(
                        "spec.model.reviewThreshold",
                        "below 0",
                        s -> s.getModel().setReviewThreshold(-0.5)),
                invalid(
                        "spec.model.rolloutTimeoutSeconds",
                        "under 30",
                        s -> s.getModel().setRolloutTimeoutSeconds(29)),
                invalid("spec.model.canary.share", "below 0", s -> s.getModel().setCanary(canary("m2", -0.5))),
                invalid("spec.model.canary.share", "above 1", s -> s.getModel().setCanary(canary("m2", 1.5))),
                invalid("spec.model.canary.share", "missing", s -> s.getModel().setCanary(canary("m2", null))),
                invalid(
                        "spec.model.canary.version",
                        "missing",
                        s -> s.getModel().setCanary(canary(null, 0.1))),
                invalid(
                        "spec.model.canary.version",
                        "with a slash",
                        s -> s.getModel().setCanary(canary("m/2", 0.1))),
                invalid("spec.ingest.replicas", "below 0", s -> s.setIngest(replicas(-1))),
                invalid("spec.scoring.replicas", "above 100", s -> s.setScoring(replicas(101))),
                invalid("spec.alerts.replicas", "below 0", s -> s.setAlerts(replicas(-1))),
                invalid(
                        "spec.kafka.bootstrapServers",
                        "missing",
                        s -> s.getKafka().setBootstrapServers(null)),
                invalid(
                        "spec.kafka.bootstrapServers",
                        "empty",
                        s -> s.getKafka().setBootstrapServers("")),
                invalid("spec.kafka.topics.partitions", "0", s -> s.getKafka().setTopics(topics(0, null))),
                invalid(
                        "spec.kafka.topics.partitions",
                        "above 1024",
                        s -> s.getKafka().setTopics(topics(1025, null))),
                invalid(
                        "spec.kafka.topics.replicationFactor",
                        "0",
                        s -> s.getKafka().setTopics(topics(null, 0))),
                invalid(
                        "spec.kafka.topics.replicationFactor",
                        "above 16",
                        s -> s.getKafka().setTopics(topics(null, 17))),
                invalid("spec.postgres.host", "missing", s -> s.getPostgres().setHost(null)),
                invalid("spec.postgres.host", "empty", s -> s.getPostgres().setHost("")),
                invalid("spec.postgres.port", "0", s -> s.getPostgres().setPort(0)),
                invalid(
                        "spec.postgres.port",
                        "above 65535",
                        s -> s.getPostgres().setPort(65_536)),
                invalid(
                        "spec.postgres.passwordSecret",
                        "missing",
                        s -> s.getPostgres().setPasswordSecret(null)),
                invalid(
                        "spec.postgres.passwordSecret.name",
                        "empty",
                        s -> s.getPostgres().setPasswordSecret(new SecretKeyReference("", "password"))),
                invalid(
                        "spec.postgres.passwordSecret.key",
                        "missing",
                        s -> s.getPostgres().setPasswordSecret(new SecretKeyReference("postgres", null))),
                invalid(
                        "spec.postgres.passwordSecret.name",
                        "a path into another namespace",
                        s -> s.getPostgres()
                                .setPasswordSecret(new SecretKeyReference(
                                        "../../" + OTHER_NAMESPACE + "/secrets/postgres", "password"))),
                invalid(
                        "spec.postgres.passwordSecret.name",
                        "with a slash",
                        s -> s.getPostgres()
                                .setPasswordSecret(new SecretKeyReference(OTHER_NAMESPACE + "/postgres", "password"))),
                invalid(
                        "spec.postgres.passwordSecret.name",
                        "upper case",
                        s -> s.getPostgres().setPasswordSecret(new SecretKeyReference("Postgres", "password"))),
                invalid(
                        "spec.postgres.passwordSecret.key",
                        "with a slash",
                        s -> s.getPostgres().setPasswordSecret(new SecretKeyReference("postgres", "a/b"))));
    }

    private static Arguments invalid(String field, String change, Consumer<FraudDetectorSpec> invalidate) {
        return Arguments.of(field, change, invalidate);
    }

    private static CanarySpec canary(String version, Double share) {
        CanarySpec canary = new CanarySpec();
        canary.setVersion(version);
        canary.setShare(share);
        return canary;
    }

    private static ComponentSpec replicas(int replicas) {
        ComponentSpec component = new ComponentSpec();
        component.setReplicas(replicas);
        return component;
    }

    private static TopicsSpec topics(Integer partitions, Integer replicationFactor) {
        TopicsSpec topics = new TopicsSpec();
        topics.setPartitions(partitions);
        topics.setReplicationFactor(replicationFactor);
        return topics;
    }

    @Test
    void modelVersionWhoseBundleFailsItsChecksumIsRefusedAndTheActiveOneKept() throws Exception {
        String ns = namespace("checksum");
        apply(ns, detector("fraud", "m1"));
        readyAt(ns, "m1");

        edit(ns, "fraud", fd -> fd.getSpec().getModel().setVersion(TAMPERED));
        FraudDetectorStatus status = awaitStatus(
                ns,
                "fraud",
                s -> assertThat(condition(s, Condition.MODEL_ROLLED_OUT).getReason())
                        .isEqualTo("ChecksumMismatch"));
        assertThat(condition(status, Condition.MODEL_ROLLED_OUT).isTrue()).isFalse();
        assertThat(condition(status, Condition.MODEL_ROLLED_OUT).getMessage())
                .contains(TAMPERED, "sha256", "still serving m1");
        assertThat(status.getActiveModelVersion()).isEqualTo("m1");
        assertThat(status.getRolloutModelVersion()).isNull();
        assertThat(DesiredObjects.modelVersionOf(deployment(ns, "fraud-scoring").get()))
                .isEqualTo("m1");

        edit(ns, "fraud", fd -> fd.getSpec().getModel().setShadowVersion(TAMPERED));
        edit(ns, "fraud", fd -> fd.getSpec().getModel().setVersion("m1"));
        FraudDetectorStatus shadowRefused = awaitStatus(
                ns,
                "fraud",
                s -> assertThat(condition(s, Condition.DEGRADED).getReason()).isEqualTo("ChecksumMismatch"));
        assertThat(condition(shadowRefused, Condition.MODEL_ROLLED_OUT).getReason())
                .isEqualTo("RolledOut");
        assertThat(admin.configMaps()
                        .inNamespace(ns)
                        .withName("fraud-runtime")
                        .get()
                        .getData()
                        .get("runtime.properties"))
                .contains("scoring.shadow-version=\n");

        edit(ns, "fraud", fd -> fd.getSpec().getModel().setVersion(FOREIGN));
        FraudDetectorStatus foreign = awaitStatus(
                ns,
                "fraud",
                s -> assertThat(condition(s, Condition.MODEL_ROLLED_OUT).getReason())
                        .isEqualTo("SignatureInvalid"));
        assertThat(condition(foreign, Condition.MODEL_ROLLED_OUT).getMessage())
                .contains(FOREIGN, "none of the trusted keys", "still serving m1");
        assertThat(DesiredObjects.modelVersionOf(deployment(ns, "fraud-scoring").get()))
                .isEqualTo("m1");
        assertThat(admin.configMaps()
                        .inNamespace(ns)
                        .withName("fraud-settings")
                        .get()
                        .getData())
                .containsEntry(
                        "FRAUD_SCORING_TRUSTED_KEYS", SigningKeys.base64(ModelRegistryDatabase.SIGNING.getPublic()));
    }

    @Test
    void imageOutsideTheAllowedRegistryPrefixesIsRefusedAndDeploysNothing() throws Exception {
        String ns = namespace("image");
        FraudDetector evil = detector("evil", "m1");
        evil.getSpec().setImage("ghcr.io/centinela-evil/fraud:test");
        apply(ns, evil);
        FraudDetectorStatus refused = awaitStatus(
                ns,
                "evil",
                s -> assertThat(condition(s, Condition.READY).getReason()).isEqualTo("ImageNotAllowed"));
        assertThat(condition(refused, Condition.READY).isTrue()).isFalse();
        assertThat(condition(refused, Condition.READY).getMessage())
                .contains("ghcr.io/centinela-evil/fraud:test", "ghcr.io/centinela/");
        assertThat(condition(refused, Condition.DEGRADED).getReason()).isEqualTo("ImageNotAllowed");
        assertThat(admin.apps().deployments().inNamespace(ns).list().getItems())
                .as("Deployments of a refused image")
                .isEmpty();

        apply(ns, detector("fraud", "m1"));
        readyAt(ns, "m1");
        edit(ns, "fraud", fd -> fd.getSpec().setImage("ghcr.io/centinela/../evil/fraud:test"));
        awaitStatus(
                ns,
                "fraud",
                s -> assertThat(condition(s, Condition.READY).getReason()).isEqualTo("ImageNotAllowed"));
        assertThat(admin.apps().deployments().inNamespace(ns).list().getItems())
                .as("the running Deployments keep their image")
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getImage())
                        .isEqualTo(ALLOWED_IMAGE));
        assertThat(admin.apps().deployments().inNamespace(ns).list().getItems())
                .noneMatch(d -> d.getMetadata().getName().startsWith("evil-"));
    }

    @Test
    void aFraudDetectorCannotMakeTheOperatorReadASecretOfAnotherNamespace() throws Exception {
        String ns = namespace("secrets-a");
        admin.secrets()
                .inNamespace(OTHER_NAMESPACE)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("only-in-b")
                        .endMetadata()
                        .withStringData(Map.of("password", "of-namespace-b"))
                        .build())
                .create();
        FraudDetector fd = detector("fraud", "m1");
        fd.getSpec().getPostgres().setPasswordSecret(new SecretKeyReference("only-in-b", "password"));
        apply(ns, fd);

        FraudDetectorStatus status = awaitStatus(
                ns,
                "fraud",
                s -> assertThat(condition(s, Condition.MODEL_ROLLED_OUT).getReason())
                        .isEqualTo("PasswordSecretMissing"));
        assertThat(condition(status, Condition.MODEL_ROLLED_OUT).getMessage())
                .contains("only-in-b", "not found in namespace " + ns);
        List<KubeTestServer.AuditedRequest> secretReads = server
                .requestsBy(
                        "system:serviceaccount:" + OPERATOR_NAMESPACE + ":" + SERVICE_ACCOUNT,
                        KubeTestServer.PROBE_USER_AGENT)
                .stream()
                .filter(r -> r.resource().equals("secrets"))
                .toList();
        assertThat(secretReads)
                .extracting(KubeTestServer.AuditedRequest::uri)
                .contains("/api/v1/namespaces/" + ns + "/secrets/only-in-b")
                .noneMatch(uri -> uri.contains("/namespaces/" + OTHER_NAMESPACE + "/"));
    }

    @Test
    void networkPolicyLetsInOnlyTheConfiguredApiClientsAndOutOnlyKafkaPostgresAndDns() throws Exception {
        String ns = namespace("network");
        FraudDetector fd = detector("fraud", "m1");
        fd.getSpec().getKafka().setBootstrapServers("kafka-0.kafka:9093,kafka-1.kafka:9093");
        NetworkPolicySpec network = new NetworkPolicySpec();
        network.setApiFrom(List.of(new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector()
                .addToMatchLabels("team", "fraud-analysts")
                .endNamespaceSelector()
                .build()));
        network.setKafkaTo(List.of(new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector()
                .addToMatchLabels("name", "kafka")
                .endNamespaceSelector()
                .build()));
        network.setPostgresTo(List.of(new NetworkPolicyPeerBuilder()
                .withNewIpBlock()
                .withCidr("10.20.0.0/24")
                .endIpBlock()
                .build()));
        fd.getSpec().setNetworkPolicy(network);
        apply(ns, fd);

        NetworkPolicy policy = await("the NetworkPolicy")
                .atMost(DEADLINE)
                .until(
                        () -> admin.network()
                                .v1()
                                .networkPolicies()
                                .inNamespace(ns)
                                .withName("fraud-platform")
                                .get(),
                        p -> p != null);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/instance", "fraud")
                .containsEntry("app.kubernetes.io/managed-by", "centinela-operator");
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).isEqualTo(network.getApiFrom());
            assertThat(rule.getPorts())
                    .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                    .containsExactly("TCP/8080");
        });
        assertThat(policy.getSpec().getEgress())
                .extracting(
                        rule -> rule.getTo(),
                        rule -> rule.getPorts().stream()
                                .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                                .toList())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(network.getKafkaTo(), List.of("TCP/9093")),
                        org.assertj.core.groups.Tuple.tuple(network.getPostgresTo(), List.of("TCP/" + registry.port())),
                        org.assertj.core.groups.Tuple.tuple(List.of(), List.of("UDP/53", "TCP/53")));
        awaitDeployment(ns, "fraud-ingest");
    }

    @Test
    void deletingTheFraudDetectorDeletesWhatItOwns() throws Exception {
        String ns = namespace("delete");
        apply(ns, detector("fraud", "m1"));
        awaitDeployment(ns, "fraud-scoring");
        awaitStatus(ns, "fraud", s -> assertThat(s.getRolloutModelVersion()).isEqualTo("m1"));
        assertThat(admin.services().inNamespace(ns).withName("fraud-alerts").get())
                .isNotNull();
        assertThat(admin.configMaps().inNamespace(ns).list().getItems())
                .extracting(c -> c.getMetadata().getName())
                .contains("fraud-settings", "fraud-runtime");
        assertThat(admin.network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(ns)
                        .withName("fraud-platform")
                        .get())
                .isNotNull();

        admin.resources(FraudDetector.class).inNamespace(ns).withName("fraud").delete();

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(admin.apps().deployments().inNamespace(ns).list().getItems())
                    .isEmpty();
            assertThat(admin.configMaps().inNamespace(ns).list().getItems())
                    .noneMatch(c -> c.getMetadata().getName().startsWith("fraud-"));
            assertThat(admin.services().inNamespace(ns).list().getItems()).isEmpty();
            assertThat(admin.network()
                            .v1()
                            .networkPolicies()
                            .inNamespace(ns)
                            .list()
                            .getItems())
                    .isEmpty();
        });
    }

    /** One of the namespaces the chart's install made the operator watch. */
    private static String namespace(String name) {
        assertThat(WATCHED).as("watched namespaces").contains(name);
        return name;
    }

    private void createNamespace(String name) {
        admin.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
        admin.secrets()
                .inNamespace(name)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("postgres")
                        .endMetadata()
                        .withStringData(Map.of("password", "not-used-with-trust-auth"))
                        .build())
                .create();
    }

    private FraudDetector detector(String name, String version) {
        FraudDetector fd = new FraudDetector();
        fd.setMetadata(new ObjectMetaBuilder().withName(name).build());
        FraudDetectorSpec spec = new FraudDetectorSpec();
        spec.setImage(ALLOWED_IMAGE);
        ModelSpec model = new ModelSpec();
        model.setVersion(version);
        model.setAlertThreshold(0.8);
        model.setReviewThreshold(0.5);
        model.setRolloutTimeoutSeconds(60);
        model.setTrustedKeys(List.of(SigningKeys.base64(ModelRegistryDatabase.SIGNING.getPublic())));
        spec.setModel(model);
        KafkaSpec kafka = new KafkaSpec();
        kafka.setBootstrapServers("kafka:9092");
        spec.setKafka(kafka);
        PostgresSpec pg = new PostgresSpec();
        pg.setHost("127.0.0.1");
        pg.setPort(registry.port());
        pg.setDatabase(ModelRegistryDatabase.DATABASE);
        pg.setUser(ModelRegistryDatabase.USER);
        pg.setPasswordSecret(new SecretKeyReference("postgres", "password"));
        spec.setPostgres(pg);
        fd.setSpec(spec);
        return fd;
    }

    private FraudDetector apply(String ns, FraudDetector fd) {
        fd.getMetadata().setNamespace(ns);
        return admin.resource(fd).create();
    }

    /** Like kubectl edit: read, change, write; retried when the operator's status write came in between. */
    private void edit(String ns, String name, Consumer<FraudDetector> change) {
        await().atMost(DEADLINE)
                .ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .untilAsserted(() -> admin.resources(FraudDetector.class)
                        .inNamespace(ns)
                        .withName(name)
                        .edit(fd -> {
                            change.accept(fd);
                            return fd;
                        }));
    }

    private void readyAt(String ns, String version) {
        awaitDeployment(ns, "fraud-scoring");
        markAllReady(ns);
        awaitStatus(ns, "fraud", s -> {
            assertThat(s.getActiveModelVersion()).isEqualTo(version);
            assertThat(condition(s, Condition.READY).isTrue()).isTrue();
        });
    }

    private Resource<Deployment> deployment(String ns, String name) {
        return admin.apps().deployments().inNamespace(ns).withName(name);
    }

    private Deployment awaitDeployment(String ns, String name) {
        return await(name + " created")
                .atMost(DEADLINE)
                .until(
                        () -> {
                            operator.requireAlive();
                            return deployment(ns, name).get();
                        },
                        d -> d != null);
    }

    private void markAllReady(String ns) {
        for (Component c : Component.values()) {
            markReady(ns, "fraud-" + c.role());
        }
    }

    /** What the Deployment controller writes once every pod of the current template is ready. */
    private void markReady(String ns, String name) {
        writeStatus(ns, name, d -> {
            int replicas = d.getSpec().getReplicas();
            return new DeploymentStatusBuilder()
                    .withObservedGeneration(d.getMetadata().getGeneration())
                    .withReplicas(replicas)
                    .withUpdatedReplicas(replicas)
                    .withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas)
                    .withConditions(
                            condition("Available", "True", "MinimumReplicasAvailable"),
                            condition("Progressing", "True", "NewReplicaSetAvailable"))
                    .build();
        });
    }

    /** What the Deployment controller writes when new pods stay unready past progressDeadlineSeconds. */
    private void markDeadlineExceeded(String ns, String name) {
        writeStatus(ns, name, d -> {
            int replicas = d.getSpec().getReplicas();
            return new DeploymentStatusBuilder()
                    .withObservedGeneration(d.getMetadata().getGeneration())
                    .withReplicas(replicas + 1)
                    .withUpdatedReplicas(1)
                    .withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas)
                    .withUnavailableReplicas(1)
                    .withConditions(
                            condition("Available", "True", "MinimumReplicasAvailable"),
                            new DeploymentConditionBuilder()
                                    .withType("Progressing")
                                    .withStatus("False")
                                    .withReason("ProgressDeadlineExceeded")
                                    .withMessage("ReplicaSet \"" + name + "-abc\" has timed out progressing.")
                                    .build())
                    .build();
        });
    }

    private void writeStatus(String ns, String name, java.util.function.Function<Deployment, DeploymentStatus> status) {
        awaitDeployment(ns, name);
        await().atMost(DEADLINE)
                .ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .untilAsserted(() -> {
                    Deployment d = deployment(ns, name).get();
                    d.setStatus(status.apply(d));
                    admin.apps().deployments().inNamespace(ns).resource(d).updateStatus();
                });
    }

    private static io.fabric8.kubernetes.api.model.apps.DeploymentCondition condition(
            String type, String status, String reason) {
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .build();
    }

    /**
     * Awaits a status of the FraudDetector's latest spec that passes {@code check}: one written before the test's last
     * edit was reconciled does not count, even if it would pass.
     */
    private FraudDetectorStatus awaitStatus(String ns, String name, ThrowingConsumer check) {
        AtomicReference<FraudDetectorStatus> seen = new AtomicReference<>();
        await(name + " status").atMost(DEADLINE).untilAsserted(() -> {
            operator.requireAlive();
            FraudDetector fd = admin.resources(FraudDetector.class)
                    .inNamespace(ns)
                    .withName(name)
                    .get();
            assertThat(fd.getStatus()).as("status of " + name).isNotNull();
            assertThat(fd.getStatus().getObservedGeneration())
                    .as("generation the status of " + name + " describes")
                    .isEqualTo(fd.getMetadata().getGeneration());
            check.accept(fd.getStatus());
            seen.set(fd.getStatus());
        });
        return seen.get();
    }

    @FunctionalInterface
    private interface ThrowingConsumer {
        void accept(FraudDetectorStatus status);
    }

    private static Condition condition(FraudDetectorStatus status, String type) {
        return status.condition(type)
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + status.getConditions()));
    }
}

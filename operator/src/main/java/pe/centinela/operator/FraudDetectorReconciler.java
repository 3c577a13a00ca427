package pe.centinela.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pe.centinela.core.signing.ModelTrust;
import pe.centinela.operator.crd.Component;
import pe.centinela.operator.crd.Condition;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.crd.FraudDetectorStatus;
import pe.centinela.operator.crd.PostgresSpec;
import pe.centinela.operator.crd.SecretKeyReference;
import pe.centinela.operator.dependent.AlertsServiceDependent;
import pe.centinela.operator.dependent.ComponentDeploymentDependent;
import pe.centinela.operator.dependent.HasModelToServe;
import pe.centinela.operator.dependent.NetworkPolicyDependent;
import pe.centinela.operator.dependent.PlanContext;
import pe.centinela.operator.dependent.RuntimeConfigMapDependent;
import pe.centinela.operator.dependent.SettingsConfigMapDependent;
import pe.centinela.operator.planning.DeploymentRollout;
import pe.centinela.operator.planning.ImagePolicy;
import pe.centinela.operator.planning.Names;
import pe.centinela.operator.planning.Plan;
import pe.centinela.operator.planning.RegistryCheck;
import pe.centinela.operator.planning.RolloutPlanner;
import pe.centinela.operator.planning.RuleDeclarations;
import pe.centinela.operator.planning.SignedBundle;

/**
 * Reconciles a FraudDetector in named steps: observe the Deployments, ask the registry about the versions the spec
 * names, plan (pure), apply the owned objects through the workflow, and write the status. The Deployments wait for
 * the NetworkPolicy, so no platform pod runs without it; a FraudDetector whose image is not allowed gets only a status.
 */
@ControllerConfiguration(name = FraudDetectorReconciler.NAME)
@Workflow(
        explicitInvocation = true,
        dependents = {
            @Dependent(name = "network-policy", type = NetworkPolicyDependent.class),
            @Dependent(name = "settings", type = SettingsConfigMapDependent.class),
            @Dependent(name = "runtime", type = RuntimeConfigMapDependent.class),
            @Dependent(name = "ingest", type = ComponentDeploymentDependent.Ingest.class, dependsOn = "network-policy"),
            @Dependent(
                    name = "scoring",
                    type = ComponentDeploymentDependent.Scoring.class,
                    dependsOn = "network-policy",
                    reconcilePrecondition = HasModelToServe.class),
            @Dependent(name = "alerts", type = ComponentDeploymentDependent.Alerts.class, dependsOn = "network-policy"),
            @Dependent(name = "alerts-service", type = AlertsServiceDependent.class)
        })
public class FraudDetectorReconciler implements Reconciler<FraudDetector> {

    public static final String NAME = "frauddetector";
    private static final Logger log = LoggerFactory.getLogger(FraudDetectorReconciler.class);
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(30);

    private final RegistryVerifier registry;
    private final ImagePolicy images;
    private final Clock clock;

    public FraudDetectorReconciler(RegistryVerifier registry, ImagePolicy images, Clock clock) {
        this.registry = registry;
        this.images = images;
        this.clock = clock;
    }

    @Override
    public UpdateControl<FraudDetector> reconcile(FraudDetector fd, Context<FraudDetector> context) {
        if (!images.allows(fd.getSpec().getImage())) {
            FraudDetectorStatus refused =
                    RolloutPlanner.refuseImage(fd, images.refusal(fd.getSpec().getImage()), clock.instant());
            logTransitions(fd, refused);
            writeStatus(fd, refused, context);
            return UpdateControl.noUpdate();
        }
        Map<Component, DeploymentRollout> observed = observeDeployments(fd, context);
        RegistryCheck check = checkRegistry(fd, context);
        Plan plan = RolloutPlanner.plan(fd, observed, check, clock.instant());
        PlanContext.put(context, plan);
        RuleDeclarations.Checked rules = RuleDeclarations.check(fd.getSpec().getRules());
        plan.status().setRulesInForce(rules.inForce());
        plan.status().setRulesRefused(rules.refused().isEmpty() ? null : rules.refused());
        context.managedWorkflowAndDependentResourceContext()
                .reconcileManagedWorkflow()
                .throwAggregateExceptionIfErrorsPresent();
        logTransitions(fd, plan.status());
        writeStatus(fd, plan.status(), context);
        UpdateControl<FraudDetector> control = UpdateControl.noUpdate();
        return check.failed() ? control.rescheduleAfter(REGISTRY_RETRY) : control;
    }

    @Override
    public ErrorStatusUpdateControl<FraudDetector> updateErrorStatus(
            FraudDetector fd, Context<FraudDetector> context, Exception e) {
        FraudDetectorStatus status = fd.getStatus() == null ? new FraudDetectorStatus() : fd.getStatus();
        status.setObservedGeneration(fd.getMetadata().getGeneration());
        status.getConditions().removeIf(c -> Condition.READY.equals(c.getType()));
        status.getConditions()
                .add(new Condition(
                        Condition.READY,
                        false,
                        "ReconcileFailed",
                        String.valueOf(e.getMessage()),
                        clock.instant().toString()));
        return ErrorStatusUpdateControl.patchStatus(withStatus(fd, status));
    }

    private Map<Component, DeploymentRollout> observeDeployments(FraudDetector fd, Context<FraudDetector> context) {
        Map<Component, DeploymentRollout> observed = new EnumMap<>(Component.class);
        for (Component component : Component.values()) {
            String name = Names.deployment(fd, component);
            context.getSecondaryResourcesAsStream(Deployment.class)
                    .filter(d -> name.equals(d.getMetadata().getName()))
                    .findFirst()
                    .ifPresent(d -> observed.put(component, DeploymentRollout.of(d)));
        }
        return observed;
    }

    private RegistryCheck checkRegistry(FraudDetector fd, Context<FraudDetector> context) {
        Set<String> versions = RolloutPlanner.versionsToCheck(fd.getSpec().getModel(), fd.getStatus());
        if (versions.isEmpty()) {
            return RegistryCheck.notAsked();
        }
        PostgresSpec pg = fd.getSpec().getPostgres();
        SecretKeyReference ref = pg.getPasswordSecret();
        if (!ref.isWellFormed()) {
            return RegistryCheck.failed(
                    "PasswordSecretInvalid",
                    "spec.postgres.passwordSecret must name a Secret (a DNS-1123 name) " + "and a key in namespace "
                            + fd.getMetadata().getNamespace() + "; not read");
        }
        Secret secret = context.getClient()
                .secrets()
                .inNamespace(fd.getMetadata().getNamespace())
                .withName(ref.getName())
                .get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(ref.getKey())) {
            return RegistryCheck.failed(
                    "PasswordSecretMissing",
                    "Secret " + ref.getName() + " with key " + ref.getKey() + " not found in namespace "
                            + fd.getMetadata().getNamespace());
        }
        String password =
                new String(Base64.getDecoder().decode(secret.getData().get(ref.getKey())), StandardCharsets.UTF_8);
        String rootCert = "";
        SecretKeyReference caRef = pg.getSslRootCertSecret();
        if (caRef != null) {
            if (!caRef.isWellFormed()) {
                return RegistryCheck.failed(
                        "RootCertificateSecretInvalid",
                        "spec.postgres.sslRootCertSecret must name a Secret (a DNS-1123 "
                                + "name) and a key in namespace "
                                + fd.getMetadata().getNamespace() + "; not read");
            }
            Secret ca = context.getClient()
                    .secrets()
                    .inNamespace(fd.getMetadata().getNamespace())
                    .withName(caRef.getName())
                    .get();
            if (ca == null || ca.getData() == null || !ca.getData().containsKey(caRef.getKey())) {
                return RegistryCheck.failed(
                        "RootCertificateSecretMissing",
                        "Secret " + caRef.getName() + " with key " + caRef.getKey() + " not found in namespace "
                                + fd.getMetadata().getNamespace());
            }
            rootCert = new String(Base64.getDecoder().decode(ca.getData().get(caRef.getKey())), StandardCharsets.UTF_8);
        }
        ModelTrust trust;
        try {
            trust = SignedBundle.trust(fd.getSpec().getModel());
        } catch (IllegalArgumentException e) {
            return RegistryCheck.failed("TrustedKeyInvalid", e.getMessage());
        }
        try {
            return registry.check(
                    new RegistryVerifier.Connection(
                            pg.getHost(), pg.port(), pg.database(), pg.user(), password, pg.sslMode(), rootCert),
                    versions,
                    trust);
        } catch (RegistryVerifier.UnavailableException e) {
            return RegistryCheck.failed("RegistryUnavailable", e.getMessage());
        }
    }

    private static void logTransitions(FraudDetector fd, FraudDetectorStatus next) {
        FraudDetectorStatus previous = fd.getStatus() == null ? new FraudDetectorStatus() : fd.getStatus();
        for (Condition c : next.getConditions()) {
            boolean changed = previous.condition(c.getType())
                    .map(p -> !p.getStatus().equals(c.getStatus()) || !Objects.equals(p.getReason(), c.getReason()))
                    .orElse(true);
            if (changed) {
                log.info(
                        "{}/{}: {}",
                        fd.getMetadata().getNamespace(),
                        fd.getMetadata().getName(),
                        c);
            }
        }
    }

    /**
     * The status is the planner's memory (which version is active, which one failed), so the next reconciliation must
     * see this one's status even when the informer has not caught up: an event arriving meanwhile would otherwise
     * plan from the status before, and roll a failed version out again. JOSDK keeps the patched resource in an
     * overlay cache until the informer has it.
     */
    private static void writeStatus(FraudDetector fd, FraudDetectorStatus status, Context<FraudDetector> context) {
        FraudDetector patch = new FraudDetector();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(fd.getMetadata().getName())
                .withNamespace(fd.getMetadata().getNamespace())
                .build());
        patch.setStatus(status);
        PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(fd, patch, context);
    }

    private static FraudDetector withStatus(FraudDetector fd, FraudDetectorStatus status) {
        fd.setStatus(status);
        return fd;
    }
}

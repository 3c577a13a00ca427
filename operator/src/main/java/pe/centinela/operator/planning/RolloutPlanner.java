package pe.centinela.operator.planning;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import pe.centinela.operator.crd.Component;
import pe.centinela.operator.crd.ComponentReplicas;
import pe.centinela.operator.crd.Condition;
import pe.centinela.operator.crd.FraudDetector;
import pe.centinela.operator.crd.FraudDetectorStatus;
import pe.centinela.operator.crd.ModelSpec;

/**
 * Decides which model version the scoring pods run and what the status says, from the spec, the last status, the
 * Deployments as observed and the registry's answer. A rollout that completes makes its version active; one that
 * fails restores the active version and is not retried until the spec names another version.
 */
public final class RolloutPlanner {

    public static final String IMAGE_NOT_ALLOWED = "ImageNotAllowed";
    /** The reason of a version refused because its bundle is unsigned or no trusted key verifies it. */
    public static final String SIGNATURE_INVALID = "SignatureInvalid";

    private RolloutPlanner() {}

    /** The versions to look up in the registry before planning: a new model version, and the shadow and canary. */
    public static Set<String> versionsToCheck(ModelSpec model, FraudDetectorStatus status) {
        Set<String> versions = new LinkedHashSet<>();
        String wanted = model.getVersion();
        if (status == null
                || (!wanted.equals(status.getActiveModelVersion()) && !wanted.equals(status.getFailedModelVersion()))) {
            versions.add(wanted);
        }
        if (model.getShadowVersion() != null) {
            versions.add(model.getShadowVersion());
        }
        if (model.getCanary() != null && model.getCanary().getVersion() != null) {
            versions.add(model.getCanary().getVersion());
        }
        return versions;
    }

    public static Plan plan(
            FraudDetector fd, Map<Component, DeploymentRollout> observed, RegistryCheck registry, Instant now) {
        FraudDetectorStatus old = fd.getStatus() == null ? new FraudDetectorStatus() : fd.getStatus();
        ModelSpec model = fd.getSpec().getModel();
        String wanted = model.getVersion();
        DeploymentRollout scoring = observed.get(Component.SCORING);

        Versions versions = learnFromScoring(
                new Versions(old.getActiveModelVersion(), old.getPreviousModelVersion(), old.getFailedModelVersion()),
                scoring);
        String target = target(wanted, versions, scoring, registry);

        FraudDetectorStatus status = new FraudDetectorStatus();
        status.setObservedGeneration(fd.getMetadata().getGeneration());
        status.setActiveModelVersion(versions.active);
        status.setPreviousModelVersion(versions.previous);
        status.setFailedModelVersion(versions.failed);
        status.setRolloutModelVersion(target != null && !target.equals(versions.active) ? target : null);
        status.setReadyReplicas(new ComponentReplicas(
                ready(observed, Component.INGEST),
                ready(observed, Component.SCORING),
                ready(observed, Component.ALERTS)));

        Set<String> refused = refusedSideVersions(model, registry);
        List<Condition> conditions = new ArrayList<>();
        conditions.add(readyCondition(observed, target));
        String rollback = rollbackMessage(wanted, versions, scoring, old);
        conditions.add(modelCondition(fd, wanted, versions, scoring, registry, rollback));
        conditions.add(degradedCondition(wanted, versions, observed, refused, registry, rollback));
        status.setConditions(
                conditions.stream().map(c -> withTransitionTime(c, old, now)).toList());
        return new Plan(target, refused, status);
    }

    /**
     * The status of a FraudDetector whose image the operator refuses: nothing is applied, so the versions and the
     * model condition stay as they were; Ready and Degraded say why.
     */
    public static FraudDetectorStatus refuseImage(FraudDetector fd, String message, Instant now) {
        FraudDetectorStatus old = fd.getStatus() == null ? new FraudDetectorStatus() : fd.getStatus();
        FraudDetectorStatus status = new FraudDetectorStatus();
        status.setObservedGeneration(fd.getMetadata().getGeneration());
        status.setActiveModelVersion(old.getActiveModelVersion());
        status.setPreviousModelVersion(old.getPreviousModelVersion());
        status.setFailedModelVersion(old.getFailedModelVersion());
        status.setReadyReplicas(old.getReadyReplicas());
        List<Condition> conditions = new ArrayList<>();
        conditions.add(new Condition(Condition.READY, false, IMAGE_NOT_ALLOWED, message, null));
        old.condition(Condition.MODEL_ROLLED_OUT)
                .ifPresent(c ->
                        conditions.add(new Condition(c.getType(), c.isTrue(), c.getReason(), c.getMessage(), null)));
        conditions.add(new Condition(Condition.DEGRADED, true, IMAGE_NOT_ALLOWED, message, null));
        status.setConditions(
                conditions.stream().map(c -> withTransitionTime(c, old, now)).toList());
        return status;
    }

    private record Versions(String active, String previous, String failed) {}

    private static Versions learnFromScoring(Versions v, DeploymentRollout scoring) {
        if (scoring == null
                || scoring.modelVersion() == null
                || scoring.modelVersion().equals(v.active)) {
            return v;
        }
        String running = scoring.modelVersion();
        if (scoring.complete()) {
            return new Versions(
                    running, v.active != null ? v.active : v.previous, running.equals(v.failed) ? null : v.failed);
        }
        if (scoring.failed()) {
            return new Versions(v.active, v.previous, running);
        }
        return v;
    }

    private static String target(String wanted, Versions v, DeploymentRollout scoring, RegistryCheck registry) {
        if (wanted.equals(v.active)) {
            return wanted;
        }
        if (wanted.equals(v.failed)) {
            return v.active != null ? v.active : wanted;
        }
        if (registry.failed()) {
            return scoring != null && scoring.modelVersion() != null ? scoring.modelVersion() : v.active;
        }
        if (registry.refuses(wanted)) {
            return v.active;
        }
        return wanted;
    }

    private static Condition readyCondition(Map<Component, DeploymentRollout> observed, String target) {
        List<String> parts = new ArrayList<>();
        boolean allReady = true;
        for (Component c : Component.values()) {
            DeploymentRollout r = observed.get(c);
            if (r == null) {
                allReady = false;
                parts.add(c.role()
                        + (c == Component.SCORING && target == null
                                ? " not created: no model to serve"
                                : " not created yet"));
            } else {
                allReady &= r.complete();
                parts.add(c.role() + " " + r.ready() + "/" + r.replicas());
            }
        }
        String message = "Ready pods: " + String.join(", ", parts);
        return allReady
                ? new Condition(Condition.READY, true, "AllComponentsReady", message, null)
                : new Condition(Condition.READY, false, "ComponentsNotReady", message, null);
    }

    private static Condition modelCondition(
            FraudDetector fd,
            String wanted,
            Versions v,
            DeploymentRollout scoring,
            RegistryCheck registry,
            String rollback) {
        String type = Condition.MODEL_ROLLED_OUT;
        if (wanted.equals(v.active)) {
            return new Condition(type, true, "RolledOut", "Model version " + wanted + " is active", null);
        }
        if (wanted.equals(v.failed)) {
            return new Condition(type, false, "RolledBack", rollback, null);
        }
        if (registry.failed()) {
            return new Condition(
                    type,
                    false,
                    registry.errorReason(),
                    "Cannot check model version " + wanted + " in the registry: " + registry.errorMessage()
                            + servingNote(v),
                    null);
        }
        if (registry.missing().contains(wanted)) {
            var pg = fd.getSpec().getPostgres();
            return new Condition(
                    type,
                    false,
                    "ModelNotInRegistry",
                    "Model version " + wanted + " is not in the model registry " + "(table models of database "
                            + pg.database() + " on " + pg.getHost() + "); refused" + servingNote(v),
                    null);
        }
        if (registry.mismatched().contains(wanted)) {
            return new Condition(
                    type,
                    false,
                    "ChecksumMismatch",
                    "Model version " + wanted + " in the model registry does not match its "
                            + "sha256: its bundle changed after it was published; refused" + servingNote(v),
                    null);
        }
        if (registry.unverified().containsKey(wanted)) {
            return new Condition(
                    type, false, SIGNATURE_INVALID, registry.unverified().get(wanted) + servingNote(v), null);
        }
        String from = v.active == null ? "" : " (replacing " + v.active + ")";
        String progress = scoring != null && wanted.equals(scoring.modelVersion()) ? ": " + scoring.message() : "";
        return new Condition(type, false, "RollingOut", "Rolling out model version " + wanted + from + progress, null);
    }

    private static Condition degradedCondition(
            String wanted,
            Versions v,
            Map<Component, DeploymentRollout> observed,
            Set<String> refused,
            RegistryCheck registry,
            String rollback) {
        String type = Condition.DEGRADED;
        if (wanted.equals(v.failed)) {
            return new Condition(type, true, "RolloutFailed", rollback, null);
        }
        if (!refused.isEmpty()) {
            return refusedCondition(refused, registry);
        }
        String failed = observed.entrySet().stream()
                .filter(e -> e.getValue().failed())
                .map(e -> e.getKey().role() + " (" + e.getValue().message() + ")")
                .sorted()
                .collect(Collectors.joining(", "));
        if (!failed.isEmpty()) {
            return new Condition(type, true, "DeploymentFailed", "Rollout failed: " + failed, null);
        }
        return new Condition(type, false, "AsSpecified", "The platform runs as its spec says", null);
    }

    private static Condition refusedCondition(Set<String> refused, RegistryCheck registry) {
        Set<String> mismatched =
                refused.stream().filter(registry.mismatched()::contains).collect(Collectors.toCollection(TreeSet::new));
        Set<String> unverified = refused.stream()
                .filter(v -> !mismatched.contains(v) && registry.unverified().containsKey(v))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = refused.stream()
                .filter(v -> !mismatched.contains(v) && !unverified.contains(v))
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("Not in the model registry, so left out: " + String.join(", ", missing));
        }
        if (!mismatched.isEmpty()) {
            parts.add("Failing their sha256 in the model registry, so left out: " + String.join(", ", mismatched));
        }
        if (!unverified.isEmpty()) {
            parts.add("Not signed by a trusted key (spec.model.trustedKeys), so left out: "
                    + String.join(", ", unverified));
        }
        String reason = !mismatched.isEmpty()
                ? "ChecksumMismatch"
                : !unverified.isEmpty() ? SIGNATURE_INVALID : "ModelNotInRegistry";
        return new Condition(Condition.DEGRADED, true, reason, String.join("; ", parts), null);
    }

    /** Why the wanted version was rolled back, kept from the status once the failed pods are gone. */
    private static String rollbackMessage(
            String wanted, Versions v, DeploymentRollout scoring, FraudDetectorStatus old) {
        if (!wanted.equals(v.failed)) {
            return null;
        }
        if (scoring == null || !scoring.failed() || !wanted.equals(scoring.modelVersion())) {
            var earlier = old.condition(Condition.DEGRADED)
                    .filter(c -> "RolloutFailed".equals(c.getReason())
                            && c.getMessage() != null
                            && c.getMessage().contains("model version " + wanted + " "));
            if (earlier.isPresent()) {
                return earlier.get().getMessage();
            }
        }
        String why = scoring != null && scoring.failed() && wanted.equals(scoring.modelVersion())
                ? " (" + scoring.message() + ")"
                : "";
        return "The pods of model version " + wanted + " did not become ready" + why
                + (v.active != null ? "; restored model version " + v.active : "; no earlier version to restore")
                + ". Apply another model version to try again";
    }

    private static String servingNote(Versions v) {
        return v.active == null ? "; no model is served yet" : "; still serving " + v.active;
    }

    private static Set<String> refusedSideVersions(ModelSpec model, RegistryCheck registry) {
        Set<String> refused = new TreeSet<>();
        if (model.getShadowVersion() != null && registry.refuses(model.getShadowVersion())) {
            refused.add(model.getShadowVersion());
        }
        if (model.getCanary() != null
                && model.getCanary().getVersion() != null
                && registry.refuses(model.getCanary().getVersion())) {
            refused.add(model.getCanary().getVersion());
        }
        return refused;
    }

    private static int ready(Map<Component, DeploymentRollout> observed, Component component) {
        DeploymentRollout r = observed.get(component);
        return r == null ? 0 : r.ready();
    }

    private static Condition withTransitionTime(Condition c, FraudDetectorStatus old, Instant now) {
        String since = old.condition(c.getType())
                .filter(previous -> Objects.equals(previous.getStatus(), c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        c.setLastTransitionTime(since);
        return c;
    }
}

package pe.centinela.operator.planning;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Objects;

/**
 * How far a Deployment's rollout got, read from the status the Deployment controller writes: complete when every
 * desired pod runs the current template and is ready, failed when the controller reports
 * {@code Progressing=False, reason=ProgressDeadlineExceeded} for the current generation.
 */
public record DeploymentRollout(String modelVersion, int replicas, int ready, State state, String message) {

    public enum State {
        PROGRESSING,
        COMPLETE,
        FAILED
    }

    public static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    public static DeploymentRollout of(Deployment deployment) {
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        int ready = count(status.getReadyReplicas());
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
        boolean observed = status.getObservedGeneration() != null && status.getObservedGeneration() >= generation;
        String version = DesiredObjects.modelVersionOf(deployment);
        DeploymentCondition deadline = status.getConditions() == null
                ? null
                : status.getConditions().stream()
                        .filter(c -> "Progressing".equals(c.getType())
                                && "False".equals(c.getStatus())
                                && DEADLINE_EXCEEDED.equals(c.getReason()))
                        .findFirst()
                        .orElse(null);
        if (observed && deadline != null) {
            return new DeploymentRollout(
                    version,
                    replicas,
                    ready,
                    State.FAILED,
                    DEADLINE_EXCEEDED + (deadline.getMessage() == null ? "" : ": " + deadline.getMessage()));
        }
        boolean complete = observed
                && count(status.getReplicas()) == replicas
                && count(status.getUpdatedReplicas()) == replicas
                && ready >= replicas
                && count(status.getAvailableReplicas()) >= replicas;
        return new DeploymentRollout(
                version,
                replicas,
                ready,
                complete ? State.COMPLETE : State.PROGRESSING,
                ready + "/" + replicas + " ready");
    }

    public boolean complete() {
        return state == State.COMPLETE;
    }

    public boolean failed() {
        return state == State.FAILED;
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}

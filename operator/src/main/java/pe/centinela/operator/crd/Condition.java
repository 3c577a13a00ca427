package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** One aspect of the status, as in Kubernetes' own conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

    public static final String READY = "Ready";
    public static final String MODEL_ROLLED_OUT = "ModelRolledOut";
    public static final String DEGRADED = "Degraded";

    @Required
    @JsonPropertyDescription("Ready, ModelRolledOut or Degraded.")
    private String type;

    @Required
    @JsonPropertyDescription("True, False or Unknown.")
    private String status;

    @JsonPropertyDescription(
            "A CamelCase word for why the condition has this status, e.g. RolledOut, RollingOut, ModelNotInRegistry, RolloutFailed.")
    private String reason;

    @JsonPropertyDescription("What happened, for people.")
    private String message;

    @JsonPropertyDescription("When the status last changed, RFC 3339.")
    private String lastTransitionTime;

    public Condition() {}

    public Condition(String type, boolean status, String reason, String message, String lastTransitionTime) {
        this.type = type;
        this.status = status ? "True" : "False";
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
    }

    @JsonIgnore
    public boolean isTrue() {
        return "True".equals(status);
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c
                && Objects.equals(type, c.type)
                && Objects.equals(status, c.status)
                && Objects.equals(reason, c.reason)
                && Objects.equals(message, c.message)
                && Objects.equals(lastTransitionTime, c.lastTransitionTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, lastTransitionTime);
    }

    @Override
    public String toString() {
        return type + "=" + status + " (" + reason + ": " + message + ")";
    }
}

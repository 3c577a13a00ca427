package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Which model scores, and how its scores become alerts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSpec {

    static final String VERSION_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";

    @Required
    @Pattern(VERSION_PATTERN)
    @JsonPropertyDescription(
            "Version of the model in the registry (the PostgreSQL table models). Changing it rolls the scoring pods out; "
                    + "a version absent from the registry is refused; a rollout whose pods do not become ready is rolled back.")
    private String version;

    @Required
    @Min(0)
    @Max(1)
    @JsonPropertyDescription(
            "Score from which a transaction raises an alert, in [0, 1]. Takes effect without restarting pods.")
    private Double alertThreshold;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription(
            "Score from which a transaction is marked for review without an alert, in [0, 1], at most alertThreshold. "
                    + "Takes effect without restarting pods.")
    private Double reviewThreshold;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription(
            "Score from which a payment is declined by the score alone, in [0, 1]; left out, only rules decline. "
                    + "Takes effect without restarting pods.")
    private Double declineThreshold;

    @Pattern(VERSION_PATTERN)
    @JsonPropertyDescription(
            "Optional shadow model: scores all traffic beside the active one, raises no alerts and records a comparison. "
                    + "Takes effect without restarting pods.")
    private String shadowVersion;

    @JsonPropertyDescription(
            "Optional canary: another model version scoring a share of the traffic. Takes effect without restarting pods.")
    private CanarySpec canary;

    @Min(30)
    @Default("600")
    @JsonPropertyDescription(
            "Seconds a rollout may take before it counts as failed and the previous version is restored "
                    + "(the scoring Deployment's progressDeadlineSeconds).")
    private Integer rolloutTimeoutSeconds;

    @JsonPropertyDescription(
            "Ed25519 public keys (base64 of the X.509 encoding, as fraud models keygen prints) that model bundles must be "
                    + "signed with. The operator refuses a version whose bundle no key verifies, and scoring loads only bundles they verify. "
                    + "Required unless allowUnsigned.")
    private java.util.List<String> trustedKeys;

    @JsonPropertyDescription(
            "Accept unsigned bundles (stored before signing existed), for a migration only: a signed bundle must still verify. "
                    + "Default false.")
    private Boolean allowUnsigned;

    public java.util.List<String> getTrustedKeys() {
        return trustedKeys;
    }

    public void setTrustedKeys(java.util.List<String> trustedKeys) {
        this.trustedKeys = trustedKeys;
    }

    public Boolean getAllowUnsigned() {
        return allowUnsigned;
    }

    public void setAllowUnsigned(Boolean allowUnsigned) {
        this.allowUnsigned = allowUnsigned;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Double getAlertThreshold() {
        return alertThreshold;
    }

    public void setAlertThreshold(Double alertThreshold) {
        this.alertThreshold = alertThreshold;
    }

    public Double getReviewThreshold() {
        return reviewThreshold;
    }

    public void setReviewThreshold(Double reviewThreshold) {
        this.reviewThreshold = reviewThreshold;
    }

    public Double getDeclineThreshold() {
        return declineThreshold;
    }

    public void setDeclineThreshold(Double declineThreshold) {
        this.declineThreshold = declineThreshold;
    }

    public String getShadowVersion() {
        return shadowVersion;
    }

    public void setShadowVersion(String shadowVersion) {
        this.shadowVersion = shadowVersion;
    }

    public CanarySpec getCanary() {
        return canary;
    }

    public void setCanary(CanarySpec canary) {
        this.canary = canary;
    }

    public Integer getRolloutTimeoutSeconds() {
        return rolloutTimeoutSeconds;
    }

    public void setRolloutTimeoutSeconds(Integer rolloutTimeoutSeconds) {
        this.rolloutTimeoutSeconds = rolloutTimeoutSeconds;
    }
}

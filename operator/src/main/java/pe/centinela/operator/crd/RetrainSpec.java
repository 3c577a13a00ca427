package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * The retraining loop, run by the alerts component: the retrain.* settings of {@code fraud run}. Only the alerts pods
 * get these settings and the signing key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrainSpec {

    static final String DURATION_PATTERN = "^[0-9]+(ms|s|m|h|d)$";

    @Required
    @Pattern(DURATION_PATTERN)
    @JsonPropertyDescription("How often a candidate is trained on the stored history, e.g. 7d.")
    private String every;

    @Min(1)
    @Max(3650)
    @JsonPropertyDescription("Days of stored history trained on (older history only warms the state). Default 90.")
    private Integer trainDays;

    @JsonPropertyDescription(
            "Model families trained; the best on validation is the candidate. Default logistic, dense, hybrid, gbdt, hybrid-gbdt.")
    private List<String> families;

    @Pattern(DURATION_PATTERN)
    @JsonPropertyDescription(
            "How long the candidate scores in shadow before it is judged on the alerts analysts decided. Default 3d.")
    private String shadowFor;

    @Pattern(DURATION_PATTERN)
    @JsonPropertyDescription(
            "A shadow without enough decided alerts by then is rejected. Default three times shadowFor.")
    private String shadowLimit;

    @Min(0)
    @JsonPropertyDescription("Decided alerts the shadow comparison needs. Default 30.")
    private Integer minDecidedAlerts;

    @Min(-1)
    @Max(1)
    @JsonPropertyDescription(
            "Average precision by which the candidate must beat the model in force on the same validation window. Default 0.01.")
    private Double validationMargin;

    @Min(-1)
    @Max(1)
    @JsonPropertyDescription(
            "Average precision on the decided alerts by which the shadow must beat the model in force. Default 0.")
    private Double shadowMargin;

    @Required
    @JsonPropertyDescription(
            "Secret key holding the Ed25519 private key (PKCS#8 PEM) the loop signs its bundles with; its public key must be "
                    + "in model.trustedKeys. Mounted in the alerts pods only.")
    private SecretKeyReference signingKeySecret;

    public String getEvery() {
        return every;
    }

    public void setEvery(String every) {
        this.every = every;
    }

    public Integer getTrainDays() {
        return trainDays;
    }

    public void setTrainDays(Integer trainDays) {
        this.trainDays = trainDays;
    }

    public List<String> getFamilies() {
        return families;
    }

    public void setFamilies(List<String> families) {
        this.families = families;
    }

    public String getShadowFor() {
        return shadowFor;
    }

    public void setShadowFor(String shadowFor) {
        this.shadowFor = shadowFor;
    }

    public String getShadowLimit() {
        return shadowLimit;
    }

    public void setShadowLimit(String shadowLimit) {
        this.shadowLimit = shadowLimit;
    }

    public Integer getMinDecidedAlerts() {
        return minDecidedAlerts;
    }

    public void setMinDecidedAlerts(Integer minDecidedAlerts) {
        this.minDecidedAlerts = minDecidedAlerts;
    }

    public Double getValidationMargin() {
        return validationMargin;
    }

    public void setValidationMargin(Double validationMargin) {
        this.validationMargin = validationMargin;
    }

    public Double getShadowMargin() {
        return shadowMargin;
    }

    public void setShadowMargin(Double shadowMargin) {
        this.shadowMargin = shadowMargin;
    }

    public SecretKeyReference getSigningKeySecret() {
        return signingKeySecret;
    }

    public void setSigningKeySecret(SecretKeyReference signingKeySecret) {
        this.signingKeySecret = signingKeySecret;
    }
}

package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the operator observed and did, Strimzi style: the generation it acted on and one condition per concern. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FraudDetectorStatus {

    @JsonPropertyDescription("The metadata.generation of the FraudDetector this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription(
            "Ready: every component's pods are ready. ModelRolledOut: the scoring pods serve spec.model.version. "
                    + "Degraded: the spec cannot be honoured (a rollout failed and was rolled back, or a shadow or canary model is not in the registry).")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The model version the scoring pods serve, rolled out and ready.")
    private String activeModelVersion;

    @JsonPropertyDescription("The model version served before activeModelVersion: the one a failed rollout restores.")
    private String previousModelVersion;

    @JsonPropertyDescription("The model version being rolled out, while its pods are not all ready.")
    private String rolloutModelVersion;

    @JsonPropertyDescription(
            "The last model version whose rollout failed; it is not rolled out again until spec.model.version changes.")
    private String failedModelVersion;

    @JsonPropertyDescription("Ready pods of each component.")
    private ComponentReplicas readyReplicas;

    @JsonPropertyDescription("Declared rules that run live (active or shadow) after the operator's checks.")
    private Integer rulesInForce;

    @JsonPropertyDescription("Declared rules refused, with the reason (a syntax or type error names line and column).")
    private List<RefusedRule> rulesRefused;

    public Integer getRulesInForce() {
        return rulesInForce;
    }

    public void setRulesInForce(Integer rulesInForce) {
        this.rulesInForce = rulesInForce;
    }

    public List<RefusedRule> getRulesRefused() {
        return rulesRefused;
    }

    public void setRulesRefused(List<RefusedRule> rulesRefused) {
        this.rulesRefused = rulesRefused;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public String getActiveModelVersion() {
        return activeModelVersion;
    }

    public void setActiveModelVersion(String activeModelVersion) {
        this.activeModelVersion = activeModelVersion;
    }

    public String getPreviousModelVersion() {
        return previousModelVersion;
    }

    public void setPreviousModelVersion(String previousModelVersion) {
        this.previousModelVersion = previousModelVersion;
    }

    public String getRolloutModelVersion() {
        return rolloutModelVersion;
    }

    public void setRolloutModelVersion(String rolloutModelVersion) {
        this.rolloutModelVersion = rolloutModelVersion;
    }

    public String getFailedModelVersion() {
        return failedModelVersion;
    }

    public void setFailedModelVersion(String failedModelVersion) {
        this.failedModelVersion = failedModelVersion;
    }

    public ComponentReplicas getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(ComponentReplicas readyReplicas) {
        this.readyReplicas = readyReplicas;
    }
}

package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** The desired platform: image, model, Kafka, PostgreSQL and the size of each component. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FraudDetectorSpec {

    @Required
    @JsonPropertyDescription(
            "Container image of the platform (ingest, scoring and alerts roles), e.g. ghcr.io/centinela/fraud:0.1.0.")
    private String image;

    @Required
    @JsonPropertyDescription(
            "The model the scoring component serves, its thresholds, an optional shadow model and an optional canary.")
    private ModelSpec model;

    @Required
    @JsonPropertyDescription("Kafka cluster the platform reads from and writes to.")
    private KafkaSpec kafka;

    @Required
    @JsonPropertyDescription("PostgreSQL database holding alerts and the model registry.")
    private PostgresSpec postgres;

    @JsonPropertyDescription("The ingest component: validates and normalises raw transactions.")
    private ComponentSpec ingest;

    @JsonPropertyDescription("The scoring component: scores transactions with the model.")
    private ComponentSpec scoring;

    @JsonPropertyDescription("The alerts component: stores alerts and serves the alert API on port 8080.")
    private ComponentSpec alerts;

    @JsonPropertyDescription(
            "Optional retraining loop, run by the alerts component: a candidate trained on the stored history every period, "
                    + "put in shadow when it beats the model in force on validation, and promoted in the registry when it beats it on the alerts "
                    + "analysts decided. The scoring pods serve model.version: roll a promoted version out by setting it there.")
    private RetrainSpec retrain;

    public RetrainSpec getRetrain() {
        return retrain;
    }

    public void setRetrain(RetrainSpec retrain) {
        this.retrain = retrain;
    }

    @JsonPropertyDescription(
            "Business rules declared with the platform, in Google's Common Expression Language: brought into the rule "
                    + "registry by the scoring pods within seconds (a rule no longer listed is retired), checked here first: "
                    + "the status lists the rules refused and why.")
    private List<RuleSpec> rules;

    public List<RuleSpec> getRules() {
        return rules;
    }

    public void setRules(List<RuleSpec> rules) {
        this.rules = rules;
    }

    @JsonPropertyDescription(
            "Traffic the NetworkPolicy of the platform's pods lets through: API clients in, Kafka, PostgreSQL and DNS out.")
    private NetworkPolicySpec networkPolicy;

    public NetworkPolicySpec getNetworkPolicy() {
        return networkPolicy;
    }

    public void setNetworkPolicy(NetworkPolicySpec networkPolicy) {
        this.networkPolicy = networkPolicy;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public ModelSpec getModel() {
        return model;
    }

    public void setModel(ModelSpec model) {
        this.model = model;
    }

    public KafkaSpec getKafka() {
        return kafka;
    }

    public void setKafka(KafkaSpec kafka) {
        this.kafka = kafka;
    }

    public PostgresSpec getPostgres() {
        return postgres;
    }

    public void setPostgres(PostgresSpec postgres) {
        this.postgres = postgres;
    }

    public ComponentSpec getIngest() {
        return ingest;
    }

    public void setIngest(ComponentSpec ingest) {
        this.ingest = ingest;
    }

    public ComponentSpec getScoring() {
        return scoring;
    }

    public void setScoring(ComponentSpec scoring) {
        this.scoring = scoring;
    }

    public ComponentSpec getAlerts() {
        return alerts;
    }

    public void setAlerts(ComponentSpec alerts) {
        this.alerts = alerts;
    }

    /** The component's settings, or defaults when the spec leaves it out. */
    public ComponentSpec component(Component component) {
        ComponentSpec spec = switch (component) {
            case INGEST -> ingest;
            case SCORING -> scoring;
            case ALERTS -> alerts;
        };
        return spec == null ? new ComponentSpec() : spec;
    }
}

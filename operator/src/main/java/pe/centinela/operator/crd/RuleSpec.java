package pe.centinela.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A business rule declared with the platform: brought into the registry, managed from here, not from the API. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuleSpec {

    @Required
    @Pattern("^[a-z][a-z0-9_]{0,63}$")
    @JsonPropertyDescription("Stable name of the rule, lower case: card_testing_burst.")
    private String id;

    @Required
    @JsonPropertyDescription(
            "The condition in Google's Common Expression Language, e.g. channel == \"wallet\" && new_counterparty && amount_pen > 3000.")
    private String expression;

    @Required
    @Pattern("^(decline|review|allow)$")
    @JsonPropertyDescription("What a hit asks for: decline, review, or allow (an allow rule wins over everything).")
    private String outcome;

    @Pattern("^(draft|shadow|active|retired)$")
    @JsonPropertyDescription(
            "draft (only tried on history), shadow (recorded, not acting), active or retired; draft when left out.")
    private String status;

    @Required
    @JsonPropertyDescription("What it catches, in Spanish: analysts read it beside the alert.")
    private String descriptionEs;

    @Required
    @JsonPropertyDescription("What it catches, in English.")
    private String descriptionEn;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getExpression() {
        return expression;
    }

    public void setExpression(String expression) {
        this.expression = expression;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getDescriptionEs() {
        return descriptionEs;
    }

    public void setDescriptionEs(String descriptionEs) {
        this.descriptionEs = descriptionEs;
    }

    public String getDescriptionEn() {
        return descriptionEn;
    }

    public void setDescriptionEn(String descriptionEn) {
        this.descriptionEn = descriptionEn;
    }
}

package pe.centinela.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import pe.centinela.core.domain.RuleOutcome;

/**
 * A business rule: a condition in Common Expression Language over the transaction, its features, the model's score and
 * named lists, and what to do when it holds.
 *
 * @param id            stable name, lower case: {@code card_testing_burst}
 * @param version       1 for the first saved version, one more for each change
 * @param expression    the condition, e.g. {@code channel == "wallet" && new_counterparty && amount_pen > 3000}
 * @param outcome       what a hit asks for
 * @param status        draft, shadow, active or retired
 * @param descriptionEs what it catches, in Spanish: analysts read it beside the alert
 * @param descriptionEn the same in English
 */
public record Rule(
        String id,
        int version,
        String expression,
        RuleOutcome outcome,
        RuleStatus status,
        String descriptionEs,
        String descriptionEn) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_EXPRESSION = 4_000;

    /** What is wrong with the rule's fields apart from its expression, each naming the field; empty when nothing. */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(new FieldProblem(
                    "id", "must start with a letter and hold only a-z, 0-9 and _, at most 64 characters"));
        }
        if (expression == null || expression.isBlank()) {
            problems.add(new FieldProblem("expression", "is required"));
        } else if (expression.length() > MAX_EXPRESSION) {
            problems.add(new FieldProblem("expression", "is longer than " + MAX_EXPRESSION + " characters"));
        }
        if (outcome == null) {
            problems.add(new FieldProblem("outcome", "is required: decline, review or allow"));
        }
        if (status == null) {
            problems.add(new FieldProblem("status", "is required: draft, shadow, active or retired"));
        }
        description("description_es", descriptionEs, problems);
        description("description_en", descriptionEn, problems);
        return problems;
    }

    private static void description(String field, String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem(field, "is required: analysts read it beside the alert"));
        } else if (text.length() > MAX_DESCRIPTION) {
            problems.add(new FieldProblem(field, "is longer than " + MAX_DESCRIPTION + " characters"));
        }
    }

    /** The same rule in another status. */
    public Rule withStatus(RuleStatus newStatus) {
        return new Rule(id, version, expression, outcome, newStatus, descriptionEs, descriptionEn);
    }

    /** One problem with a field. */
    public record FieldProblem(String field, String message) {}
}

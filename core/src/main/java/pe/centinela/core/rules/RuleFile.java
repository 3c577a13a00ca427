package pe.centinela.core.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import pe.centinela.core.domain.RuleOutcome;

/**
 * Rules written down in YAML (or JSON), for {@code fraud rules apply|test} and the {@code rules} of a
 * {@code FraudDetector}: one rule, a list of rules, or a mapping with a {@code rules} list. Each rule has an
 * {@code id}, an {@code expression}, an {@code outcome}, a {@code description_es} and a {@code description_en}, and
 * may have a {@code status} (draft when left out). Read into plain trees, never into arbitrary types.
 */
public final class RuleFile {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> FIELDS =
            Set.of("id", "expression", "outcome", "status", "description_es", "description_en");

    private RuleFile() {}

    /** A rule file that cannot be read: the message names the source, the rule and the field, or the line. */
    public static final class RuleFileException extends Exception {
        private static final long serialVersionUID = 1L;

        public RuleFileException(String message) {
            super(message);
        }
    }

    /**
     * The rules the text holds, each checked field by field (not its expression: that is the compiler's).
     *
     * @param source what to call the text in messages (its file name)
     */
    public static List<Rule> parse(String text, String source) throws RuleFileException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new RuleFileException(
                    source + (at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr())
                            + ": not valid YAML: " + e.getOriginalMessage());
        }
        List<JsonNode> items = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new RuleFileException(source + ": holds no rule");
        } else if (root.isArray()) {
            root.forEach(items::add);
        } else if (root.isObject() && root.has("rules") && !root.has("id")) {
            JsonNode rules = root.get("rules");
            if (!rules.isArray()) {
                throw new RuleFileException(source + ": 'rules' must be a list of rules");
            }
            rules.forEach(items::add);
        } else if (root.isObject()) {
            items.add(root);
        } else {
            throw new RuleFileException(source + ": expected a rule, a list of rules or a mapping with 'rules'");
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            rules.add(rule(items.get(i), source + ", rule " + (i + 1)));
        }
        return rules;
    }

    private static Rule rule(JsonNode node, String where) throws RuleFileException {
        if (!node.isObject()) {
            throw new RuleFileException(where + ": expected a mapping with id, expression, outcome …");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new RuleFileException(where + ": unknown field '" + name + "'; the fields are "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        String id = text(node, "id", where);
        String at = where + " (" + id + ")";
        RuleOutcome outcome;
        RuleStatus status;
        try {
            outcome = RuleOutcome.fromCode(text(node, "outcome", at));
            status = node.has("status") ? RuleStatus.fromCode(text(node, "status", at)) : RuleStatus.DRAFT;
        } catch (IllegalArgumentException e) {
            throw new RuleFileException(at + ": " + e.getMessage());
        }
        Rule rule = new Rule(
                id,
                1,
                text(node, "expression", at),
                outcome,
                status,
                text(node, "description_es", at).strip(),
                text(node, "description_en", at).strip());
        List<Rule.FieldProblem> problems = rule.problems();
        if (!problems.isEmpty()) {
            throw new RuleFileException(
                    at + ": " + problems.get(0).field() + " " + problems.get(0).message());
        }
        return rule;
    }

    private static String text(JsonNode node, String field, String where) throws RuleFileException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new RuleFileException(where + ": '" + field + "' is required");
        }
        if (!value.isTextual()) {
            throw new RuleFileException(where + ": '" + field + "' must be text");
        }
        return value.asText();
    }
}

package pe.centinela.operator.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pe.centinela.core.domain.RuleOutcome;
import pe.centinela.core.rules.Rule;
import pe.centinela.core.rules.RuleCompiler;
import pe.centinela.core.rules.RuleStatus;
import pe.centinela.core.rules.RuleSyntaxException;
import pe.centinela.operator.crd.RefusedRule;
import pe.centinela.operator.crd.RuleSpec;

/**
 * The {@code rules} of a {@code FraudDetector}: each checked as the platform checks it (its fields, then its
 * expression parsed and type-checked; the lists it names are checked by the platform, which knows them), and those
 * accepted written as the rule file the scoring pods bring into the registry.
 */
public final class RuleDeclarations {

    public static final String FILE_NAME = "rules.yaml";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final RuleCompiler COMPILER = new RuleCompiler();

    /** The declared rules split into those accepted and those refused with the reason. */
    public record Checked(List<Rule> accepted, List<RefusedRule> refused) {
        public int inForce() {
            return (int) accepted.stream().filter(r -> r.status().runsLive()).count();
        }
    }

    private RuleDeclarations() {}

    public static Checked check(List<RuleSpec> declared) {
        List<Rule> accepted = new ArrayList<>();
        List<RefusedRule> refused = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (RuleSpec spec : declared == null ? List.<RuleSpec>of() : declared) {
            String id = spec.getId();
            if (!ids.add(id)) {
                refused.add(new RefusedRule(id, "declared twice; the first one counts"));
                continue;
            }
            Rule rule;
            try {
                rule = new Rule(
                        id,
                        1,
                        spec.getExpression(),
                        RuleOutcome.fromCode(String.valueOf(spec.getOutcome())),
                        spec.getStatus() == null ? RuleStatus.DRAFT : RuleStatus.fromCode(spec.getStatus()),
                        strip(spec.getDescriptionEs()),
                        strip(spec.getDescriptionEn()));
            } catch (IllegalArgumentException e) {
                refused.add(new RefusedRule(id, e.getMessage()));
                continue;
            }
            List<Rule.FieldProblem> problems = rule.problems();
            if (!problems.isEmpty()) {
                refused.add(new RefusedRule(
                        id, problems.get(0).field() + " " + problems.get(0).message()));
                continue;
            }
            try {
                COMPILER.checkIgnoringLists(rule.expression());
                accepted.add(rule);
            } catch (RuleSyntaxException e) {
                refused.add(new RefusedRule(id, e.getMessage()));
            }
        }
        return new Checked(List.copyOf(accepted), List.copyOf(refused));
    }

    /** The rule file for the scoring pods: the accepted rules, in the order declared. */
    public static String file(List<Rule> accepted) {
        List<Map<String, String>> rules = new ArrayList<>();
        for (Rule rule : accepted) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("id", rule.id());
            entry.put("expression", rule.expression());
            entry.put("outcome", rule.outcome().code());
            entry.put("status", rule.status().code());
            entry.put("description_es", rule.descriptionEs());
            entry.put("description_en", rule.descriptionEn());
            rules.add(entry);
        }
        try {
            return "# Written by the centinela operator from the FraudDetector's rules.\n"
                    + YAML.writeValueAsString(Map.of("rules", rules));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rules that cannot be written as YAML", e);
        }
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}

package pe.centinela.core.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rules declared outside the API (the {@code rules} of a {@code FraudDetector}) brought into the registry: what to
 * create, what to change, what to retire because it is no longer declared, and what to refuse. A declared rule owns its
 * id: it is refused when a rule of that id is managed through the API, and the API refuses to change it.
 */
public final class DeclaredRules {

    /** Who manages a rule declared outside the API. */
    public static final String MANAGED_BY = "kubernetes";

    /** A rule as stored, with who manages it. */
    public record Stored(Rule rule, String managedBy) {}

    /** A change to a stored rule: the rule as declared, replacing the version in force. */
    public record Update(Rule rule, int replacing) {}

    /** A declared rule that is not brought in, and why. */
    public record Refusal(String ruleId, String reason) {}

    /** What to do, in order. */
    public record Plan(List<Rule> create, List<Update> update, List<Refusal> refused) {
        public boolean isEmpty() {
            return create.isEmpty() && update.isEmpty();
        }
    }

    private DeclaredRules() {}

    /**
     * Plans the registry's changes.
     *
     * @param declared the rules declared now (their versions are ignored)
     * @param stored   the registry's rules by id
     * @param invalid  why each declared rule whose expression does not compile is refused, by id
     */
    public static Plan plan(List<Rule> declared, Map<String, Stored> stored, Map<String, String> invalid) {
        List<Rule> create = new ArrayList<>();
        List<Update> update = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Rule rule : declared) {
            if (!seen.add(rule.id())) {
                refused.add(new Refusal(rule.id(), "declared twice; the first one counts"));
                continue;
            }
            if (invalid.containsKey(rule.id())) {
                refused.add(new Refusal(rule.id(), invalid.get(rule.id())));
                continue;
            }
            Stored current = stored.get(rule.id());
            if (current == null) {
                create.add(rule);
            } else if (!MANAGED_BY.equals(current.managedBy())) {
                refused.add(new Refusal(
                        rule.id(), "a rule of this id is managed through the API; rename the declared one"));
            } else if (!sameContent(current.rule(), rule)) {
                update.add(new Update(rule, current.rule().version()));
            }
        }
        for (Stored current : stored.values()) {
            Rule was = current.rule();
            if (MANAGED_BY.equals(current.managedBy())
                    && !seen.contains(was.id())
                    && was.status() != RuleStatus.RETIRED) {
                update.add(new Update(was.withStatus(RuleStatus.RETIRED), was.version()));
            }
        }
        return new Plan(List.copyOf(create), List.copyOf(update), List.copyOf(refused));
    }

    private static boolean sameContent(Rule a, Rule b) {
        return Objects.equals(a.expression(), b.expression())
                && a.outcome() == b.outcome()
                && a.status() == b.status()
                && Objects.equals(a.descriptionEs(), b.descriptionEs())
                && Objects.equals(a.descriptionEn(), b.descriptionEn());
    }
}

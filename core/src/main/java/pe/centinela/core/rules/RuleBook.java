package pe.centinela.core.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import pe.centinela.core.domain.RuleHit;

/**
 * The rules in force, compiled once, with the lists they read: active and shadow rules, and the rule each block or
 * allow list acts through. Immutable; scoring swaps a new book in between two batches. Evaluating allocates nothing
 * unless a rule holds.
 */
public final class RuleBook {

    public static final RuleBook EMPTY = new RuleBook(List.of(), RuleLists.NONE, List.of());

    /** A rule compiled with its condition. */
    public record CompiledRule(Rule rule, Condition condition) {}

    /** A rule that could not be put in force, and why. */
    public record Refusal(String ruleId, int version, String reason) {}

    private final CompiledRule[] rules;
    private final List<CompiledRule> ruleList;
    private final RuleLists lists;
    private final List<Refusal> refused;

    private RuleBook(List<CompiledRule> rules, RuleLists lists, List<Refusal> refused) {
        this.ruleList = List.copyOf(rules);
        this.rules = ruleList.toArray(new CompiledRule[0]);
        this.lists = lists;
        this.refused = List.copyOf(refused);
    }

    /**
     * Compiles the rules that run live (active and shadow) and the lists' own rules. A rule that no longer compiles (a
     * list it names was deleted, say) is refused and reported; the others are put in force.
     */
    public static RuleBook of(List<Rule> rules, RuleLists lists, RuleCompiler compiler) {
        List<CompiledRule> compiled = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        List<Rule> live = new ArrayList<>();
        for (NamedList list : lists.lists()) {
            Rule implied = list.impliedRule();
            if (implied != null) {
                live.add(implied);
            }
        }
        rules.stream().filter(r -> r.status().runsLive()).forEach(live::add);
        live.sort(Comparator.comparing(Rule::id));
        for (Rule rule : live) {
            try {
                compiled.add(new CompiledRule(rule, compiler.compile(rule.expression(), lists)));
            } catch (RuleSyntaxException e) {
                refused.add(new Refusal(rule.id(), rule.version(), e.getMessage()));
            }
        }
        return new RuleBook(compiled, lists, refused);
    }

    /** The rules that hold for the transaction the input holds, in rule id order; an empty list when none. */
    public List<RuleHit> evaluate(RuleInput input) {
        List<RuleHit> hits = null;
        for (CompiledRule compiled : rules) {
            if (compiled.condition().test(input)) {
                if (hits == null) {
                    hits = new ArrayList<>(2);
                }
                Rule rule = compiled.rule();
                hits.add(new RuleHit(
                        rule.id(),
                        rule.version(),
                        rule.outcome(),
                        rule.status() == RuleStatus.SHADOW,
                        rule.descriptionEs(),
                        rule.descriptionEn()));
            }
        }
        return hits == null ? List.of() : hits;
    }

    public boolean isEmpty() {
        return rules.length == 0;
    }

    public List<CompiledRule> rules() {
        return ruleList;
    }

    public RuleLists lists() {
        return lists;
    }

    public List<Refusal> refused() {
        return refused;
    }
}

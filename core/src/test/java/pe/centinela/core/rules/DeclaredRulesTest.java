package pe.centinela.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.RuleOutcome;

class DeclaredRulesTest {

    private static Rule rule(String id, String expression, RuleStatus status, int version) {
        return new Rule(id, version, expression, RuleOutcome.REVIEW, status, "es " + id, "en " + id);
    }

    @Test
    void createsChangesRetiresAndRefusesWhatTheApiOwns() {
        Map<String, DeclaredRules.Stored> stored = Map.of(
                "same", new DeclaredRules.Stored(rule("same", "score > 0.9", RuleStatus.ACTIVE, 4), "kubernetes"),
                "changed", new DeclaredRules.Stored(rule("changed", "score > 0.9", RuleStatus.ACTIVE, 2), "kubernetes"),
                "dropped", new DeclaredRules.Stored(rule("dropped", "score > 0.9", RuleStatus.ACTIVE, 7), "kubernetes"),
                "gone", new DeclaredRules.Stored(rule("gone", "score > 0.9", RuleStatus.RETIRED, 3), "kubernetes"),
                "theirs", new DeclaredRules.Stored(rule("theirs", "score > 0.9", RuleStatus.ACTIVE, 1), "api"));
        DeclaredRules.Plan plan = DeclaredRules.plan(
                List.of(
                        rule("same", "score > 0.9", RuleStatus.ACTIVE, 1),
                        rule("changed", "score > 0.8", RuleStatus.ACTIVE, 1),
                        rule("fresh", "new_device", RuleStatus.SHADOW, 1),
                        rule("theirs", "new_device", RuleStatus.ACTIVE, 1),
                        rule("broken", "amount_pen >", RuleStatus.ACTIVE, 1),
                        rule("fresh", "score > 0.1", RuleStatus.ACTIVE, 1)),
                stored,
                Map.of("broken", "line 1, column 13: Syntax error"));
        assertThat(plan.create()).extracting(Rule::id).containsExactly("fresh");
        assertThat(plan.update())
                .extracting(u -> u.rule().id() + " " + u.rule().status().code() + " replacing " + u.replacing())
                .containsExactlyInAnyOrder("changed active replacing 2", "dropped retired replacing 7");
        assertThat(plan.refused())
                .extracting(DeclaredRules.Refusal::ruleId)
                .containsExactlyInAnyOrder("theirs", "broken", "fresh");
    }

    @Test
    void nothingToDoWhenTheRegistryHoldsWhatIsDeclared() {
        DeclaredRules.Plan plan = DeclaredRules.plan(
                List.of(rule("a", "score > 0.9", RuleStatus.ACTIVE, 1)),
                Map.of("a", new DeclaredRules.Stored(rule("a", "score > 0.9", RuleStatus.ACTIVE, 3), "kubernetes")),
                Map.of());
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.refused()).isEmpty();
    }
}

package pe.centinela.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Decision;
import pe.centinela.core.domain.RuleHit;
import pe.centinela.core.domain.RuleOutcome;

class RuleBookTest {

    private final RuleCompiler compiler = new RuleCompiler();
    private final RuleInput input = new RuleInput();

    private static Rule rule(String id, String expression, RuleOutcome outcome, RuleStatus status) {
        return new Rule(id, 3, expression, outcome, status, "descripción " + id, "description " + id);
    }

    @Test
    void liveRulesAndTheListsOwnRulesRunDraftsAndRetiredOnesDoNot() {
        RuleBook book = RuleBook.of(
                List.of(
                        rule("big_wallet", "amount_pen > 1000", RuleOutcome.REVIEW, RuleStatus.ACTIVE),
                        rule("big_shadow", "amount_pen > 500", RuleOutcome.DECLINE, RuleStatus.SHADOW),
                        rule("draft", "amount_pen > 1", RuleOutcome.DECLINE, RuleStatus.DRAFT),
                        rule("retired", "amount_pen > 1", RuleOutcome.DECLINE, RuleStatus.RETIRED)),
                RuleFixtures.LISTS,
                compiler);
        assertThat(book.rules())
                .extracting(r -> r.rule().id())
                .containsExactly("big_shadow", "big_wallet", "list_blocked_devices", "list_trusted_accounts");
        var tx = RuleFixtures.wallet("acc-1", 1200, "2026-03-02T17:00:00Z", "dev-bad", "cp-9");
        List<RuleHit> hits = book.evaluate(input.set(tx, RuleFixtures.features(0, false, false), 0.2));
        assertThat(hits)
                .extracting(RuleHit::ruleId, RuleHit::outcome, RuleHit::shadow)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("big_shadow", RuleOutcome.DECLINE, true),
                        org.assertj.core.groups.Tuple.tuple("big_wallet", RuleOutcome.REVIEW, false),
                        org.assertj.core.groups.Tuple.tuple("list_blocked_devices", RuleOutcome.DECLINE, false));
        assertThat(DecisionPolicy.decide(0.2, 0.9, DecisionPolicy.NEVER, hits)).isEqualTo(Decision.DECLINE);
        var vip = RuleFixtures.wallet("acc-vip", 1200, "2026-03-02T17:00:00Z", "dev-bad", "cp-9");
        assertThat(DecisionPolicy.decide(
                        0.2,
                        0.9,
                        DecisionPolicy.NEVER,
                        book.evaluate(input.set(vip, RuleFixtures.features(0, false, false), 0.2))))
                .as("the allow list wins over the block list")
                .isEqualTo(Decision.APPROVE);
    }

    @Test
    void noHitIsTheSharedEmptyList() {
        RuleBook book = RuleBook.of(
                List.of(rule("big", "amount_pen > 1000", RuleOutcome.REVIEW, RuleStatus.ACTIVE)),
                RuleLists.NONE,
                compiler);
        var tx = RuleFixtures.wallet("acc-1", 10, "2026-03-02T17:00:00Z", "dev-1", "cp-9");
        assertThat(book.evaluate(input.set(tx, RuleFixtures.features(0, false, false), 0)))
                .isSameAs(List.of());
    }

    @Test
    void aRuleThatNoLongerCompilesIsRefusedAndTheOthersRun() {
        RuleBook book = RuleBook.of(
                List.of(
                        rule("gone_list", "in_list(\"deleted\", ip)", RuleOutcome.DECLINE, RuleStatus.ACTIVE),
                        rule("big", "amount_pen > 1000", RuleOutcome.REVIEW, RuleStatus.ACTIVE)),
                RuleLists.NONE,
                compiler);
        assertThat(book.rules()).extracting(r -> r.rule().id()).containsExactly("big");
        assertThat(book.refused()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isEqualTo("gone_list");
            assertThat(r.reason()).contains("'deleted'");
        });
    }
}

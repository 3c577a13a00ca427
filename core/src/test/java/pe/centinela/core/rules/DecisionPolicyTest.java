package pe.centinela.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Decision;
import pe.centinela.core.domain.RuleHit;
import pe.centinela.core.domain.RuleOutcome;

class DecisionPolicyTest {

    private static RuleHit hit(RuleOutcome outcome, boolean shadow) {
        return new RuleHit("r_" + outcome.code(), 1, outcome, shadow, "es", "en");
    }

    @Test
    void allowRulesWinOverEverything() {
        assertThat(DecisionPolicy.decide(
                        0.99, 0.5, 0.9, List.of(hit(RuleOutcome.DECLINE, false), hit(RuleOutcome.ALLOW, false))))
                .isEqualTo(Decision.APPROVE);
    }

    @Test
    void declineRulesThenTheDeclineThresholdThenReview() {
        assertThat(DecisionPolicy.decide(0.1, 0.5, 0.9, List.of(hit(RuleOutcome.DECLINE, false))))
                .isEqualTo(Decision.DECLINE);
        assertThat(DecisionPolicy.decide(0.95, 0.5, 0.9, List.of(hit(RuleOutcome.REVIEW, false))))
                .isEqualTo(Decision.DECLINE);
        assertThat(DecisionPolicy.decide(0.95, 0.5, DecisionPolicy.NEVER, List.of()))
                .as("without a decline threshold the score alone only sends to review")
                .isEqualTo(Decision.REVIEW);
        assertThat(DecisionPolicy.decide(0.1, 0.5, 0.9, List.of(hit(RuleOutcome.REVIEW, false))))
                .isEqualTo(Decision.REVIEW);
        assertThat(DecisionPolicy.decide(0.5, 0.5, 0.9, List.of())).isEqualTo(Decision.REVIEW);
        assertThat(DecisionPolicy.decide(0.49, 0.5, 0.9, List.of())).isEqualTo(Decision.APPROVE);
    }

    @Test
    void shadowHitsNeverCount() {
        assertThat(DecisionPolicy.decide(
                        0.1, 0.5, 0.9, List.of(hit(RuleOutcome.DECLINE, true), hit(RuleOutcome.REVIEW, true))))
                .isEqualTo(Decision.APPROVE);
        assertThat(DecisionPolicy.decide(0.95, 0.5, 0.9, List.of(hit(RuleOutcome.ALLOW, true))))
                .isEqualTo(Decision.DECLINE);
    }
}

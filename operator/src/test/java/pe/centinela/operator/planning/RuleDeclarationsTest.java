package pe.centinela.operator.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.rules.Rule;
import pe.centinela.core.rules.RuleFile;
import pe.centinela.core.rules.RuleStatus;
import pe.centinela.operator.crd.RefusedRule;
import pe.centinela.operator.crd.RuleSpec;

class RuleDeclarationsTest {

    private static RuleSpec spec(String id, String expression, String outcome, String status) {
        RuleSpec rule = new RuleSpec();
        rule.setId(id);
        rule.setExpression(expression);
        rule.setOutcome(outcome);
        rule.setStatus(status);
        rule.setDescriptionEs("Regla " + id);
        rule.setDescriptionEn("Rule " + id);
        return rule;
    }

    @Test
    void acceptedRulesAreWrittenAsARuleFileAndTheOthersRefusedWithTheReason() throws Exception {
        RuleDeclarations.Checked checked = RuleDeclarations.check(List.of(
                spec("a", "in_list(\"any_list\", device_id) && amount_pen > 100", "decline", "active"),
                spec("b", "new_device", "review", null),
                spec("c", "amount_pen >", "review", "active"),
                spec("d", "new_device", "block", "active"),
                spec("a", "score > 0.5", "review", "active")));
        assertThat(checked.accepted()).extracting(Rule::id).containsExactly("a", "b");
        assertThat(checked.accepted().get(1).status()).isEqualTo(RuleStatus.DRAFT);
        assertThat(checked.inForce()).isEqualTo(1);
        assertThat(checked.refused())
                .extracting(RefusedRule::getId, r -> r.getReason().replaceFirst(":.*", ""))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("c", "line 1, column 13"),
                        org.assertj.core.groups.Tuple.tuple(
                                "d", "unknown outcome 'block', expected decline, review or allow"),
                        org.assertj.core.groups.Tuple.tuple("a", "declared twice; the first one counts"));
        assertThat(RuleFile.parse(RuleDeclarations.file(checked.accepted()), "rules.yaml"))
                .isEqualTo(checked.accepted());
    }
}

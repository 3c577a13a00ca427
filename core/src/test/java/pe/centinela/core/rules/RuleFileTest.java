package pe.centinela.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.RuleOutcome;

class RuleFileTest {

    @Test
    void aFileHoldsOneRuleOrAList() throws Exception {
        List<Rule> one = RuleFile.parse("""
                id: card_testing
                expression: small_count_1h >= 5 && channel == "ecommerce"
                outcome: review
                description_es: Ráfaga de compras pequeñas
                description_en: Burst of small purchases
                """, "card.yaml");
        assertThat(one).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("card_testing");
            assertThat(r.outcome()).isEqualTo(RuleOutcome.REVIEW);
            assertThat(r.status()).isEqualTo(RuleStatus.DRAFT);
        });
        List<Rule> two = RuleFile.parse("""
                rules:
                  - {id: a, expression: "score > 0.9", outcome: decline, status: active, description_es: x, description_en: y}
                  - {id: b, expression: "new_device", outcome: review, description_es: x, description_en: y}
                """, "rules.yaml");
        assertThat(two).extracting(Rule::id).containsExactly("a", "b");
        assertThat(two.get(0).status()).isEqualTo(RuleStatus.ACTIVE);
    }

    @Test
    void mistakesNameTheFileTheRuleAndTheField() {
        assertThatThrownBy(() -> RuleFile.parse(
                        "rules:\n  - {id: a, expression: x, outcome: block, description_es: x, description_en: y}\n",
                        "rules.yaml"))
                .hasMessageContaining("rules.yaml, rule 1 (a)")
                .hasMessageContaining("unknown outcome 'block'");
        assertThatThrownBy(
                        () -> RuleFile.parse("id: a\nexpression: x\noutcome: review\ndescription_es: x\n", "one.yaml"))
                .hasMessageContaining("'description_en' is required");
        assertThatThrownBy(() -> RuleFile.parse("id: a\nexpresion: x\n", "one.yaml"))
                .hasMessageContaining("unknown field 'expresion'");
        assertThatThrownBy(() -> RuleFile.parse("id: [unclosed\n", "bad.yaml")).hasMessageContaining("bad.yaml, line");
    }
}

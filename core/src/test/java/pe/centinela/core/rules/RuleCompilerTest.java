package pe.centinela.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuleCompilerTest {

    private final RuleCompiler compiler = new RuleCompiler();
    private final RuleInput input = new RuleInput();

    @Test
    void theIssuesWalletRuleCompilesToJavaAndHoldsOnlyWhenEveryPartHolds() throws Exception {
        Condition rule = compiler.compile(
                "channel == \"wallet\" && new_counterparty && amount_pen > 3000 && hour_lima < 6", RuleFixtures.LISTS);
        assertThat(rule.compiled()).isTrue();
        // 03:00 in Lima is 08:00 UTC
        var night = RuleFixtures.wallet("acc-1", 3500, "2026-03-02T08:00:00Z", "dev-1", "cp-9");
        assertThat(rule.test(input.set(night, RuleFixtures.features(1, true, false), 0.1)))
                .isTrue();
        assertThat(rule.test(input.set(night, RuleFixtures.features(1, false, false), 0.1)))
                .as("a known counterparty")
                .isFalse();
        var day = RuleFixtures.wallet("acc-1", 3500, "2026-03-02T17:00:00Z", "dev-1", "cp-9");
        assertThat(rule.test(input.set(day, RuleFixtures.features(1, true, false), 0.1)))
                .as("at noon")
                .isFalse();
        var small = RuleFixtures.wallet("acc-1", 2999.99, "2026-03-02T08:00:00Z", "dev-1", "cp-9");
        assertThat(rule.test(input.set(small, RuleFixtures.features(1, true, false), 0.1)))
                .isFalse();
    }

    @Test
    void featuresReadInPlainUnitsAndListsByName() throws Exception {
        var tx = RuleFixtures.wallet("acc-1", 20, "2026-03-02T17:00:00Z", "dev-bad", "cp-9");
        Condition burst = compiler.compile("count_1h >= 12 && score > 0.5", RuleFixtures.LISTS);
        assertThat(burst.test(input.set(tx, RuleFixtures.features(12, false, false), 0.6)))
                .isTrue();
        assertThat(burst.test(input.set(tx, RuleFixtures.features(11, false, false), 0.6)))
                .isFalse();
        Condition blocked = compiler.compile("in_list(\"blocked_devices\", device_id)", RuleFixtures.LISTS);
        assertThat(blocked.test(input.set(tx, RuleFixtures.features(0, false, false), 0)))
                .isTrue();
        var other = RuleFixtures.wallet("acc-1", 20, "2026-03-02T17:00:00Z", "dev-good", "cp-9");
        assertThat(blocked.test(input.set(other, RuleFixtures.features(0, false, false), 0)))
                .isFalse();
        Condition absent =
                compiler.compile("merchant_id == \"\" && mcc_group == \"money_transfer\"", RuleFixtures.LISTS);
        assertThat(absent.test(input.set(tx, RuleFixtures.features(0, false, false), 0)))
                .as("an absent merchant reads as empty text")
                .isTrue();
    }

    @Test
    void aSyntaxErrorIsRefusedWithItsLineAndColumn() {
        assertThatThrownBy(() -> compiler.compile("amount_pen > 3000 &&\n  channel == ", RuleFixtures.LISTS))
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                    assertThat(e.problems()).isNotEmpty();
                    assertThat(e.problems().get(0).line()).isEqualTo(2);
                    assertThat(e.problems().get(0).message()).doesNotStartWith("ERROR");
                });
    }

    @Test
    void anUnknownNameIsRefusedWherItStands() {
        assertThatThrownBy(() -> compiler.compile("amount_pen > 3000 && ammount > 2", RuleFixtures.LISTS))
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).column()).isEqualTo(22);
                    assertThat(e.problems().get(0).message()).contains("ammount");
                });
    }

    @Test
    void typeErrorsAreRefused() {
        assertThatThrownBy(() -> compiler.compile("channel == 3", RuleFixtures.LISTS))
                .isInstanceOf(RuleSyntaxException.class);
        assertThatThrownBy(() -> compiler.compile("amount_pen * 2", RuleFixtures.LISTS))
                .as("not a condition")
                .isInstanceOf(RuleSyntaxException.class);
        assertThatThrownBy(() -> compiler.compile("", RuleFixtures.LISTS))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void anUnknownListIsRefusedNamingTheListsThereAre() {
        assertThatThrownBy(() ->
                        compiler.compile("new_device && in_list(\"blocked_device\", device_id)", RuleFixtures.LISTS))
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.line()).isEqualTo(1);
                        assertThat(p.column()).isEqualTo(23);
                        assertThat(p.message())
                                .contains("'blocked_device'")
                                .contains("blocked_devices, trusted_accounts, watched_ips");
                    });
                });
        assertThatThrownBy(() -> compiler.compile("in_list(device_id, device_id)", RuleFixtures.LISTS))
                .hasMessageContaining("in quotes");
    }

    @Test
    void whatTheCompilerLeavesToCelStillEvaluates() throws Exception {
        Condition rule = compiler.compile(
                "count_1h + 1 > 3 && [\"a\", \"b\"].exists(x, x == channel) == false", RuleFixtures.LISTS);
        assertThat(rule.compiled()).isFalse();
        var tx = RuleFixtures.wallet("acc-1", 20, "2026-03-02T17:00:00Z", "dev-1", "cp-9");
        assertThat(rule.test(input.set(tx, RuleFixtures.features(3, false, false), 0)))
                .isTrue();
        assertThat(rule.test(input.set(tx, RuleFixtures.features(2, false, false), 0)))
                .isFalse();
    }
}

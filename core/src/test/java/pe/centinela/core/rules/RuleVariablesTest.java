package pe.centinela.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import pe.centinela.core.features.FeatureCatalogue;

class RuleVariablesTest {

    private static RuleVariables.Variable named(String name) {
        return RuleVariables.named(name).orElseThrow();
    }

    @Test
    void featuresKeptAsLogarithmsReadInTheirOwnUnits() {
        assertThat(named("count_1h").type()).isEqualTo(RuleVariables.Type.INT);
        assertThat(named("sum_1d").type()).isEqualTo(RuleVariables.Type.DOUBLE);
        assertThat(named("history_count").type()).isEqualTo(RuleVariables.Type.INT);
        assertThat(named("merchant_fraud_share_7d").type()).isEqualTo(RuleVariables.Type.DOUBLE);
        assertThat(named("new_device").type()).isEqualTo(RuleVariables.Type.BOOL);
        assertThat(RuleVariables.named("log_amount")).isEmpty();
        assertThat(RuleVariables.named("channel_wallet"))
                .as("one-hot columns give way to channel")
                .isEmpty();

        double[] row = new double[FeatureCatalogue.SIZE];
        row[FeatureCatalogue.COUNT_1H] = Math.log1p(7);
        row[FeatureCatalogue.window(1, 4)] = Math.log1p(2500.5);
        var tx = RuleFixtures.wallet("acc-1", 20, "2026-03-02T17:00:00Z", "dev-1", "cp-9");
        RuleInput input = new RuleInput().set(tx, row, 0.3);
        assertThat(input.integer(named("count_1h"))).isEqualTo(7);
        assertThat(input.number(named("sum_1d"))).isCloseTo(2500.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(input.integer(named("hour_lima"))).isEqualTo(12);
        assertThat(input.integer(named("weekday_lima"))).isEqualTo(1);
        assertThat(input.number(named("score"))).isEqualTo(0.3);
    }

    @Test
    void namesAreUniqueAndIndexed() {
        assertThat(RuleVariables.all()).extracting(RuleVariables.Variable::name).doesNotHaveDuplicates();
        for (int i = 0; i < RuleVariables.size(); i++) {
            assertThat(RuleVariables.all().get(i).index()).isEqualTo(i);
        }
    }
}

package pe.centinela.workbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.inference.Scorer;

/** The interleaved measurement scores every batch once with the rules and once without, across traffic restarts. */
class RulesCostTest {

    private static final int BATCH = 50;

    @Test
    void everyMeasuredRoundScoresTheSameBatchWithAndWithoutTheRules() {
        List<Transaction> traffic = traffic(3 * BATCH);
        AtomicLong rowsScored = new AtomicLong();
        Scorer counting = new Scorer() {
            @Override
            public int inputSize() {
                return FeatureCatalogue.SIZE;
            }

            @Override
            public RowScore[] score(double[][] rawRows, double explainFrom) {
                rowsScored.addAndGet(rawRows.length);
                RowScore[] scores = new RowScore[rawRows.length];
                java.util.Arrays.fill(scores, new RowScore(0.1, null));
                return scores;
            }
        };
        RulesCost cost = new RulesCost(counting, 0.9, BenchRules.book(50), traffic, BATCH);

        RulesCost.Result result = cost.measure(Duration.ZERO, Duration.ofMillis(300));

        assertThat(result.rounds())
                .as("several passes over three batches of traffic")
                .isGreaterThan(6);
        assertThat(rowsScored.get())
                .as(
                        "each round scores one batch on each engine (rows held by a rule may be scored again to explain them)")
                .isGreaterThanOrEqualTo(2L * BATCH * result.rounds());
        assertThat(result.withoutNanosPerTx()).isPositive();
        assertThat(result.withNanosPerTx()).isPositive();
    }

    @Test
    void lessThanTwoBatchesOfTrafficIsRefused() {
        assertThatThrownBy(() -> new RulesCost(null, 0.9, BenchRules.book(1), traffic(BATCH), BATCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two batches");
    }

    private static List<Transaction> traffic(int size) {
        List<Transaction> traffic = new ArrayList<>(size);
        for (Transaction tx : ScoringBenchmarks.generated(3)) {
            if (traffic.size() == size) {
                break;
            }
            traffic.add(tx);
        }
        return traffic;
    }
}

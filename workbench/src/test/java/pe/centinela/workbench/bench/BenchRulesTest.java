package pe.centinela.workbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.rules.RuleBook;
import pe.centinela.core.rules.RuleInput;

/**
 * The benchmark's rules hold about as often as a fraud team's do: on a small share of the traffic, so that
 * {@code fraud bench scoring --rules N} measures rules that are evaluated, not rules that turn most transactions into
 * alerts.
 */
class BenchRulesTest {

    @Test
    void fiftyRulesHoldOnAFewTransactionsInAThousand() {
        List<Transaction> traffic = new ArrayList<>();
        ScoringBenchmarks.generated(21).forEach(traffic::add);
        RuleBook book = BenchRules.book(50);
        FeaturePipeline pipeline = new FeaturePipeline();
        RuleInput input = new RuleInput();
        double[] row = new double[FeatureCatalogue.SIZE];
        int held = 0;
        for (Transaction tx : traffic) {
            pipeline.next(tx, row);
            if (!book.evaluate(input.set(tx, row, 0.2)).isEmpty()) {
                held++;
            }
        }
        double share = held / (double) traffic.size();
        System.out.printf(
                "BenchRulesTest: 50 rules held on %d of %d transactions (%.2f %%)%n",
                held, traffic.size(), 100 * share);
        assertThat(held)
                .as("the rules are evaluated on traffic where some hold")
                .isPositive();
        assertThat(share).as("share of transactions on which a rule holds").isLessThan(0.02);
    }
}

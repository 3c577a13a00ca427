package pe.centinela.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.inference.Scorer;
import pe.centinela.core.rules.RuleCompiler;
import pe.centinela.core.rules.RuleLists;

class RuleTrialTest {

    /** Scores a transaction 0.9 when its amount is above S/ 4,000, else 0.1: reads ln(1 + amount). */
    private static final Scorer BY_AMOUNT = new Scorer() {
        @Override
        public int inputSize() {
            return FeatureCatalogue.SIZE;
        }

        @Override
        public RowScore[] score(double[][] rows, double explainFrom) {
            RowScore[] scores = new RowScore[rows.length];
            for (int i = 0; i < rows.length; i++) {
                scores[i] = new RowScore(rows[i][FeatureCatalogue.LOG_AMOUNT] > Math.log1p(4000) ? 0.9 : 0.1, null);
            }
            return scores;
        }
    };

    private static Transaction tx(String id, String at, double amount, Boolean fraud) {
        return new Transaction(
                id,
                "acc-" + id.charAt(0),
                BigDecimal.valueOf(amount),
                "PEN",
                BigDecimal.valueOf(amount),
                "PEN",
                Instant.parse(at),
                "m-1",
                "5411",
                Channel.ECOMMERCE,
                "dev-1",
                null,
                null,
                "PE",
                fraud,
                null);
    }

    @Test
    void countsHitsFraudsAndTheModelsOverlapPerDayInTheWindowOnly() throws Exception {
        List<Transaction> history = new ArrayList<>();
        history.add(tx("a0", "2026-03-01T15:00:00Z", 5000, true)); // before the window: warms only
        history.add(tx("a1", "2026-03-02T15:00:00Z", 1500, true)); // hit, fraud, not alerted
        history.add(tx("b1", "2026-03-02T16:00:00Z", 4500, false)); // hit, legit, alerted
        history.add(tx("c1", "2026-03-02T17:00:00Z", 50, true)); // missed fraud
        history.add(tx("d1", "2026-03-03T15:00:00Z", 2000, null)); // hit, unlabelled
        history.add(tx("e1", "2026-03-03T16:00:00Z", 20, null));
        history.add(tx("f1", "2026-03-05T15:00:00Z", 9000, true)); // after the window
        RuleTrial.Report report = RuleTrial.run(
                history.iterator(),
                new RuleCompiler().compile("amount_pen > 1000", RuleLists.NONE),
                new RuleTrial.Model("v1", BY_AMOUNT, 0.5),
                Duration.ofDays(7),
                Instant.parse("2026-03-02T05:00:00Z"),
                Instant.parse("2026-03-04T05:00:00Z"));
        assertThat(report.transactions()).isEqualTo(5);
        assertThat(report.replayed()).isEqualTo(6);
        assertThat(report.hits()).isEqualTo(3);
        assertThat(report.fraudHits()).isEqualTo(1);
        assertThat(report.legitHits()).isEqualTo(1);
        assertThat(report.precision()).isEqualTo(0.5);
        assertThat(report.frauds()).isEqualTo(2);
        assertThat(report.fraudsCaught()).isEqualTo(1);
        assertThat(report.fraudsMissed()).isEqualTo(1);
        assertThat(report.alreadyAlerted()).isEqualTo(1);
        assertThat(report.addedAlerts()).isEqualTo(2);
        assertThat(report.days())
                .extracting(RuleTrial.Day::day, RuleTrial.Day::hits, RuleTrial.Day::modelAlerts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-03-02"), 2L, 1L),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-03-03"), 1L, 0L));
    }

    @Test
    void aRuleOnTheScoreReadsTheModelInForce() throws Exception {
        List<Transaction> history =
                List.of(tx("a1", "2026-03-02T15:00:00Z", 4500, true), tx("b1", "2026-03-02T16:00:00Z", 100, false));
        RuleTrial.Report report = RuleTrial.run(
                history.iterator(),
                new RuleCompiler().compile("score > 0.5", RuleLists.NONE),
                new RuleTrial.Model("v1", BY_AMOUNT, 0.95),
                Duration.ofDays(7),
                Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-10T00:00:00Z"));
        assertThat(report.hits()).isEqualTo(1);
        assertThat(report.fraudsCaught()).isEqualTo(1);
        assertThat(report.addedAlerts())
                .as("the model's threshold is above its score")
                .isEqualTo(1);
        assertThat(report.modelVersion()).isEqualTo("v1");
    }
}

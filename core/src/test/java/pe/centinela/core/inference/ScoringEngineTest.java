package pe.centinela.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static pe.centinela.core.rules.DecisionPolicy.NEVER;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;

class ScoringEngineTest {

    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    /** Reconstructs every input as zeros, so the error of a row is the mean of its squared inputs. */
    private static final ReconstructionModel ZEROS = new ReconstructionModel() {
        @Override
        public int inputSize() {
            return FeatureCatalogue.SIZE;
        }

        @Override
        public double[][] reconstruct(double[][] rows) {
            return new double[rows.length][FeatureCatalogue.SIZE];
        }
    };

    private static ScoringEngine.ActiveModel model(String version, double threshold) {
        double[] mean = new double[FeatureCatalogue.SIZE];
        double[] scale = new double[FeatureCatalogue.SIZE];
        Arrays.fill(scale, 1.0);
        ErrorCalibration calibration = ErrorCalibration.fit(new double[] {0.5, 1.0, 1.5, 2.0}, 5);
        return new ScoringEngine.ActiveModel(
                version, new AnomalyScorer(new Standardizer(mean, scale, 100), calibration, ZEROS), threshold);
    }

    private static Transaction tx(String id, String account, double amount, String time) {
        return new Transaction(
                id,
                account,
                BigDecimal.valueOf(amount),
                "PEN",
                BigDecimal.valueOf(amount),
                "PEN",
                Instant.parse(time),
                "m-1",
                "5732",
                Channel.ECOMMERCE,
                "d",
                null,
                null,
                "PE",
                null,
                null);
    }

    private static ScoringEngine.Outcome scoreOne(ScoringEngine engine, Transaction t) {
        ScoringEngine.PreparedBatch batch = engine.prepare(List.of(t));
        return engine.complete(batch, engine.score(batch)).get(0);
    }

    @Test
    void transactionsOfOneAccountInOneBatchSeeEachOther() {
        ScoringEngine engine = new ScoringEngine(model("v1", 0.99), Clock.fixed(NOW, ZoneOffset.UTC));
        ScoringEngine.PreparedBatch batch = engine.prepare(List.of(
                tx("a", "acc-1", 10, "2026-11-24T14:00:00Z"),
                tx("b", "acc-1", 12, "2026-11-24T14:01:00Z"),
                tx("c", "acc-2", 12, "2026-11-24T14:01:00Z")));
        assertThat(batch.contexts()[0].count1h()).isZero();
        assertThat(batch.contexts()[1].count1h()).isEqualTo(1);
        assertThat(batch.contexts()[1].secondsSincePrevious()).isEqualTo(60);
        assertThat(batch.contexts()[2].count1h()).isZero();
        assertThat(engine.accountsTracked()).isEqualTo(2);
    }

    @Test
    void scoreAtOrAboveThresholdRaisesAnExplainedAlert() {
        ScoringEngine engine = new ScoringEngine(model("v1", 0.5), Clock.fixed(NOW, ZoneOffset.UTC));
        ScoringEngine.Outcome outcome = scoreOne(engine, tx("big", "acc-1", 25_000, "2026-11-24T07:30:00Z"));
        assertThat(outcome.score().score()).isGreaterThanOrEqualTo(0.5);
        assertThat(outcome.alerted()).isTrue();
        assertThat(outcome.alert().alertId()).isEqualTo("al-big");
        assertThat(outcome.alert().modelVersion()).isEqualTo("v1");
        assertThat(outcome.alert().threshold()).isEqualTo(0.5);
        assertThat(outcome.alert().reasons()).isNotEmpty();
        assertThat(outcome.score().scoredAt()).isEqualTo(NOW);
    }

    @Test
    void scoreBelowThresholdRaisesNoAlert() {
        ScoringEngine engine = new ScoringEngine(model("v1", 1.0), Clock.fixed(NOW, ZoneOffset.UTC));
        ScoringEngine.Outcome outcome = scoreOne(engine, tx("small", "acc-1", 20, "2026-11-24T15:00:00Z"));
        assertThat(outcome.alerted()).isFalse();
        assertThat(outcome.score().alert()).isFalse();
    }

    @Test
    void aSequenceModelGetsTheAccountsRecentTransactionsFlattened() {
        int steps = pe.centinela.core.features.FeaturePipeline.DEFAULT_SEQUENCE_LENGTH;
        double[] mean = new double[steps * FeatureCatalogue.SIZE];
        double[] scale = new double[steps * FeatureCatalogue.SIZE];
        Arrays.fill(scale, 1.0);
        ProbabilityModel half = new ProbabilityModel() {
            @Override
            public int inputSize() {
                return steps * FeatureCatalogue.SIZE;
            }

            @Override
            public double[] fraudProbability(double[][] rows) {
                double[] p = new double[rows.length];
                Arrays.fill(p, 0.5);
                return p;
            }
        };
        ScoringEngine engine = new ScoringEngine(
                new ScoringEngine.ActiveModel(
                        "cnn-1", new ClassifierScorer(new Standardizer(mean, scale, 100), half), 0.9),
                Clock.fixed(NOW, ZoneOffset.UTC));
        engine.prepare(List.of(tx("a", "acc-1", 10, "2026-11-24T14:00:00Z")));
        ScoringEngine.PreparedBatch batch = engine.prepare(List.of(tx("b", "acc-1", 20, "2026-11-24T14:05:00Z")));
        double[] row = batch.rows()[0];
        assertThat(row).hasSize(steps * FeatureCatalogue.SIZE);
        assertThat(row[(steps - 2) * FeatureCatalogue.SIZE + FeatureCatalogue.LOG_AMOUNT])
                .isCloseTo(Math.log1p(10), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(row[(steps - 1) * FeatureCatalogue.SIZE + FeatureCatalogue.LOG_AMOUNT])
                .isEqualTo(Math.log1p(20));
        assertThat(engine.complete(batch, engine.score(batch)).get(0).score().score())
                .isEqualTo(0.5);
    }

    @Test
    void activatedModelAppliesFromTheNextBatch() {
        ScoringEngine engine = new ScoringEngine(model("v1", 0.5), Clock.fixed(NOW, ZoneOffset.UTC));
        ScoringEngine.PreparedBatch before = engine.prepare(List.of(tx("a", "acc-1", 10, "2026-11-24T14:00:00Z")));
        engine.activate(model("v2", 0.5));
        assertThat(engine.complete(before, engine.score(before)).get(0).score().modelVersion())
                .isEqualTo("v1");
        assertThat(scoreOne(engine, tx("b", "acc-1", 10, "2026-11-24T14:05:00Z"))
                        .score()
                        .modelVersion())
                .isEqualTo("v2");
    }

    /** A model that gives every transaction the same score. */
    private static ScoringEngine.ActiveModel constant(String version, double score, double threshold) {
        Scorer scorer = new Scorer() {
            @Override
            public int inputSize() {
                return FeatureCatalogue.SIZE;
            }

            @Override
            public RowScore[] score(double[][] rows, double explainFrom) {
                RowScore[] scores = new RowScore[rows.length];
                Arrays.fill(
                        scores, new RowScore(score, score >= explainFrom ? new double[FeatureCatalogue.SIZE] : null));
                return scores;
            }
        };
        return new ScoringEngine.ActiveModel(version, scorer, threshold);
    }

    @Test
    void aCanaryScoresAStableShareOfAccountsAndAShadowScoresEverythingWithoutAlerting() {
        ScoringEngine engine = new ScoringEngine(constant("active", 0.1, 0.5), Clock.fixed(NOW, ZoneOffset.UTC));
        engine.activate(new ScoringEngine.ModelSet(
                constant("active", 0.1, 0.5),
                constant("canary", 0.9, 0.5),
                0.3,
                constant("shadow", 0.8, 0.5),
                0.05,
                NEVER));
        java.util.List<Transaction> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            batch.add(tx("t" + i, "acc-" + (i % 400), 10, "2026-11-24T14:00:00Z"));
        }
        ScoringEngine.PreparedBatch prepared = engine.prepare(batch);
        List<ScoringEngine.Outcome> outcomes = engine.complete(prepared, engine.score(prepared));
        java.util.Map<String, java.util.Set<String>> versionsByAccount = new java.util.HashMap<>();
        outcomes.forEach(o -> versionsByAccount
                .computeIfAbsent(o.score().accountId(), a -> new java.util.HashSet<>())
                .add(o.score().modelVersion()));
        assertThat(versionsByAccount.values()).allSatisfy(v -> assertThat(v).hasSize(1));
        long canaryAccounts = versionsByAccount.values().stream()
                .filter(v -> v.contains("canary"))
                .count();
        assertThat(canaryAccounts).isBetween(80L, 160L);
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.score().shadowVersion()).isEqualTo("shadow");
            assertThat(o.score().shadowScore()).isEqualTo(0.8);
            assertThat(o.score().shadowAlert()).isTrue();
            assertThat(o.alerted()).isEqualTo(o.score().modelVersion().equals("canary"));
            assertThat(o.score().review()).isEqualTo(o.score().modelVersion().equals("active"));
        });
        assertThat(outcomes.stream().filter(ScoringEngine.Outcome::alerted))
                .allSatisfy(o -> assertThat(o.alert().modelVersion()).isEqualTo("canary"));
        assertThat(CanaryRouting.inCanary("acc-7", 0.3)).isEqualTo(CanaryRouting.inCanary("acc-7", 0.3));
        assertThat(CanaryRouting.inCanary("acc-7", 0)).isFalse();
        assertThat(CanaryRouting.inCanary("acc-7", 1)).isTrue();
    }

    @Test
    void modelsThatTakeDifferentInputsCannotScoreTogether() {
        ScoringEngine engine = new ScoringEngine(constant("active", 0.1, 0.5), Clock.fixed(NOW, ZoneOffset.UTC));
        ScoringEngine.ActiveModel sequences = new ScoringEngine.ActiveModel(
                "cnn",
                new Scorer() {
                    @Override
                    public int inputSize() {
                        return FeatureCatalogue.SIZE * 6;
                    }

                    @Override
                    public int sequenceLength() {
                        return 6;
                    }

                    @Override
                    public RowScore[] score(double[][] rows, double explainFrom) {
                        return new RowScore[rows.length];
                    }
                },
                0.5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.activate(new ScoringEngine.ModelSet(
                        constant("active", 0.1, 0.5), null, 0, sequences, ScoringEngine.NO_REVIEW, NEVER)))
                .hasMessageContaining("cannot score the same rows");
    }

    @Test
    void rulesAndScoreMakeOneDecisionOnTheScoreRecordAndTheAlert() {
        var book = pe.centinela.core.rules.RuleBook.of(
                List.of(
                        new pe.centinela.core.rules.Rule(
                                "big_ecommerce",
                                1,
                                "channel == \"ecommerce\" && amount_pen > 5000",
                                pe.centinela.core.domain.RuleOutcome.DECLINE,
                                pe.centinela.core.rules.RuleStatus.ACTIVE,
                                "Compra en línea grande",
                                "Large online purchase"),
                        new pe.centinela.core.rules.Rule(
                                "any_amount",
                                2,
                                "amount_pen > 1",
                                pe.centinela.core.domain.RuleOutcome.REVIEW,
                                pe.centinela.core.rules.RuleStatus.SHADOW,
                                "Cualquier monto",
                                "Any amount"),
                        new pe.centinela.core.rules.Rule(
                                "vip",
                                1,
                                "account_id == \"acc-vip\"",
                                pe.centinela.core.domain.RuleOutcome.ALLOW,
                                pe.centinela.core.rules.RuleStatus.ACTIVE,
                                "Cliente conocido",
                                "Known customer")),
                pe.centinela.core.rules.RuleLists.NONE,
                new pe.centinela.core.rules.RuleCompiler());
        ScoringEngine low = new ScoringEngine(constant("low", 0.1, 0.5), Clock.fixed(NOW, ZoneOffset.UTC));
        low.activate(book);
        ScoringEngine.Outcome big = scoreOne(low, tx("big", "acc-1", 6000, "2026-11-24T14:00:00Z"));
        assertThat(big.score().decision()).isEqualTo(pe.centinela.core.domain.Decision.DECLINE);
        assertThat(big.alerted())
                .as("a decline raises an alert even on a low score")
                .isTrue();
        assertThat(big.alert().decision()).isEqualTo(pe.centinela.core.domain.Decision.DECLINE);
        assertThat(big.alert().rules())
                .extracting(pe.centinela.core.domain.RuleHit::ruleId)
                .containsExactly("any_amount", "big_ecommerce");
        ScoringEngine.Outcome small = scoreOne(low, tx("small", "acc-1", 20, "2026-11-24T14:05:00Z"));
        assertThat(small.score().decision()).isEqualTo(pe.centinela.core.domain.Decision.APPROVE);
        assertThat(small.alerted())
                .as("a shadow rule's hit is recorded, not acted on")
                .isFalse();
        assertThat(small.score().rules())
                .extracting(pe.centinela.core.domain.RuleHit::shadow)
                .containsExactly(true);

        ScoringEngine high = new ScoringEngine(constant("high", 0.9, 0.5), Clock.fixed(NOW, ZoneOffset.UTC));
        high.activate(book);
        assertThat(scoreOne(high, tx("h", "acc-1", 20, "2026-11-24T14:00:00Z"))
                        .score()
                        .decision())
                .isEqualTo(pe.centinela.core.domain.Decision.REVIEW);
        ScoringEngine.Outcome vip = scoreOne(high, tx("v", "acc-vip", 20, "2026-11-24T14:00:00Z"));
        assertThat(vip.score().decision()).isEqualTo(pe.centinela.core.domain.Decision.APPROVE);
        assertThat(vip.alerted()).as("an allow rule wins over a high score").isFalse();
    }
}

package pe.centinela.core.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PromotionRuleTest {

    static final Instant SINCE = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aCandidateGoesInShadowOnlyWhenItBeatsTheModelInForceByTheMargin() {
        var settings = RetrainPlannerTest.SETTINGS;
        assertThat(PromotionRule.afterTraining(0.80, "v1", OptionalDouble.of(0.79), settings)
                        .outcome())
                .isEqualTo(PromotionRule.Outcome.SHADOW);
        PromotionRule.Verdict close = PromotionRule.afterTraining(0.795, "v1", OptionalDouble.of(0.79), settings);
        assertThat(close.outcome()).isEqualTo(PromotionRule.Outcome.REJECT);
        assertThat(close.reason()).isEqualTo("validation");
        assertThat(close.figures())
                .containsEntry("in_force", "v1")
                .containsEntry("in_force_validation_average_precision", 0.79);
    }

    @Test
    void withNoModelInForceTheCandidateIsPromoted() {
        PromotionRule.Verdict verdict =
                PromotionRule.afterTraining(0.3, null, OptionalDouble.empty(), RetrainPlannerTest.SETTINGS);
        assertThat(verdict.outcome()).isEqualTo(PromotionRule.Outcome.PROMOTE);
        assertThat(verdict.reason()).isEqualTo("no_model_in_force");
    }

    @Test
    void theShadowIsPromotedWhenItRanksTheDecidedAlertsBetter() {
        // in force: the two confirmed frauds below a false positive; shadow: them on top
        ShadowFigures figures = ShadowFigures.of(
                decidedScores(new double[] {0.95, 0.91, 0.92}, 30),
                decidedScores(new double[] {0.2, 0.9, 0.8}, 30),
                decidedFrauds(30));
        assertThat(figures.shadowAveragePrecision()).isGreaterThan(figures.inForceAveragePrecision());
        PromotionRule.Verdict verdict =
                PromotionRule.afterShadow(SINCE.plus(Duration.ofDays(2)), SINCE, figures, RetrainPlannerTest.SETTINGS);
        assertThat(verdict.outcome()).isEqualTo(PromotionRule.Outcome.PROMOTE);
        assertThat(verdict.figures()).containsEntry("decided_alerts", 30);
    }

    @Test
    void theShadowIsRejectedWhenItRanksThemWorse() {
        ShadowFigures figures = ShadowFigures.of(
                decidedScores(new double[] {0.2, 0.9, 0.8}, 30),
                decidedScores(new double[] {0.95, 0.91, 0.92}, 30),
                decidedFrauds(30));
        PromotionRule.Verdict verdict =
                PromotionRule.afterShadow(SINCE.plus(Duration.ofDays(2)), SINCE, figures, RetrainPlannerTest.SETTINGS);
        assertThat(verdict.outcome()).isEqualTo(PromotionRule.Outcome.REJECT);
        assertThat(verdict.reason()).isEqualTo("shadow");
    }

    @Test
    void tooFewDecidedAlertsKeepTheShadowRunningUntilTheLimitThenRejectIt() {
        ShadowFigures few = ShadowFigures.of(
                decidedScores(new double[] {0.2, 0.9, 0.8}, 10),
                decidedScores(new double[] {0.95, 0.91, 0.92}, 10),
                decidedFrauds(10));
        var settings = RetrainPlannerTest.SETTINGS;
        assertThat(PromotionRule.afterShadow(SINCE.plus(Duration.ofDays(5)), SINCE, few, settings)
                        .outcome())
                .isEqualTo(PromotionRule.Outcome.KEEP_SHADOWING);
        PromotionRule.Verdict limit =
                PromotionRule.afterShadow(SINCE.plus(settings.shadowLimit()), SINCE, few, settings);
        assertThat(limit.outcome()).isEqualTo(PromotionRule.Outcome.REJECT);
        assertThat(limit.reason()).isEqualTo("too_few_decided");
    }

    @Test
    void decisionsThatAreAllFalsePositivesCannotTellTheModelsApart() {
        ShadowFigures none = ShadowFigures.of(new double[40], new double[40], new boolean[40]);
        assertThat(none.informative()).isFalse();
        assertThat(PromotionRule.afterShadow(SINCE.plus(Duration.ofDays(2)), SINCE, none, RetrainPlannerTest.SETTINGS)
                        .outcome())
                .isEqualTo(PromotionRule.Outcome.KEEP_SHADOWING);
    }

    /** {@code n} decided alerts: the first three as given (the last two are the frauds), the rest false positives scored 0.5. */
    private static double[] decidedScores(double[] firstThree, int n) {
        double[] scores = new double[n];
        java.util.Arrays.fill(scores, 0.5);
        System.arraycopy(firstThree, 0, scores, 0, 3);
        return scores;
    }

    private static boolean[] decidedFrauds(int n) {
        boolean[] frauds = new boolean[n];
        frauds[1] = true;
        frauds[2] = true;
        return frauds;
    }
}

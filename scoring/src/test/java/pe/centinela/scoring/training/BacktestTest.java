package pe.centinela.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.domain.Transaction;
import pe.centinela.generator.GeneratorSettings;
import pe.centinela.generator.TransactionGenerator;

/** A small backtest on generated data: the windows never overlap and every model is measured on the test window. */
class BacktestTest {

    static Backtest.Result result;

    static Iterator<Transaction> generated() {
        TransactionGenerator g =
                new TransactionGenerator(GeneratorSettings.defaults(9, Instant.parse("2026-01-01T05:00:00Z"))
                        .withAccounts(400)
                        .withFraudRate(0.03));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Transaction next() {
                return g.next().transaction();
            }
        };
    }

    @BeforeAll
    static void run() {
        Backtest.Options options = new Backtest.Options(
                Duration.ofDays(20),
                Duration.ofDays(3),
                Duration.ofDays(7),
                0.2,
                0.5,
                List.of(ModelFamily.LOGISTIC, ModelFamily.AUTOENCODER),
                Imbalance.WEIGHTS,
                10,
                10,
                1,
                null);
        result = new Backtest(options).run(generated(), new Backtest.Progress() {
            @Override
            public void replayed(long rows, Instant at) {}

            @Override
            public void step(String message) {}
        });
    }

    @Test
    void windowsAreTimeOrderedWithTheFeedbackGapBetweenTrainingAndTest() {
        LabelledHistory h = result.history();
        long[] train = h.train().times();
        long[] validation = h.validation().times();
        long[] test = h.test().times();
        assertThat(train[train.length - 1]).isLessThan(validation[0]);
        assertThat(validation[validation.length - 1])
                .isLessThan(h.windows().trainEnd().getEpochSecond());
        assertThat(test[0])
                .isGreaterThanOrEqualTo(
                        h.windows().trainEnd().plus(Duration.ofDays(3)).getEpochSecond());
        assertThat(test[test.length - 1]).isLessThan(h.windows().testEnd().getEpochSecond());
        assertThat(h.test().frauds()).isPositive();
    }

    @Test
    void everyModelIsEvaluatedOnTheWholeTestWindowAndRanksFraudAboveChance() {
        assertThat(result.models())
                .extracting(Backtest.ModelResult::family)
                .containsExactly(ModelFamily.LOGISTIC, ModelFamily.AUTOENCODER);
        for (Backtest.ModelResult r : result.models()) {
            assertThat(r.testScores()).hasSize(result.history().test().size());
            assertThat(r.test().rows()).isEqualTo(result.history().test().size());
            assertThat(r.test().rocAuc()).as(r.family().code()).isGreaterThan(0.6);
            assertThat(r.test().truePositives() + r.test().falseNegatives())
                    .isEqualTo(result.history().test().frauds());
        }
    }

    @Test
    void theReportHoldsMetricsScoresCurvesAndAPage(@TempDir Path dir) throws Exception {
        BacktestReport.write(result, "generated", dir);
        assertThat(Files.readString(dir.resolve("metrics.json")))
                .contains("\"roc_auc\"", "\"average_precision\"", "\"precision_at_top_k_per_day\"");
        assertThat(Files.readAllLines(dir.resolve("scores.csv")))
                .hasSize(result.history().test().size() + 1)
                .first()
                .isEqualTo("transaction_id,timestamp,fraud,logistic,autoencoder");
        assertThat(Files.readString(dir.resolve("roc.svg"))).startsWith("<svg").contains("<path");
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("Nothing was tuned on the test window", "<svg");
    }

    @Test
    void windowsLongerThanTheHistoryAreAClearError() {
        Iterator<Transaction> few = List.of(generated().next()).iterator();
        Backtest.Options options = new Backtest.Options(
                Duration.ofDays(20),
                Duration.ofDays(3),
                Duration.ofDays(7),
                0.2,
                1,
                List.of(ModelFamily.LOGISTIC),
                Imbalance.NONE,
                10,
                10,
                1,
                null);
        assertThatThrownBy(() -> new Backtest(options).run(few, new Backtest.Progress() {
                    @Override
                    public void replayed(long rows, Instant at) {}

                    @Override
                    public void step(String message) {}
                }))
                .hasMessageContaining("a window is empty");
    }
}

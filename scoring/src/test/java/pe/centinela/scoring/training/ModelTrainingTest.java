package pe.centinela.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.core.inference.Scorer;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.bundle.TestSigning;

/** fraud train's core: a supervised bundle that, saved and loaded, scores exactly like the trained model and explains itself. */
class ModelTrainingTest {

    private static Iterator<Transaction> limited(int rows) {
        Iterator<Transaction> all = BacktestTest.generated();
        return new Iterator<>() {
            int given;

            @Override
            public boolean hasNext() {
                return given < rows;
            }

            @Override
            public Transaction next() {
                given++;
                return all.next();
            }
        };
    }

    private static ModelTraining.Result hybrid;

    private static ModelTraining.Result train(ModelFamily family) {
        if (family == ModelFamily.HYBRID) {
            // two tests read the same hybrid: trained once
            hybrid = hybrid != null ? hybrid : train(java.util.List.of(family), 25_000);
            return hybrid;
        }
        // the convolutional network is the slowest to train; its test checks saving and loading, which any size shows
        return train(java.util.List.of(family), family == ModelFamily.CNN ? 8_000 : 25_000);
    }

    private static ModelTraining.Result train(java.util.List<ModelFamily> candidates) {
        return train(candidates, 25_000);
    }

    private static ModelTraining.Result train(java.util.List<ModelFamily> candidates, int rows) {
        ModelTraining.Options options = new ModelTraining.Options(
                candidates, Imbalance.WEIGHTS, Duration.ofDays(2), 0.25, 1.0, 20.0, null, 3, null);
        return new ModelTraining(options, Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC))
                .train(limited(rows), new Backtest.Progress() {
                    @Override
                    public void replayed(long rows, Instant at) {}

                    @Override
                    public void step(String message) {}
                });
    }

    @Test
    void autoKeepsTheCandidateWithTheBestValidationAveragePrecisionAndRecordsThemAll() {
        ModelTraining.Result result =
                train(java.util.List.of(ModelFamily.AUTOENCODER, ModelFamily.LOGISTIC, ModelFamily.GBDT));
        assertThat(result.candidates())
                .extracting(ModelTraining.Candidate::family)
                .containsExactly(ModelFamily.AUTOENCODER, ModelFamily.LOGISTIC, ModelFamily.GBDT);
        ModelTraining.Candidate best = result.candidates().stream()
                .max(java.util.Comparator.comparingDouble(ModelTraining.Candidate::averagePrecision))
                .orElseThrow();
        assertThat(result.fitted().family()).isEqualTo(best.family());
        assertThat(result.manifest().kind()).isEqualTo(best.family().code());
        assertThat(result.validation().averagePrecision()).isEqualTo(best.averagePrecision());
        for (ModelTraining.Candidate c : result.candidates()) {
            assertThat(result.manifest().metrics())
                    .containsEntry(
                            "candidate_" + c.family().code() + "_validation_average_precision", c.averagePrecision());
        }
        assertThat(result.candidates())
                .extracting(ModelTraining.Candidate::averagePrecision)
                .doesNotHaveDuplicates();
    }

    @Test
    void aHybridBundleScoresLikeTheTrainedModelAfterLoading(@TempDir Path dir) throws Exception {
        ModelTraining.Result result = train(ModelFamily.HYBRID);
        ModelManifest manifest = result.manifest();
        assertThat(manifest.version()).startsWith("hybrid-20261124-120000-");
        assertThat(manifest.alertThreshold()).isBetween(0.0, 1.0);
        assertThat(manifest.metrics().get("validation_roc_auc")).isGreaterThan(0.7);

        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = bundles.save(
                manifest,
                result.fitted().classifier().network(),
                result.fitted().autoencoder().network());
        assertThat(saved.autoencoderSha256()).hasSize(64);
        Scorer loaded = bundles.load(saved.version()).scorer();

        double[][] rows = new double[3][FeatureCatalogue.SIZE];
        rows[1][FeatureCatalogue.LOG_AMOUNT] = 9;
        rows[2][FeatureCatalogue.NIGHT] = 1;
        Scorer.RowScore[] expected = result.fitted().scorer().score(rows, 0);
        Scorer.RowScore[] actual = loaded.score(rows, 0);
        for (int i = 0; i < rows.length; i++) {
            assertThat(actual[i].score()).isEqualTo(expected[i].score());
            assertThat(actual[i].contributions()).hasSize(FeatureCatalogue.SIZE);
            assertThat(java.util.Arrays.stream(actual[i].contributions()).min().orElse(0))
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aConvolutionalBundleScoresSequencesLikeTheTrainedModelAfterLoading(@TempDir Path dir) throws Exception {
        ModelTraining.Result result = train(ModelFamily.CNN);
        int steps = pe.centinela.core.features.FeaturePipeline.DEFAULT_SEQUENCE_LENGTH;
        assertThat(result.fitted().scorer().sequenceLength()).isEqualTo(steps);
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved =
                bundles.save(result.manifest(), result.fitted().classifier().network(), null);
        Scorer loaded = bundles.load(saved.version()).scorer();
        assertThat(loaded.sequenceLength()).isEqualTo(steps);
        double[][] sequences = new double[2][steps * FeatureCatalogue.SIZE];
        sequences[1][(steps - 1) * FeatureCatalogue.SIZE + FeatureCatalogue.LOG_AMOUNT] = 9;
        Scorer.RowScore[] expected = result.fitted().scorer().score(sequences, 0);
        Scorer.RowScore[] actual = loaded.score(sequences, 0);
        for (int i = 0; i < sequences.length; i++) {
            assertThat(actual[i].score()).isEqualTo(expected[i].score());
            assertThat(actual[i].contributions()).hasSize(FeatureCatalogue.SIZE);
        }
    }

    @Test
    void lowScoresAreNotExplained() {
        ModelTraining.Result result = train(ModelFamily.LOGISTIC);
        Scorer.RowScore score = result.fitted().scorer().score(new double[1][FeatureCatalogue.SIZE], 1.01)[0];
        assertThat(score.contributions()).isNull();
        assertThat(result.manifest().kind()).isEqualTo("logistic");
    }

    @Test
    void thePlainJavaForwardPassGivesDl4jsScoresOnARealBundle(@TempDir Path dir) throws Exception {
        ModelTraining.Result result = train(ModelFamily.HYBRID);
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = bundles.save(
                result.manifest(),
                result.fitted().classifier().network(),
                result.fitted().autoencoder().network());
        Scorer dl4j = bundles.load(saved.version(), ModelBundles.Inference.DL4J).scorer();
        Scorer java = bundles.load(saved.version(), ModelBundles.Inference.JAVA).scorer();
        assertThat(dl4j.toString()).isEqualTo("ClassifierScorer[Dl4jClassifier, AnomalyScorer[Dl4jAutoencoder]]");
        assertThat(java.toString()).isEqualTo("ClassifierScorer[DenseNetwork, AnomalyScorer[DenseNetwork]]");

        pe.centinela.core.features.FeaturePipeline features = new pe.centinela.core.features.FeaturePipeline();
        Iterator<Transaction> traffic = limited(3_000);
        double[][] rows = new double[3_000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[FeatureCatalogue.SIZE];
            features.next(traffic.next(), rows[i]);
        }
        Scorer.RowScore[] expected = dl4j.score(rows, 0.5);
        Scorer.RowScore[] actual = java.score(rows, 0.5);
        for (int i = 0; i < rows.length; i++) {
            assertThat(actual[i].score())
                    .as("row %d", i)
                    .isCloseTo(expected[i].score(), org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    @Test
    void anAutoencoderTrainedAloneIsSavedAndScoresTheSameAfterLoading(@TempDir Path dir) throws Exception {
        ModelTraining.Result result = train(ModelFamily.AUTOENCODER);
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = result.saveTo(bundles);
        assertThat(saved.kind()).isEqualTo("autoencoder");
        double[][] rows = new double[2][FeatureCatalogue.SIZE];
        rows[1][FeatureCatalogue.LOG_AMOUNT] = 9;
        Scorer.RowScore[] expected = result.fitted().scorer().score(rows, 0);
        Scorer.RowScore[] actual = bundles.load(saved.version()).scorer().score(rows, 0);
        for (int i = 0; i < rows.length; i++) {
            assertThat(actual[i].score()).isEqualTo(expected[i].score());
        }
    }
}

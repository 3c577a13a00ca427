package pe.centinela.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pe.centinela.core.domain.Alert;
import pe.centinela.core.domain.Reason;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.features.FeatureCatalogue;
import pe.centinela.core.features.FeaturePipeline;
import pe.centinela.core.inference.ModelManifest;
import pe.centinela.core.inference.Scorer;
import pe.centinela.core.inference.ScoringEngine;
import pe.centinela.core.inference.TreeEnsemble;
import pe.centinela.core.inference.TreeShap;
import pe.centinela.core.json.Json;
import pe.centinela.core.signing.BundleSignatureException;
import pe.centinela.scoring.bundle.ChecksumMismatchException;
import pe.centinela.scoring.bundle.ModelBundles;
import pe.centinela.scoring.bundle.TestSigning;
import pe.centinela.scoring.bundle.TreeModelFile;

/**
 * The tree families end to end: trained by XGBoost on generated history, saved as a signed bundle, and scored and
 * explained in plain Java exactly as XGBoost itself predicts and attributes.
 */
class GradientBoostingTest {

    private static ModelTraining.Result gbdt;
    private static double[][] rows;

    @BeforeAll
    static void train() {
        gbdt = train(ModelFamily.GBDT);
        rows = featureRows(4_000);
    }

    private static ModelTraining.Result train(ModelFamily family) {
        ModelTraining.Options options = new ModelTraining.Options(
                java.util.List.of(family), Imbalance.WEIGHTS, Duration.ofDays(2), 0.25, 1.0, 20.0, null, 3, null);
        return new ModelTraining(options, Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC))
                .train(limited(25_000), new Backtest.Progress() {
                    @Override
                    public void replayed(long rows, Instant at) {}

                    @Override
                    public void step(String message) {}
                });
    }

    private static Iterator<Transaction> limited(int rows) {
        Iterator<Transaction> all = BacktestTest.generated();
        List<Transaction> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            out.add(all.next());
        }
        return out.iterator();
    }

    /** Live features of generated traffic, with every tenth row missing a value (NaN) to take the splits' default branches. */
    private static double[][] featureRows(int n) {
        FeaturePipeline features = new FeaturePipeline();
        Iterator<Transaction> traffic = limited(n);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[FeatureCatalogue.SIZE];
            features.next(traffic.next(), out[i]);
            if (i % 10 == 0) {
                out[i][i % FeatureCatalogue.SIZE] = Double.NaN;
                out[i][FeatureCatalogue.LOG_AMOUNT] = Double.NaN;
            }
        }
        return out;
    }

    private static Booster xgboost(Path bundle) throws Exception {
        return XGBoost.loadModel(Files.readAllBytes(bundle.resolve(TreeModelFile.FILE_NAME)));
    }

    @Test
    void aGbdtTrainedOnGeneratedHistoryRanksFraudAndRecordsItsParameters() {
        ModelManifest manifest = gbdt.manifest();
        assertThat(manifest.kind()).isEqualTo("gbdt");
        assertThat(manifest.version()).startsWith("gbdt-20261124-120000-");
        assertThat(manifest.metrics().get("validation_roc_auc")).isGreaterThan(0.85);
        assertThat(manifest.settings())
                .contains("binary:logistic", "hist", "max_depth 6", "eta 0.1", "scale_pos_weight", "best of");
        java.util.regex.Matcher counts = java.util.regex.Pattern.compile("(\\d+) trees \\(best of (\\d+) rounds")
                .matcher(manifest.settings());
        assertThat(counts.find()).isTrue();
        int kept = Integer.parseInt(counts.group(1));
        int rounds = Integer.parseInt(counts.group(2));
        assertThat(gbdt.fitted().trees().trees().trees())
                .as("the model is cut at its best round")
                .isEqualTo(kept);
        assertThat(rounds).as("early stopping waits 40 rounds after the best").isEqualTo(Math.min(400, kept + 40));
    }

    @Test
    void thePlainJavaTreesGiveXgboostsOwnPredictionsOnARealBundle(@TempDir Path dir) throws Exception {
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = gbdt.saveTo(bundles);
        assertThat(saved.networkFile()).isEqualTo(TreeModelFile.FILE_NAME);
        Scorer plainJava = bundles.load(saved.version()).scorer();
        Booster booster = xgboost(bundles.directory(saved.version()));
        DMatrix matrix = GradientBoosting.matrix(rows, null);
        float[][] expected = booster.predict(matrix);
        float[][] expectedMargins = booster.predict(matrix, true);
        Scorer.RowScore[] actual = plainJava.score(rows, 2);
        float[] margins = TreeModelFile.read(bundles.directory(saved.version()).resolve(TreeModelFile.FILE_NAME))
                .margins(flat(rows), rows.length);
        double spread = 0;
        for (int i = 0; i < rows.length; i++) {
            assertThat(actual[i].score()).as("row %d", i).isCloseTo(expected[i][0], within(1e-6));
            assertThat(margins[i]).as("margin of row %d", i).isCloseTo(expectedMargins[i][0], within(1e-5f));
            spread = Math.max(spread, Math.abs(actual[i].score() - actual[0].score()));
        }
        assertThat(spread).as("the rows score differently").isGreaterThan(0.1);
    }

    @Test
    void treeShapGivesXgboostsPredictContribAndSumsToTheMargin() throws Exception {
        Booster booster = XGBoost.loadModel(gbdt.fitted().trees().modelJson());
        TreeEnsemble trees = gbdt.fitted().trees().trees();
        float[][] expected = booster.predictContrib(GradientBoosting.matrix(rows, null), 0);
        float[][] margins = booster.predict(GradientBoosting.matrix(rows, null), true);
        float[] x = flat(rows);
        TreeShap shap = new TreeShap(trees);
        for (int i = 0; i < rows.length; i += 7) {
            double[] phi = shap.contributions(x, i * FeatureCatalogue.SIZE);
            assertThat(phi).hasSize(FeatureCatalogue.SIZE + 1);
            double sum = 0;
            for (int j = 0; j < phi.length; j++) {
                assertThat(phi[j]).as("row %d feature %d", i, j).isCloseTo(expected[i][j], within(1e-4));
                sum += phi[j];
            }
            assertThat(sum).as("row %d", i).isCloseTo(margins[i][0], within(1e-4));
        }
    }

    @Test
    void pathAttributionSumsToTheMarginAndLeadsWithAFeatureTreeShapRanksHigh() throws Exception {
        Booster booster = XGBoost.loadModel(gbdt.fitted().trees().modelJson());
        TreeEnsemble trees = gbdt.fitted().trees().trees();
        float[][] exact = booster.predictContrib(GradientBoosting.matrix(rows, null), 0);
        float[] x = flat(rows);
        float[] margins = trees.margins(x, rows.length);
        int explained = 0;
        int agreed = 0;
        for (int i = 0; i < rows.length; i++) {
            double[] phi = trees.pathContributions(x, i * FeatureCatalogue.SIZE);
            assertThat(java.util.Arrays.stream(phi).sum()).as("row %d", i).isCloseTo(margins[i], within(1e-4));
            if (TreeEnsemble.probability(margins[i]) < 0.5) {
                continue;
            }
            explained++;
            int leading = top(phi, 1)[0];
            agreed += java.util.Arrays.stream(top(exact[i], 3)).anyMatch(j -> j == leading) ? 1 : 0;
        }
        assertThat(explained).isPositive();
        assertThat((double) agreed / explained)
                .as("share of high scores whose leading feature is in TreeSHAP's top three")
                .isGreaterThan(0.8);
    }

    /** Indices of the {@code k} largest of the first {@code FeatureCatalogue.SIZE} values. */
    private static int[] top(double[] values, int k) {
        return java.util.stream.IntStream.range(0, FeatureCatalogue.SIZE)
                .boxed()
                .sorted((a, b) -> Double.compare(values[b], values[a]))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static int[] top(float[] values, int k) {
        double[] widened = new double[values.length];
        for (int j = 0; j < values.length; j++) {
            widened[j] = values[j];
        }
        return top(widened, k);
    }

    @Test
    void aTreeBundleIsSignedOverItsTreeFile(@TempDir Path dir) throws Exception {
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = gbdt.saveTo(bundles);
        Path folder = bundles.directory(saved.version());
        Scorer.RowScore[] before = gbdt.fitted().scorer().score(rows, 2);
        Scorer.RowScore[] after = bundles.load(saved.version()).scorer().score(rows, 2);
        for (int i = 0; i < rows.length; i++) {
            assertThat(after[i].score()).isEqualTo(before[i].score());
        }

        Path treeFile = folder.resolve(TreeModelFile.FILE_NAME);
        String trees = Files.readString(treeFile, StandardCharsets.UTF_8);
        Files.writeString(
                treeFile,
                trees.replaceFirst("\"split_conditions\":\\[", "\"split_conditions\":[1E1,")
                        .replaceFirst("1E1,[^,]*,", "1E1,"));
        assertThatThrownBy(() -> bundles.load(saved.version())).isInstanceOf(ChecksumMismatchException.class);

        ModelManifest rechecked = saved.withFiles(saved.networkFile(), ModelBundles.sha256(treeFile), null, null);
        Files.write(folder.resolve(ModelManifest.FILE_NAME), Json.mapper().writeValueAsBytes(rechecked));
        assertThatThrownBy(() -> bundles.load(saved.version())).isInstanceOf(BundleSignatureException.class);
    }

    @Test
    void aHybridGbdtTakesTheAutoencodersErrorAndLoadsWithItsAutoencoder(@TempDir Path dir) throws Exception {
        ModelTraining.Result hybrid = train(ModelFamily.HYBRID_GBDT);
        assertThat(hybrid.manifest().kind()).isEqualTo("hybrid-gbdt");
        assertThat(hybrid.fitted().trees().trees().inputSize()).isEqualTo(FeatureCatalogue.SIZE + 1);
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = hybrid.saveTo(bundles);
        assertThat(saved.autoencoderSha256()).hasSize(64);
        Scorer plainJava =
                bundles.load(saved.version(), ModelBundles.Inference.JAVA).scorer();
        Scorer dl4j = bundles.load(saved.version(), ModelBundles.Inference.DL4J).scorer();
        assertThat(plainJava.toString()).endsWith("AnomalyScorer[DenseNetwork]]");
        double[][] some = java.util.Arrays.copyOfRange(rows, 1, 400);
        Scorer.RowScore[] expected = hybrid.fitted().scorer().score(some, 0);
        Scorer.RowScore[] actual = dl4j.score(some, 0);
        for (int i = 0; i < some.length; i++) {
            assertThat(actual[i].score()).isEqualTo(expected[i].score());
            assertThat(actual[i].contributions()).hasSize(FeatureCatalogue.SIZE);
            assertThat(java.util.Arrays.stream(actual[i].contributions()).min().orElse(0))
                    .isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void treeAlertsCarryPlainWordsReasonsFromTheirContributions(@TempDir Path dir) throws Exception {
        ModelBundles bundles = TestSigning.bundles(dir);
        ModelManifest saved = gbdt.saveTo(bundles);
        ScoringEngine engine = new ScoringEngine(
                new ScoringEngine.ActiveModel(
                        saved.version(), bundles.load(saved.version()).scorer(), saved.alertThreshold()),
                Clock.systemUTC());
        List<Transaction> traffic = new ArrayList<>();
        limited(6_000).forEachRemaining(traffic::add);
        List<Alert> alerts = new ArrayList<>();
        for (int from = 0; from < traffic.size(); from += 500) {
            ScoringEngine.PreparedBatch batch = engine.prepare(traffic.subList(from, from + 500));
            engine.complete(batch, engine.score(batch)).stream()
                    .filter(ScoringEngine.Outcome::alerted)
                    .forEach(o -> alerts.add(o.alert()));
        }
        assertThat(alerts).isNotEmpty();
        List<String> codes = alerts.stream()
                .flatMap(a -> a.reasons().stream())
                .map(Reason::code)
                .distinct()
                .toList();
        assertThat(codes)
                .as("reasons drawn from the trees' contributions")
                .anyMatch(code -> !code.equals("unusual_combination"));
        assertThat(alerts.stream().mapToDouble(Alert::score).min().orElse(0))
                .isGreaterThanOrEqualTo(saved.alertThreshold());
    }

    private static float[] flat(double[][] rows) {
        int width = rows[0].length;
        float[] x = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                x[i * width + j] = (float) rows[i][j];
            }
        }
        return x;
    }
}

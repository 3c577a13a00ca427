package pe.centinela.scoring.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import pe.centinela.core.inference.TreeEnsemble;
import pe.centinela.scoring.bundle.TreeModelFile;

/**
 * Trains gradient-boosted trees with XGBoost (training only: scoring reads the exported JSON in plain Java). One round
 * at a time on the training rows, the validation window's average precision ({@code aucpr}) after each; training stops
 * when it has not improved for {@code patience} rounds, and the model keeps the trees up to its best round.
 */
public final class GradientBoosting {

    /**
     * The trees' training settings.
     *
     * @param scalePosWeight weight of a fraud row against a legitimate one; 1 for none
     */
    public record Hyperparameters(
            int maxDepth,
            double eta,
            int maxRounds,
            int patience,
            double minChildWeight,
            double subsample,
            double columnSample,
            double scalePosWeight,
            long seed) {

        public Hyperparameters {
            if (maxDepth < 1 || eta <= 0 || maxRounds < 1 || patience < 1 || scalePosWeight <= 0) {
                throw new IllegalArgumentException("tree settings out of range: max_depth " + maxDepth + ", eta " + eta
                        + ", rounds " + maxRounds + ", patience " + patience + ", scale_pos_weight " + scalePosWeight);
            }
        }

        public static Hyperparameters defaults(double scalePosWeight, long seed) {
            return new Hyperparameters(6, 0.1, 400, 40, 1, 0.8, 0.8, scalePosWeight, seed);
        }

        Map<String, Object> xgboost() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("objective", "binary:logistic");
            p.put("tree_method", "hist");
            p.put("max_depth", maxDepth);
            p.put("eta", eta);
            p.put("min_child_weight", minChildWeight);
            p.put("subsample", subsample);
            p.put("colsample_bytree", columnSample);
            p.put("scale_pos_weight", scalePosWeight);
            p.put("eval_metric", "aucpr");
            p.put("seed", seed);
            p.put("nthread", Math.max(1, Runtime.getRuntime().availableProcessors()));
            p.put("verbosity", 0);
            return p;
        }

        String describe(int rounds, int bestRound) {
            return String.format(
                    Locale.ROOT,
                    "xgboost hist, binary:logistic, max_depth %d, eta %s, min_child_weight %s, subsample %s, colsample_bytree %s, "
                            + "scale_pos_weight %.1f, %d trees (best of %d rounds by validation aucpr)",
                    maxDepth,
                    eta,
                    minChildWeight,
                    subsample,
                    columnSample,
                    scalePosWeight,
                    bestRound + 1,
                    rounds);
        }
    }

    /** What was learned: XGBoost's JSON model cut at the best round, the same trees for plain-Java scoring, and in words. */
    public record Fitted(byte[] modelJson, TreeEnsemble trees, double validationAucpr, String settings) {}

    /** Told of the rounds. */
    public interface Listener {
        void round(int round, double validationAucpr, boolean best);
    }

    private GradientBoosting() {}

    /** {@code scale_pos_weight} for class weights: legitimate over fraud rows, at most 100, like the networks' weights. */
    public static double balancedWeight(boolean[] labels) {
        long frauds = 0;
        for (boolean fraud : labels) {
            frauds += fraud ? 1 : 0;
        }
        return frauds == 0 ? 1 : Math.min(100, (double) (labels.length - frauds) / frauds);
    }

    public static Fitted fit(
            double[][] train,
            boolean[] trainFraud,
            double[][] validation,
            boolean[] validationFraud,
            Hyperparameters hp,
            Listener listener) {
        try {
            DMatrix trainMatrix = matrix(train, trainFraud);
            DMatrix validationMatrix = matrix(validation, validationFraud);
            try {
                Booster booster = XGBoost.train(trainMatrix, hp.xgboost(), 0, Map.of(), null, null);
                double bestAucpr = -1;
                int bestRound = -1;
                int round = 0;
                for (; round < hp.maxRounds() && round - bestRound <= hp.patience(); round++) {
                    booster.update(trainMatrix, round);
                    double aucpr = aucpr(
                            booster.evalSet(new DMatrix[] {validationMatrix}, new String[] {"validation"}, round));
                    boolean best = aucpr > bestAucpr;
                    if (best) {
                        bestAucpr = aucpr;
                        bestRound = round;
                    }
                    listener.round(round, aucpr, best);
                }
                byte[] json = firstRounds(booster.toByteArray("json"), bestRound + 1);
                booster.dispose();
                return new Fitted(
                        json, TreeModelFile.parse(json, "the trained model"), bestAucpr, hp.describe(round, bestRound));
            } finally {
                trainMatrix.dispose();
                validationMatrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows as XGBoost's float32 matrix; NaN is missing. */
    static DMatrix matrix(double[][] rows, boolean[] labels) throws XGBoostError {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                flat[i * width + j] = (float) rows[i][j];
            }
        }
        DMatrix matrix = new DMatrix(flat, rows.length, width, Float.NaN);
        if (labels != null) {
            float[] y = new float[labels.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels[i] ? 1 : 0;
            }
            matrix.setLabel(y);
        }
        return matrix;
    }

    private static double aucpr(String evaluation) {
        int at = evaluation.lastIndexOf("validation-aucpr:");
        if (at < 0) {
            throw new IllegalStateException("XGBoost reported no validation aucpr: " + evaluation);
        }
        return Double.parseDouble(
                evaluation.substring(at + "validation-aucpr:".length()).trim().split("\\s", -1)[0]);
    }

    /**
     * The JSON model with only its first {@code rounds} trees (one tree per round here). Read with a plain mapper: numbers
     * go through double and come back as floating-point literals (XGBoost refuses "0" where it wrote "0E0"), each the
     * same float32.
     */
    static byte[] firstRounds(byte[] json, int rounds) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(json);
        ObjectNode model =
                (ObjectNode) root.path("learner").path("gradient_booster").path("model");
        ArrayNode trees = (ArrayNode) model.path("trees");
        while (trees.size() > rounds) {
            trees.remove(trees.size() - 1);
        }
        ArrayNode info = (ArrayNode) model.path("tree_info");
        while (info.size() > rounds) {
            info.remove(info.size() - 1);
        }
        ArrayNode pointers = (ArrayNode) model.path("iteration_indptr");
        while (pointers.size() > rounds + 1) {
            pointers.remove(pointers.size() - 1);
        }
        ((ObjectNode) model.path("gbtree_model_param")).put("num_trees", Integer.toString(rounds));
        return mapper.writeValueAsBytes(root);
    }
}

package pe.centinela.scoring.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import pe.centinela.core.inference.TreeEnsemble;
import pe.centinela.core.json.Json;

/**
 * The tree file of a gradient-boosted bundle: XGBoost's own JSON model format ({@code Booster.toByteArray("json")}),
 * read here with Jackson into a {@link TreeEnsemble}, so scoring needs no native library. Only what the plain-Java
 * evaluation reproduces exactly is accepted: the {@code gbtree} booster, the {@code binary:logistic} objective, one
 * output, numerical splits; anything else is refused with the reason.
 */
public final class TreeModelFile {

    public static final String FILE_NAME = "trees.json";
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private TreeModelFile() {}

    public static TreeEnsemble read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES + " bytes: refused");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in.readAllBytes(), file.getFileName().toString());
        }
    }

    /** Parses an XGBoost JSON model; {@code name} says which file in error messages. */
    public static TreeEnsemble parse(byte[] json, String name) throws IOException {
        JsonNode learner = Json.mapper().readTree(json).path("learner");
        try {
            String objective = learner.path("objective").path("name").asText();
            require(
                    objective.equals("binary:logistic"),
                    "has objective '" + objective + "'; only binary:logistic is scored");
            JsonNode booster = learner.path("gradient_booster");
            require(
                    booster.path("name").asText().equals("gbtree"),
                    "has booster '" + booster.path("name").asText() + "'; only gbtree is scored");
            JsonNode parameters = learner.path("learner_model_param");
            int features = integer(parameters, "num_feature");
            String outputs = parameters.path("num_target").asText("1");
            require(
                    parameters.path("num_class").asText("0").equals("0") && outputs.equals("1"),
                    "has more than one output");
            List<TreeEnsemble.Tree> trees = new ArrayList<>();
            for (JsonNode tree : booster.path("model").path("trees")) {
                trees.add(tree(tree, trees.size()));
            }
            require(!trees.isEmpty(), "holds no trees");
            return new TreeEnsemble(
                    features, baseMargin(baseScore(parameters.path("base_score").asText())), trees);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + " is not a tree model this version scores: " + e.getMessage(), e);
        }
    }

    /** XGBoost's base margin for binary:logistic: the logit of base_score, in float32 as XGBoost computes it. */
    static float baseMargin(float baseScore) {
        require(baseScore > 0 && baseScore < 1, "has base_score " + baseScore + " outside (0, 1)");
        return (float) -Math.log(1.0f / baseScore - 1.0f);
    }

    /** base_score is written as "5E-1" by older XGBoost and as "[5E-1]" (one value per target) by 2.1 and later. */
    private static float baseScore(String text) {
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1).trim();
        }
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("has base_score '" + text + "', not one number");
        }
    }

    private static TreeEnsemble.Tree tree(JsonNode tree, int index) {
        int[] left = ints(tree, "left_children", index);
        int n = left.length;
        int[] right = ints(tree, "right_children", index);
        int[] feature = ints(tree, "split_indices", index);
        float[] value = floats(tree, "split_conditions", index);
        int[] defaults = ints(tree, "default_left", index);
        float[] cover = floats(tree, "sum_hessian", index);
        JsonNode splitType = tree.path("split_type");
        for (JsonNode type : splitType) {
            require(type.asInt() == 0, "tree " + index + " has categorical splits");
        }
        require(
                right.length == n
                        && feature.length == n
                        && value.length == n
                        && defaults.length == n
                        && cover.length == n,
                "tree " + index + " has arrays of different lengths");
        boolean[] defaultLeft = new boolean[n];
        for (int i = 0; i < n; i++) {
            defaultLeft[i] = defaults[i] != 0;
        }
        return new TreeEnsemble.Tree(left, right, feature, value, defaultLeft, cover);
    }

    private static int[] ints(JsonNode tree, String field, int index) {
        JsonNode array = tree.path(field);
        require(array.isArray(), "tree " + index + " has no " + field);
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            require(v.canConvertToInt(), "tree " + index + " has " + field + " that are not integers");
            out[i] = v.asInt();
        }
        return out;
    }

    /** Floats parsed from their decimal text, so each is exactly the float32 XGBoost wrote. */
    private static float[] floats(JsonNode tree, String field, int index) {
        JsonNode array = tree.path(field);
        require(array.isArray(), "tree " + index + " has no " + field);
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            require(v.isNumber(), "tree " + index + " has " + field + " that are not numbers");
            out[i] = Float.parseFloat(v.asText());
        }
        return out;
    }

    private static int integer(JsonNode parameters, String field) {
        try {
            return Integer.parseInt(parameters.path(field).asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("has no " + field);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}

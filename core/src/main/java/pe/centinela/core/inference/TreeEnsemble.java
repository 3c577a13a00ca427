package pe.centinela.core.inference;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Gradient-boosted trees for a binary logistic objective, evaluated in plain Java the way XGBoost evaluates them:
 * inputs as float32, a row goes left when {@code value < threshold} (float32) or, when the value is missing (NaN),
 * where the split's default says; the margin is the base margin plus each tree's leaf value, summed in float32 tree
 * by tree; the probability is the logistic of the margin.
 *
 * <p>The trees are kept as flat arrays, each tree's nodes laid out breadth first so that a node's right child follows
 * its left child: walking a tree is a loop of one comparison and one addition per level. Scoring also keeps them padded
 * to complete trees ({@link CompleteTrees}), which walks rows with no missing value about twice as fast.
 */
public final class TreeEnsemble implements ProbabilityModel {

    /** Deepest tree accepted: bounds the walk and TreeSHAP's path memory. */
    public static final int MAX_DEPTH = 64;

    /**
     * One tree as XGBoost numbers its nodes: node 0 is the root; a leaf has {@code left == -1} and its value in
     * {@code value}, a split has its feature in {@code feature}, its threshold in {@code value}. {@code cover} is the
     * sum of the training rows' hessians reaching the node (TreeSHAP weighs the branches by it).
     */
    public record Tree(int[] left, int[] right, int[] feature, float[] value, boolean[] defaultLeft, float[] cover) {
        public Tree {
            int n = left.length;
            if (n == 0
                    || right.length != n
                    || feature.length != n
                    || value.length != n
                    || defaultLeft.length != n
                    || cover.length != n) {
                throw new IllegalArgumentException(
                        "a tree needs the same positive number of entries in each of its arrays");
            }
        }

        public int size() {
            return left.length;
        }
    }

    private final int inputSize;
    private final float baseMargin;
    private final int[] roots;
    /** Per node: split feature, or -1 at a leaf. */
    private final int[] feature;
    /** Per node: split threshold, or the leaf's value. */
    private final float[] value;
    /** Per node: index of the left child (the right one is the next), or -1 at a leaf. */
    private final int[] left;

    private final boolean[] defaultLeft;
    private final float[] cover;
    /** Per node: the cover-weighted mean of the leaf values below it (TreeSHAP's expected values). */
    private final float[] meanValue;

    private final int[] depths;
    /** The same trees padded for rows with no missing value, or null when they are too deep to pad. */
    private final CompleteTrees completeTrees;

    /**
     * @param inputSize  features per row
     * @param baseMargin the margin before any tree (for XGBoost's binary:logistic, logit of its base_score)
     * @param trees      the trees, in boosting order
     */
    public TreeEnsemble(int inputSize, float baseMargin, List<Tree> trees) {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("trees need at least one input feature, not " + inputSize);
        }
        if (!Float.isFinite(baseMargin)) {
            throw new IllegalArgumentException("the base margin must be a finite number, not " + baseMargin);
        }
        this.inputSize = inputSize;
        this.baseMargin = baseMargin;
        int total = 0;
        for (Tree tree : trees) {
            total += tree.size();
        }
        roots = new int[trees.size()];
        depths = new int[trees.size()];
        feature = new int[total];
        value = new float[total];
        left = new int[total];
        defaultLeft = new boolean[total];
        cover = new float[total];
        meanValue = new float[total];
        int next = 0;
        for (int t = 0; t < trees.size(); t++) {
            roots[t] = next;
            next = layOut(t, trees.get(t), next);
            fillMeanValues(roots[t]);
        }
        completeTrees = CompleteTrees.of(this);
    }

    /** Copies a tree breadth first from {@code start}, checking it is a tree; returns where the next one starts. */
    private int layOut(int t, Tree tree, int start) {
        int n = tree.size();
        int[] placed = new int[n];
        java.util.Arrays.fill(placed, -1);
        int[] depth = new int[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        placed[0] = start;
        int next = start + 1;
        while (!queue.isEmpty()) {
            int node = queue.poll();
            int at = placed[node];
            int l = tree.left()[node];
            float v = tree.value()[node];
            cover[at] = tree.cover()[node];
            if (l == -1) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("tree " + t + " has leaf " + node + " with value " + v);
                }
                feature[at] = -1;
                left[at] = -1;
                value[at] = v;
                continue;
            }
            int r = tree.right()[node];
            int f = tree.feature()[node];
            if (l < 0 || l >= n || r < 0 || r >= n) {
                throw new IllegalArgumentException("tree " + t + " node " + node + " has children " + l + " and " + r
                        + " outside its " + n + " nodes");
            }
            if (l == r || placed[l] != -1 || placed[r] != -1) {
                throw new IllegalArgumentException(
                        "tree " + t + " reaches node " + (placed[l] != -1 ? l : r) + " twice: not a tree");
            }
            if (f < 0 || f >= inputSize) {
                throw new IllegalArgumentException(
                        "tree " + t + " node " + node + " splits on feature " + f + " of " + inputSize);
            }
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("tree " + t + " node " + node + " has no threshold");
            }
            if (depth[node] + 1 > MAX_DEPTH) {
                throw new IllegalArgumentException("tree " + t + " is deeper than " + MAX_DEPTH + " levels");
            }
            feature[at] = f;
            value[at] = v;
            defaultLeft[at] = tree.defaultLeft()[node];
            left[at] = next;
            placed[l] = next++;
            placed[r] = next++;
            depth[l] = depth[node] + 1;
            depth[r] = depth[node] + 1;
            depths[t] = Math.max(depths[t], depth[l]);
            queue.add(l);
            queue.add(r);
        }
        return next;
    }

    private float fillMeanValues(int node) {
        if (left[node] < 0) {
            meanValue[node] = value[node];
            return value[node];
        }
        int l = left[node];
        float result = fillMeanValues(l) * cover[l] + fillMeanValues(l + 1) * cover[l + 1];
        meanValue[node] = cover[node] > 0 ? result / cover[node] : 0;
        return meanValue[node];
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    public int trees() {
        return roots.length;
    }

    public float baseMargin() {
        return baseMargin;
    }

    /**
     * Margins (log-odds) of {@code rows} rows laid out one after another in {@code x}; tree by tree, so each tree stays
     * in cache. Rows with no missing value take the padded layout ({@link CompleteTrees}) when the trees are shallow
     * enough, the others the general walk; both add the same leaves in the same order.
     */
    public float[] margins(float[] x, int rows) {
        float[] margin = new float[rows];
        java.util.Arrays.fill(margin, baseMargin);
        int[] complete = new int[rows];
        int[] missing = new int[rows];
        int completeCount = 0;
        int missingCount = 0;
        for (int r = 0, offset = 0; r < rows; r++, offset += inputSize) {
            if (completeTrees != null && !hasMissingValue(x, offset)) {
                complete[completeCount++] = r;
            } else {
                missing[missingCount++] = r;
            }
        }
        if (completeCount > 0) {
            completeTrees.addMargins(x, inputSize, complete, completeCount, margin);
        }
        if (missingCount > 0) {
            addMarginsByWalking(x, missing, missingCount, margin);
        }
        return margin;
    }

    private boolean hasMissingValue(float[] x, int offset) {
        for (int j = offset; j < offset + inputSize; j++) {
            if (Float.isNaN(x[j])) {
                return true;
            }
        }
        return false;
    }

    /** The general walk: follows each split's default branch for a missing value, at any depth. */
    @SuppressWarnings("ShortCircuitBoolean") // non-short-circuit on purpose: no branch in the hottest loop
    private void addMarginsByWalking(float[] x, int[] rows, int count, float[] margin) {
        int[] feature = this.feature;
        float[] value = this.value;
        int[] left = this.left;
        boolean[] defaultLeft = this.defaultLeft;
        for (int root : roots) {
            for (int k = 0; k < count; k++) {
                int r = rows[k];
                int offset = r * inputSize;
                int node = root;
                int child;
                while ((child = left[node]) >= 0) {
                    float v = x[offset + feature[node]];
                    boolean goLeft = v < value[node] | (Float.isNaN(v) & defaultLeft[node]);
                    node = goLeft ? child : child + 1;
                }
                margin[r] += value[node];
            }
        }
    }

    /**
     * Saabas's path attribution of the row at {@code offset} in {@code x}: along the row's path through each tree, the
     * change in the cover-weighted mean leaf value at each split goes to the split's feature. One entry per input
     * feature, then the expected margin; they sum to the margin. It costs one walk per tree, as scoring does, where
     * exact TreeSHAP ({@link TreeShap}) visits every node and costs milliseconds a row on hundreds of trees.
     */
    @SuppressWarnings("ShortCircuitBoolean") // the same test as the scoring walk, written the same way
    public double[] pathContributions(float[] x, int offset) {
        double[] phi = new double[inputSize + 1];
        phi[inputSize] = baseMargin;
        for (int root : roots) {
            phi[inputSize] += meanValue[root];
            int node = root;
            int child;
            while ((child = left[node]) >= 0) {
                float v = x[offset + feature[node]];
                int next = v < value[node] | (Float.isNaN(v) & defaultLeft[node]) ? child : child + 1;
                phi[feature[node]] += meanValue[next] - meanValue[node];
                node = next;
            }
        }
        return phi;
    }

    /** The probability of fraud: the logistic of the margin. */
    public static double probability(float margin) {
        return 1 / (1 + Math.exp(-margin));
    }

    @Override
    public double[] fraudProbability(double[][] rows) {
        float[] x = new float[rows.length * inputSize];
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < inputSize; j++) {
                x[r * inputSize + j] = (float) rows[r][j];
            }
        }
        float[] margin = margins(x, rows.length);
        double[] p = new double[rows.length];
        for (int r = 0; r < p.length; r++) {
            p[r] = probability(margin[r]);
        }
        return p;
    }

    int root(int tree) {
        return roots[tree];
    }

    int depth(int tree) {
        return depths[tree];
    }

    int feature(int node) {
        return feature[node];
    }

    float value(int node) {
        return value[node];
    }

    int left(int node) {
        return left[node];
    }

    boolean defaultLeft(int node) {
        return defaultLeft[node];
    }

    float cover(int node) {
        return cover[node];
    }

    float meanValue(int node) {
        return meanValue[node];
    }
}

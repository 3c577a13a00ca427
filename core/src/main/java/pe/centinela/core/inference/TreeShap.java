package pe.centinela.core.inference;

/**
 * Exact TreeSHAP (Lundberg, Erion and Lee, "Consistent individualized feature attribution for tree ensembles",
 * algorithm 2), as XGBoost computes it for {@code predictContrib}: each feature's contribution to a row's margin, the
 * Shapley value of the tree's prediction with the missing features' paths weighted by the training rows' cover. The
 * contributions and the expected value sum to the margin. O(leaves × depth²) per tree: milliseconds a row on hundreds
 * of trees, so live alerts use {@link TreeEnsemble#pathContributions}; this is the exact reference, for analysis and
 * for checking the path attribution. Not thread-safe.
 */
public final class TreeShap {

    private final TreeEnsemble trees;
    private double[] zeroFraction = new double[0];
    private double[] oneFraction = new double[0];
    private double[] weight = new double[0];
    private int[] pathFeature = new int[0];
    private float[] x;
    private int offset;

    public TreeShap(TreeEnsemble trees) {
        this.trees = trees;
    }

    /**
     * Contributions to the margin of the row at {@code offset} in {@code x}: one per input feature, then the expected
     * margin (base margin plus each tree's cover-weighted mean) as the last entry.
     */
    public double[] contributions(float[] x, int offset) {
        this.x = x;
        this.offset = offset;
        double[] phi = new double[trees.inputSize() + 1];
        phi[trees.inputSize()] = trees.baseMargin();
        for (int t = 0; t < trees.trees(); t++) {
            int root = trees.root(t);
            phi[trees.inputSize()] += trees.meanValue(root);
            int maxDepth = trees.depth(t) + 2;
            ensureCapacity(maxDepth * (maxDepth + 1) / 2);
            recurse(phi, root, 0, 0, 1, 1, -1);
        }
        return phi;
    }

    private void ensureCapacity(int size) {
        if (weight.length < size) {
            zeroFraction = new double[size];
            oneFraction = new double[size];
            weight = new double[size];
            pathFeature = new int[size];
        }
    }

    /**
     * @param parentPath where the parent's path starts in the path arrays; this node's path is written right after it
     * @param depth      length of the parent's path minus one
     */
    private void recurse(
            double[] phi, int node, int parentPath, int depth, double parentZero, double parentOne, int parentFeature) {
        int path = parentPath + depth + 1;
        System.arraycopy(zeroFraction, parentPath, zeroFraction, path, depth + 1);
        System.arraycopy(oneFraction, parentPath, oneFraction, path, depth + 1);
        System.arraycopy(weight, parentPath, weight, path, depth + 1);
        System.arraycopy(pathFeature, parentPath, pathFeature, path, depth + 1);
        extend(path, depth, parentZero, parentOne, parentFeature);
        int left = trees.left(node);
        if (left < 0) {
            double leaf = trees.value(node);
            for (int i = 1; i <= depth; i++) {
                double w = unwoundSum(path, depth, i);
                phi[pathFeature[path + i]] += w * (oneFraction[path + i] - zeroFraction[path + i]) * leaf;
            }
            return;
        }
        int split = trees.feature(node);
        float v = x[offset + split];
        boolean goLeft = Float.isNaN(v) ? trees.defaultLeft(node) : v < trees.value(node);
        int hot = goLeft ? left : left + 1;
        int cold = goLeft ? left + 1 : left;
        double cover = trees.cover(node);
        double hotZero = cover > 0 ? trees.cover(hot) / cover : 0;
        double coldZero = cover > 0 ? trees.cover(cold) / cover : 0;
        double incomingZero = 1;
        double incomingOne = 1;
        int seen = 0;
        while (seen <= depth && pathFeature[path + seen] != split) {
            seen++;
        }
        if (seen <= depth) {
            incomingZero = zeroFraction[path + seen];
            incomingOne = oneFraction[path + seen];
            unwind(path, depth, seen);
            depth--;
        }
        recurse(phi, hot, path, depth + 1, hotZero * incomingZero, incomingOne, split);
        recurse(phi, cold, path, depth + 1, coldZero * incomingZero, 0, split);
    }

    private void extend(int path, int depth, double zero, double one, int feature) {
        pathFeature[path + depth] = feature;
        zeroFraction[path + depth] = zero;
        oneFraction[path + depth] = one;
        weight[path + depth] = depth == 0 ? 1 : 0;
        for (int i = depth - 1; i >= 0; i--) {
            weight[path + i + 1] += one * weight[path + i] * (i + 1) / (depth + 1);
            weight[path + i] = zero * weight[path + i] * (depth - i) / (depth + 1);
        }
    }

    private void unwind(int path, int depth, int index) {
        double one = oneFraction[path + index];
        double zero = zeroFraction[path + index];
        double nextOne = weight[path + depth];
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double tmp = weight[path + i];
                weight[path + i] = nextOne * (depth + 1) / ((i + 1) * one);
                nextOne = tmp - weight[path + i] * zero * (depth - i) / (depth + 1);
            } else {
                weight[path + i] = weight[path + i] * (depth + 1) / (zero * (depth - i));
            }
        }
        for (int i = index; i < depth; i++) {
            pathFeature[path + i] = pathFeature[path + i + 1];
            zeroFraction[path + i] = zeroFraction[path + i + 1];
            oneFraction[path + i] = oneFraction[path + i + 1];
        }
    }

    private double unwoundSum(int path, int depth, int index) {
        double one = oneFraction[path + index];
        double zero = zeroFraction[path + index];
        double nextOne = weight[path + depth];
        double total = 0;
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                double tmp = nextOne * (depth + 1) / ((i + 1) * one);
                total += tmp;
                nextOne = weight[path + i] - tmp * zero * (depth - i) / (depth + 1);
            } else if (zero != 0) {
                total += weight[path + i] / zero / ((double) (depth - i) / (depth + 1));
            }
        }
        return total;
    }
}

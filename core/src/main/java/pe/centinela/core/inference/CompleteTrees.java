package pe.centinela.core.inference;

/**
 * A tree ensemble padded to complete binary trees of one depth, for scoring rows that have no missing value. A walk
 * then has a fixed number of steps and no data-dependent exit: the next node's index is computed from the comparison
 * ({@code 2i} or {@code 2i + 1}, the root at 1), so four rows can walk a tree together and their chains of dependent
 * loads overlap. The walk of one row is a chain of loads (node, then the row's value), so interleaving four of them is
 * what makes the ensemble fast; the general walk in {@link TreeEnsemble} waits on each chain in turn.
 *
 * <p>A leaf above the full depth is padded with splits that send every finite value left (threshold +∞, both
 * subtrees the same leaf), so a row ends at the leaf XGBoost's walk would reach. Missing values (NaN) need each split's
 * default branch, which this layout does not keep: such rows take the general walk.
 */
final class CompleteTrees {

    /** Deepest ensemble padded: 2^depth slots per tree. Deeper ones take the general walk. */
    static final int MAX_DEPTH = 8;

    private final int depth;
    private final int trees;
    /** Per tree, 2^depth slots, the root at 1: the split's feature. */
    private final int[] feature;
    /** Per tree, 2^depth slots: the split's threshold. */
    private final float[] threshold;
    /** Per tree, 2^depth leaves in order. */
    private final float[] leaf;

    private CompleteTrees(TreeEnsemble ensemble, int depth) {
        this.depth = depth;
        this.trees = ensemble.trees();
        int slots = 1 << depth;
        feature = new int[trees * slots];
        threshold = new float[trees * slots];
        leaf = new float[trees * slots];
        for (int t = 0; t < trees; t++) {
            place(ensemble, t, ensemble.root(t), 1, 0);
        }
    }

    /** The padded layout of {@code ensemble}, or null when its trees are deeper than {@link #MAX_DEPTH}. */
    static CompleteTrees of(TreeEnsemble ensemble) {
        int depth = 0;
        for (int t = 0; t < ensemble.trees(); t++) {
            depth = Math.max(depth, ensemble.depth(t));
        }
        return depth > MAX_DEPTH ? null : new CompleteTrees(ensemble, depth);
    }

    private void place(TreeEnsemble ensemble, int tree, int node, int slot, int level) {
        int base = tree << depth;
        if (level == depth) {
            leaf[base + slot - (1 << depth)] = ensemble.value(node);
            return;
        }
        boolean isLeaf = ensemble.left(node) < 0;
        feature[base + slot] = isLeaf ? 0 : ensemble.feature(node);
        threshold[base + slot] = isLeaf ? Float.POSITIVE_INFINITY : ensemble.value(node);
        place(ensemble, tree, isLeaf ? node : ensemble.left(node), 2 * slot, level + 1);
        place(ensemble, tree, isLeaf ? node : ensemble.left(node) + 1, 2 * slot + 1, level + 1);
    }

    /**
     * Adds every tree's leaf value, tree by tree, to {@code margin[r]} for the first {@code count} rows {@code r} listed
     * in {@code rows}, each {@code width} floats at {@code r * width} in {@code x} and none missing a value.
     */
    void addMargins(float[] x, int width, int[] rows, int count, float[] margin) {
        int[] feature = this.feature;
        float[] threshold = this.threshold;
        float[] leaf = this.leaf;
        int depth = this.depth;
        int firstLeaf = 1 << depth;
        for (int t = 0; t < trees; t++) {
            int base = t << depth;
            int leaves = base - firstLeaf;
            int k = 0;
            for (; k + 4 <= count; k += 4) {
                int r0 = rows[k];
                int r1 = rows[k + 1];
                int r2 = rows[k + 2];
                int r3 = rows[k + 3];
                int o0 = r0 * width;
                int o1 = r1 * width;
                int o2 = r2 * width;
                int o3 = r3 * width;
                int a = 1;
                int b = 1;
                int c = 1;
                int d = 1;
                for (int level = 0; level < depth; level++) {
                    a = 2 * a + (x[o0 + feature[base + a]] < threshold[base + a] ? 0 : 1);
                    b = 2 * b + (x[o1 + feature[base + b]] < threshold[base + b] ? 0 : 1);
                    c = 2 * c + (x[o2 + feature[base + c]] < threshold[base + c] ? 0 : 1);
                    d = 2 * d + (x[o3 + feature[base + d]] < threshold[base + d] ? 0 : 1);
                }
                margin[r0] += leaf[leaves + a];
                margin[r1] += leaf[leaves + b];
                margin[r2] += leaf[leaves + c];
                margin[r3] += leaf[leaves + d];
            }
            for (; k < count; k++) {
                int r = rows[k];
                int offset = r * width;
                int i = 1;
                for (int level = 0; level < depth; level++) {
                    i = 2 * i + (x[offset + feature[base + i]] < threshold[base + i] ? 0 : 1);
                }
                margin[r] += leaf[leaves + i];
            }
        }
    }
}

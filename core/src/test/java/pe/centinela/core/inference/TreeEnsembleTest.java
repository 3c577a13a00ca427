package pe.centinela.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain-Java trees follow XGBoost's rules: float32 comparisons, left on {@code <}, missing values by the default. */
class TreeEnsembleTest {

    /** Root splits feature 0 at {@code threshold}: left leaf -1 (cover 1), right leaf +1 (cover 3). */
    private static TreeEnsemble stump(float threshold, boolean defaultLeft) {
        return new TreeEnsemble(
                2,
                0.25f,
                List.of(new TreeEnsemble.Tree(
                        new int[] {1, -1, -1},
                        new int[] {2, -1, -1},
                        new int[] {0, 0, 0},
                        new float[] {threshold, -1, 1},
                        new boolean[] {defaultLeft, false, false},
                        new float[] {4, 1, 3})));
    }

    private static float margin(TreeEnsemble trees, float... row) {
        return trees.margins(row, 1)[0];
    }

    @Test
    void aValueEqualToTheThresholdGoesRightAndOnlyASmallerOneLeft() {
        TreeEnsemble trees = stump(0.5f, false);
        assertThat(margin(trees, 0.5f, 0)).isEqualTo(1.25f);
        assertThat(margin(trees, Math.nextDown(0.5f), 0)).isEqualTo(-0.75f);
    }

    @Test
    void rowsAreComparedInFloat32LikeXgboost() {
        TreeEnsemble trees = stump(0.1f, false);
        double justBelowInDouble = (double) 0.1f - 1e-10;
        assertThat(justBelowInDouble).isLessThan(0.1f);
        assertThat(trees.fraudProbability(new double[][] {{justBelowInDouble, 0}})[0])
                .isEqualTo(TreeEnsemble.probability(1.25f));
    }

    @Test
    void aMissingValueTakesTheSplitsDefaultBranch() {
        assertThat(margin(stump(0.5f, true), Float.NaN, 0)).isEqualTo(-0.75f);
        assertThat(margin(stump(0.5f, false), Float.NaN, 0)).isEqualTo(1.25f);
    }

    @Test
    void treesAddUpInBoostingOrderOverABatch() {
        TreeEnsemble.Tree tree = new TreeEnsemble.Tree(
                new int[] {1, -1, -1},
                new int[] {2, -1, -1},
                new int[] {1, 0, 0},
                new float[] {0, 0.5f, 2},
                new boolean[] {false, false, false},
                new float[] {2, 1, 1});
        TreeEnsemble trees = new TreeEnsemble(2, 0, List.of(tree, tree));
        float[] margins = trees.margins(new float[] {9, -1, 9, 1}, 2);
        assertThat(margins).containsExactly(1f, 4f);
    }

    /**
     * Random trees of uneven depth (a single leaf, shallow, and deeper than the padded layout takes), rows with and
     * without missing values, batches that are not a multiple of four: every margin is the plain walk's, to the bit.
     */
    @Test
    void everyRowGetsThePlainWalksMarginWhicheverLayoutScoresIt() {
        java.util.Random random = new java.util.Random(7);
        for (int maxDepth : new int[] {0, 1, 3, 6, CompleteTrees.MAX_DEPTH, CompleteTrees.MAX_DEPTH + 2}) {
            int width = 5;
            List<TreeEnsemble.Tree> trees = new java.util.ArrayList<>();
            for (int t = 0; t < 12; t++) {
                trees.add(randomTree(random, width, maxDepth));
            }
            TreeEnsemble ensemble = new TreeEnsemble(width, 0.125f, trees);
            for (int rows : new int[] {1, 4, 7, 50}) {
                float[] x = new float[rows * width];
                for (int i = 0; i < x.length; i++) {
                    x[i] = random.nextInt(9) == 0 ? Float.NaN : (float) random.nextGaussian();
                }
                float[] margins = ensemble.margins(x, rows);
                for (int r = 0; r < rows; r++) {
                    float expected = 0.125f;
                    for (TreeEnsemble.Tree tree : trees) {
                        expected += plainWalk(tree, x, r * width);
                    }
                    assertThat(margins[r])
                            .as("depth %d, %d rows, row %d", maxDepth, rows, r)
                            .isEqualTo(expected);
                }
            }
        }
    }

    /** A tree in XGBoost's numbering whose leaves sit at depths up to {@code maxDepth}, some shallower. */
    private static TreeEnsemble.Tree randomTree(java.util.Random random, int width, int maxDepth) {
        List<int[]> nodes = new java.util.ArrayList<>(); // {left, right, feature, depth}
        List<Float> values = new java.util.ArrayList<>();
        List<Boolean> defaults = new java.util.ArrayList<>();
        nodes.add(new int[] {-1, -1, 0, 0});
        values.add(0f);
        defaults.add(false);
        for (int n = 0; n < nodes.size(); n++) {
            int[] node = nodes.get(n);
            boolean split = node[3] < maxDepth && (node[3] == 0 || random.nextInt(4) != 0);
            if (!split) {
                values.set(n, (float) random.nextGaussian());
                continue;
            }
            node[0] = nodes.size();
            node[1] = nodes.size() + 1;
            node[2] = random.nextInt(width);
            values.set(n, (float) random.nextGaussian() * 0.5f);
            defaults.set(n, random.nextBoolean());
            for (int child = 0; child < 2; child++) {
                nodes.add(new int[] {-1, -1, 0, node[3] + 1});
                values.add(0f);
                defaults.add(false);
            }
        }
        int size = nodes.size();
        int[] left = new int[size];
        int[] right = new int[size];
        int[] feature = new int[size];
        float[] value = new float[size];
        boolean[] defaultLeft = new boolean[size];
        float[] cover = new float[size];
        for (int n = 0; n < size; n++) {
            left[n] = nodes.get(n)[0];
            right[n] = nodes.get(n)[1];
            feature[n] = nodes.get(n)[2];
            value[n] = values.get(n);
            defaultLeft[n] = defaults.get(n);
            cover[n] = 1;
        }
        return new TreeEnsemble.Tree(left, right, feature, value, defaultLeft, cover);
    }

    /** XGBoost's rule read straight off the tree: left when {@code value < threshold}, the default when missing. */
    private static float plainWalk(TreeEnsemble.Tree tree, float[] x, int offset) {
        int node = 0;
        while (tree.left()[node] != -1) {
            float v = x[offset + tree.feature()[node]];
            boolean left = Float.isNaN(v) ? tree.defaultLeft()[node] : v < tree.value()[node];
            node = left ? tree.left()[node] : tree.right()[node];
        }
        return tree.value()[node];
    }

    @Test
    void treeShapSplitsTheMarginBetweenTheFeaturesAndTheExpectedValue() {
        TreeEnsemble trees = stump(0.5f, false);
        double[] phi = new TreeShap(trees).contributions(new float[] {0.7f, 3}, 0);
        assertThat(phi[0]).isCloseTo(1 - 0.5, within(1e-9));
        assertThat(phi[1]).isZero();
        assertThat(phi[2]).as("base margin plus the cover-weighted mean leaf").isCloseTo(0.25 + 0.5, within(1e-9));
        assertThat(phi[0] + phi[1] + phi[2]).isCloseTo(margin(trees, 0.7f, 3), within(1e-6));
    }

    @Test
    void treeShapOfInteractingFeaturesSumsToTheMargin() {
        // feature 0 then feature 1 under both branches, with unequal covers
        TreeEnsemble.Tree tree = new TreeEnsemble.Tree(
                new int[] {1, 3, 5, -1, -1, -1, -1},
                new int[] {2, 4, 6, -1, -1, -1, -1},
                new int[] {0, 1, 1, 0, 0, 0, 0},
                new float[] {0, 0, 0, -2, 1, 0.5f, 3},
                new boolean[7],
                new float[] {10, 6, 4, 5, 1, 1, 3});
        TreeEnsemble trees = new TreeEnsemble(2, 0, List.of(tree));
        for (float[] row : new float[][] {{1, 1}, {-1, 1}, {1, -1}, {-1, -1}}) {
            double[] phi = new TreeShap(trees).contributions(row, 0);
            assertThat(phi[0] + phi[1] + phi[2]).isCloseTo(margin(trees, row), within(1e-6));
        }
        double[] both = new TreeShap(trees).contributions(new float[] {1, 1}, 0);
        assertThat(both[0]).isGreaterThan(0);
        assertThat(both[1]).isGreaterThan(0);
    }

    @Test
    void pathAttributionGivesEachSplitsChangeInExpectedValueToItsFeature() {
        TreeEnsemble.Tree tree = new TreeEnsemble.Tree(
                new int[] {1, 3, 5, -1, -1, -1, -1},
                new int[] {2, 4, 6, -1, -1, -1, -1},
                new int[] {0, 1, 1, 0, 0, 0, 0},
                new float[] {0, 0, 0, -2, 1, 0.5f, 3},
                new boolean[7],
                new float[] {10, 6, 4, 5, 1, 1, 3});
        TreeEnsemble trees = new TreeEnsemble(2, 0.5f, List.of(tree));
        double[] phi = trees.pathContributions(new float[] {1, 1}, 0);
        double root = (-2 * 5 + 1 + 0.5 + 3 * 3) / 10.0;
        double right = (0.5 + 3 * 3) / 4.0;
        assertThat(phi[0]).isCloseTo(right - root, within(1e-6));
        assertThat(phi[1]).isCloseTo(3 - right, within(1e-6));
        assertThat(phi[2]).isCloseTo(0.5 + root, within(1e-6));
    }

    @Test
    void aGraphThatIsNotATreeIsRefused() {
        TreeEnsemble.Tree cycle = new TreeEnsemble.Tree(
                new int[] {1, 0}, new int[] {1, 0}, new int[] {0, 0}, new float[] {0, 0}, new boolean[2], new float[] {
                    1, 1
                });
        assertThatThrownBy(() -> new TreeEnsemble(2, 0, List.of(cycle)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tree 0");
        TreeEnsemble.Tree shared = new TreeEnsemble.Tree(
                new int[] {1, 2, -1, -1},
                new int[] {2, 3, -1, -1},
                new int[] {0, 0, 0, 0},
                new float[] {0, 0, 1, 2},
                new boolean[4],
                new float[] {1, 1, 1, 1});
        assertThatThrownBy(() -> new TreeEnsemble(2, 0, List.of(shared))).hasMessageContaining("not a tree");
    }

    @Test
    void aSplitOnAFeatureTheRowsDoNotHaveIsRefused() {
        assertThatThrownBy(() -> new TreeEnsemble(
                        1,
                        0,
                        List.of(new TreeEnsemble.Tree(
                                new int[] {1, -1, -1},
                                new int[] {2, -1, -1},
                                new int[] {3, 0, 0},
                                new float[] {0, 1, 2},
                                new boolean[3],
                                new float[] {2, 1, 1}))))
                .hasMessageContaining("splits on feature 3 of 1");
    }
}

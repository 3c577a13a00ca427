package pe.centinela.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain-Java trees follow XGBoost's rules: float32 comparisons, left on {@code <}, missing values by the default. */
class TreeEnsembleTest {

    /** Root splits feature 0 at {@code threshold}: left leaf -1 (cover 1), right leaf +1 (cover 3). */
    private static TreeEnsemble stump(float threshold, boolean defaultLeft) {
        return new TreeEnsemble(2, 0.25f, List.of(new TreeEnsemble.Tree(new int[] {1, -1, -1}, new int[] {2, -1, -1}, new int[] {0, 0, 0},
                new float[] {threshold, -1, 1}, new boolean[] {defaultLeft, false, false}, new float[] {4, 1, 3})));
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
        assertThat(trees.fraudProbability(new double[][] {{justBelowInDouble, 0}})[0]).isEqualTo(TreeEnsemble.probability(1.25f));
    }

    @Test
    void aMissingValueTakesTheSplitsDefaultBranch() {
        assertThat(margin(stump(0.5f, true), Float.NaN, 0)).isEqualTo(-0.75f);
        assertThat(margin(stump(0.5f, false), Float.NaN, 0)).isEqualTo(1.25f);
    }

    @Test
    void treesAddUpInBoostingOrderOverABatch() {
        TreeEnsemble.Tree tree = new TreeEnsemble.Tree(new int[] {1, -1, -1}, new int[] {2, -1, -1}, new int[] {1, 0, 0},
                new float[] {0, 0.5f, 2}, new boolean[] {false, false, false}, new float[] {2, 1, 1});
        TreeEnsemble trees = new TreeEnsemble(2, 0, List.of(tree, tree));
        float[] margins = trees.margins(new float[] {9, -1, 9, 1}, 2);
        assertThat(margins).containsExactly(1f, 4f);
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
        TreeEnsemble.Tree tree = new TreeEnsemble.Tree(new int[] {1, 3, 5, -1, -1, -1, -1}, new int[] {2, 4, 6, -1, -1, -1, -1},
                new int[] {0, 1, 1, 0, 0, 0, 0}, new float[] {0, 0, 0, -2, 1, 0.5f, 3}, new boolean[7], new float[] {10, 6, 4, 5, 1, 1, 3});
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
        TreeEnsemble.Tree tree = new TreeEnsemble.Tree(new int[] {1, 3, 5, -1, -1, -1, -1}, new int[] {2, 4, 6, -1, -1, -1, -1},
                new int[] {0, 1, 1, 0, 0, 0, 0}, new float[] {0, 0, 0, -2, 1, 0.5f, 3}, new boolean[7], new float[] {10, 6, 4, 5, 1, 1, 3});
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
        TreeEnsemble.Tree cycle = new TreeEnsemble.Tree(new int[] {1, 0}, new int[] {1, 0}, new int[] {0, 0}, new float[] {0, 0},
                new boolean[2], new float[] {1, 1});
        assertThatThrownBy(() -> new TreeEnsemble(2, 0, List.of(cycle))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tree 0");
        TreeEnsemble.Tree shared = new TreeEnsemble.Tree(new int[] {1, 2, -1, -1}, new int[] {2, 3, -1, -1}, new int[] {0, 0, 0, 0},
                new float[] {0, 0, 1, 2}, new boolean[4], new float[] {1, 1, 1, 1});
        assertThatThrownBy(() -> new TreeEnsemble(2, 0, List.of(shared))).hasMessageContaining("not a tree");
    }

    @Test
    void aSplitOnAFeatureTheRowsDoNotHaveIsRefused() {
        assertThatThrownBy(() -> new TreeEnsemble(1, 0, List.of(new TreeEnsemble.Tree(new int[] {1, -1, -1}, new int[] {2, -1, -1},
                new int[] {3, 0, 0}, new float[] {0, 1, 2}, new boolean[3], new float[] {2, 1, 1}))))
                .hasMessageContaining("splits on feature 3 of 1");
    }
}

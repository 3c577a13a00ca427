package pe.centinela.generator;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Picks one of a fixed set of ints with probability proportional to its weight. */
public final class WeightedPick {

    private final int[] items;
    private final double[] cumulative;

    WeightedPick(int[] items, double[] weights) {
        if (items.length == 0 || items.length != weights.length) {
            throw new IllegalArgumentException("need as many weights as items, and at least one item");
        }
        this.items = items.clone();
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    /** Weighted choice among 0..weights.length-1. */
    public static WeightedPick ofWeights(double... weights) {
        int[] indices = new int[weights.length];
        Arrays.setAll(indices, i -> i);
        return new WeightedPick(indices, weights);
    }

    public int pick(SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return items[low];
    }

    int size() {
        return items.length;
    }

    int item(int position) {
        return items[position];
    }

    double weight(int position) {
        return position == 0 ? cumulative[0] : cumulative[position] - cumulative[position - 1];
    }
}

package pe.centinela.app.generate;

import java.util.SplittableRandom;

/** Picks an index 0..n-1 with probability proportional to its weight. */
final class WeightedChoice {

    private final double[] cumulative;

    WeightedChoice(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("need at least one weight");
        }
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    int pick(SplittableRandom random) {
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
        return low;
    }
}

package pe.centinela.core.inference;

import java.util.Arrays;

/**
 * Maps a reconstruction error to a score in [0, 1]: the share of legitimate training transactions that
 * reconstructed better. Errors beyond the largest seen in training approach 1 smoothly, so extreme anomalies
 * still rank above each other.
 *
 * @param quantiles sorted error quantiles of the legitimate training rows, evenly spaced levels from 0 to 1
 */
public record ErrorCalibration(double[] quantiles) {

    private static final double TAIL_START = 0.999;

    public static ErrorCalibration fit(double[] errors, int levels) {
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        double[] q = new double[levels];
        for (int i = 0; i < levels; i++) {
            double position = (double) i / (levels - 1) * (sorted.length - 1);
            int lower = (int) Math.floor(position);
            int upper = Math.min(sorted.length - 1, lower + 1);
            q[i] = sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
        }
        return new ErrorCalibration(q);
    }

    public double score(double error) {
        int last = quantiles.length - 1;
        double max = quantiles[last];
        if (error >= max) {
            double excess = (error - max) / Math.max(max, 1e-12);
            return TAIL_START + (1 - TAIL_START) * (1 - Math.exp(-excess));
        }
        if (error <= quantiles[0]) {
            return 0;
        }
        int index = Arrays.binarySearch(quantiles, error);
        int upper = index >= 0 ? index : -index - 1;
        while (upper > 0 && quantiles[upper - 1] == error) {
            upper--;
        }
        int lower = Math.max(0, upper - 1);
        double span = quantiles[upper] - quantiles[lower];
        double fraction = span <= 0 ? 0 : (error - quantiles[lower]) / span;
        double level = (lower + fraction) / last;
        return level * TAIL_START;
    }
}

package pe.centinela.core.inference;

import java.util.Arrays;
import java.util.List;

/**
 * Robust per-feature scaling fitted on training rows: centred on the median and divided by the interquartile range
 * (as a standard deviation: IQR / 1.349), so a few extreme amounts do not set the scale. A feature with no spread in
 * its middle half (most flags) falls back to its standard deviation, and a constant one to 1. Scaled values are
 * clipped, and a missing value (NaN or infinite) is imputed with the training median, which for a flag is its mode.
 *
 * @param center per-feature training median
 * @param scale  per-feature spread
 * @param clip   absolute bound of a scaled value
 */
public record Standardizer(double[] center, double[] scale, double clip) {

    public static final double DEFAULT_CLIP = 8.0;
    private static final double IQR_TO_SIGMA = 1.349;

    public static Standardizer fit(List<double[]> rows) {
        int width = rows.get(0).length;
        int n = rows.size();
        double[] center = new double[width];
        double[] scale = new double[width];
        double[] column = new double[n];
        for (int j = 0; j < width; j++) {
            int count = 0;
            double sum = 0;
            for (double[] row : rows) {
                if (Double.isFinite(row[j])) {
                    column[count++] = row[j];
                    sum += row[j];
                }
            }
            if (count == 0) {
                scale[j] = 1.0;
                continue;
            }
            Arrays.sort(column, 0, count);
            center[j] = quantile(column, count, 0.5);
            double iqr = quantile(column, count, 0.75) - quantile(column, count, 0.25);
            double mean = sum / count;
            double squares = 0;
            for (int i = 0; i < count; i++) {
                squares += (column[i] - mean) * (column[i] - mean);
            }
            double std = count > 1 ? Math.sqrt(squares / (count - 1)) : 0;
            scale[j] = iqr > 1e-9 ? iqr / IQR_TO_SIGMA : (std > 1e-9 ? std : 1.0);
        }
        return new Standardizer(center, scale, DEFAULT_CLIP);
    }

    private static double quantile(double[] sorted, int n, double q) {
        double position = q * (n - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(n - 1, lower + 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    public int width() {
        return center.length;
    }

    public void apply(double[] raw, double[] out) {
        for (int j = 0; j < center.length; j++) {
            double value = Double.isFinite(raw[j]) ? raw[j] : center[j];
            double z = (value - center[j]) / scale[j];
            out[j] = Math.max(-clip, Math.min(clip, z));
        }
    }

    public double[] apply(double[] raw) {
        double[] out = new double[raw.length];
        apply(raw, out);
        return out;
    }
}

package pe.centinela.core.scoring;

import java.util.List;

/**
 * Per-feature standard scaling fitted on training rows, with the result clipped so a single extreme value
 * cannot dominate a network's input.
 *
 * @param mean  per-feature mean of the training rows
 * @param scale per-feature standard deviation (1 where a feature is constant)
 * @param clip  absolute bound of a scaled value
 */
public record Standardizer(double[] mean, double[] scale, double clip) {

    public static final double DEFAULT_CLIP = 8.0;

    public static Standardizer fit(List<double[]> rows) {
        int width = rows.get(0).length;
        double[] mean = new double[width];
        double[] m2 = new double[width];
        long n = 0;
        for (double[] row : rows) {
            n++;
            for (int j = 0; j < width; j++) {
                double delta = row[j] - mean[j];
                mean[j] += delta / n;
                m2[j] += delta * (row[j] - mean[j]);
            }
        }
        double[] scale = new double[width];
        for (int j = 0; j < width; j++) {
            double std = n > 1 ? Math.sqrt(m2[j] / (n - 1)) : 0;
            scale[j] = std > 1e-9 ? std : 1.0;
        }
        return new Standardizer(mean, scale, DEFAULT_CLIP);
    }

    public int width() {
        return mean.length;
    }

    public void apply(double[] raw, double[] out) {
        for (int j = 0; j < mean.length; j++) {
            double z = (raw[j] - mean[j]) / scale[j];
            out[j] = Math.max(-clip, Math.min(clip, z));
        }
    }

    public double[] apply(double[] raw) {
        double[] out = new double[raw.length];
        apply(raw, out);
        return out;
    }
}

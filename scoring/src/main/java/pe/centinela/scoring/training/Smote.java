package pe.centinela.scoring.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SMOTE: synthetic fraud examples on the segments between a fraud and one of its k nearest fraud neighbours, in the
 * scaled feature space. Applied to training rows only, never to validation or test.
 */
public final class Smote {

    private Smote() {}

    public static List<double[]> synthesize(List<double[]> minority, int count, int k, long seed) {
        List<double[]> synthetic = new ArrayList<>(count);
        if (minority.size() < 2 || count <= 0) {
            return synthetic;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[][] neighbours = nearest(minority, Math.min(k, minority.size() - 1));
        for (int s = 0; s < count; s++) {
            int i = random.nextInt(minority.size());
            double[] a = minority.get(i);
            double[] b = minority.get(neighbours[i][random.nextInt(neighbours[i].length)]);
            double gap = random.nextDouble();
            double[] row = new double[a.length];
            for (int j = 0; j < a.length; j++) {
                row[j] = a[j] + gap * (b[j] - a[j]);
            }
            synthetic.add(row);
        }
        return synthetic;
    }

    private static int[][] nearest(List<double[]> rows, int k) {
        int n = rows.size();
        int[][] result = new int[n][k];
        double[] best = new double[k];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(best, Double.MAX_VALUE);
            double[] a = rows.get(i);
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double d = distance(a, rows.get(j), best[k - 1]);
                if (d < best[k - 1]) {
                    int pos = k - 1;
                    while (pos > 0 && best[pos - 1] > d) {
                        best[pos] = best[pos - 1];
                        result[i][pos] = result[i][pos - 1];
                        pos--;
                    }
                    best[pos] = d;
                    result[i][pos] = j;
                }
            }
        }
        return result;
    }

    private static double distance(double[] a, double[] b, double bound) {
        double sum = 0;
        for (int j = 0; j < a.length && sum < bound; j++) {
            double d = a[j] - b[j];
            sum += d * d;
        }
        return sum;
    }
}

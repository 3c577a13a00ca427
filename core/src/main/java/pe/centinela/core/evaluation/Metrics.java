package pe.centinela.core.evaluation;

import java.util.Arrays;
import java.util.Comparator;

/** Ranking metrics of scores against labels. */
public final class Metrics {

    private Metrics() {
    }

    /** Area under the ROC curve, ties counted half; NaN when only one class is present. */
    public static double rocAuc(double[] scores, boolean[] fraud) {
        Integer[] order = ascending(scores);
        long positives = 0;
        long negatives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (fraud[order[k]]) {
                    positives++;
                    rankSum += averageRank;
                } else {
                    negatives++;
                }
            }
            i = j + 1;
        }
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Average precision: the mean of the precision at each fraud, ranking by descending score. */
    public static double averagePrecision(double[] scores, boolean[] fraud) {
        Integer[] order = ascending(scores);
        long positives = 0;
        for (boolean f : fraud) {
            if (f) {
                positives++;
            }
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double sum = 0;
        long seenPositives = 0;
        for (int rank = 0; rank < order.length; rank++) {
            int idx = order[order.length - 1 - rank];
            if (fraud[idx]) {
                seenPositives++;
                sum += (double) seenPositives / (rank + 1);
            }
        }
        return sum / positives;
    }

    private static Integer[] ascending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }
}

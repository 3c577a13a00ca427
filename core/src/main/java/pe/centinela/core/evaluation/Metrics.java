package pe.centinela.core.evaluation;

import java.util.Arrays;
import java.util.Comparator;

/** Ranking metrics of scores against labels. */
public final class Metrics {

    private Metrics() {}

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

    /**
     * Average precision as scikit-learn computes it: the precision at each distinct score, from the highest down,
     * weighted by the share of all frauds that score adds. Transactions with equal scores are taken together, so the
     * order of the input does not matter. NaN without fraud.
     */
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
        int end = order.length;
        while (end > 0) {
            int start = end - 1;
            while (start > 0 && scores[order[start - 1]] == scores[order[end - 1]]) {
                start--;
            }
            long tiedPositives = 0;
            for (int k = start; k < end; k++) {
                tiedPositives += fraud[order[k]] ? 1 : 0;
            }
            seenPositives += tiedPositives;
            sum += tiedPositives * ((double) seenPositives / (order.length - start));
            end = start;
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

package pe.centinela.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well scores separate fraud from legitimate transactions on a test window: ranking quality (ROC-AUC, average
 * precision), the confusion matrix at the chosen threshold, precision among the top-k alerts of each day (what an
 * analyst team can review), and the curves behind the areas.
 *
 * @param rows                 transactions evaluated
 * @param frauds               of which fraudulent
 * @param rocAuc               area under the ROC curve
 * @param averagePrecision     area under the precision-recall curve (average precision)
 * @param threshold            the alert threshold evaluated
 * @param truePositives        frauds alerted
 * @param falsePositives       legitimate transactions alerted
 * @param trueNegatives        legitimate transactions not alerted
 * @param falseNegatives       frauds missed
 * @param topK                 alerts an analyst team reviews per day
 * @param precisionAtTopK      share of fraud among each day's k highest scores, over all days
 * @param roc                  ROC curve points (false positive rate, true positive rate)
 * @param pr                   precision-recall curve points (recall, precision)
 */
public record Evaluation(
        long rows,
        long frauds,
        double rocAuc,
        double averagePrecision,
        double threshold,
        long truePositives,
        long falsePositives,
        long trueNegatives,
        long falseNegatives,
        int topK,
        double precisionAtTopK,
        List<double[]> roc,
        List<double[]> pr) {

    private static final int CURVE_POINTS = 200;

    public double precision() {
        long alerts = truePositives + falsePositives;
        return alerts == 0 ? 0 : (double) truePositives / alerts;
    }

    public double recall() {
        return frauds == 0 ? 0 : (double) truePositives / frauds;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public static Evaluation of(double[] scores, boolean[] fraud, long[] epochSeconds, double threshold, int topK) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        long frauds = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean alert = scores[i] >= threshold;
            frauds += fraud[i] ? 1 : 0;
            if (alert && fraud[i]) {
                tp++;
            } else if (alert) {
                fp++;
            } else if (fraud[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        Integer[] order = descending(scores);
        return new Evaluation(
                scores.length,
                frauds,
                Metrics.rocAuc(scores, fraud),
                Metrics.averagePrecision(scores, fraud),
                threshold,
                tp,
                fp,
                tn,
                fn,
                topK,
                precisionAtTopK(scores, fraud, epochSeconds, topK),
                roc(order, fraud, frauds),
                pr(order, fraud, frauds));
    }

    /** Share of fraud among the k highest-scored transactions of each Lima day, over all days. */
    static double precisionAtTopK(double[] scores, boolean[] fraud, long[] epochSeconds, int k) {
        Map<Long, List<Integer>> byDay = new HashMap<>();
        for (int i = 0; i < scores.length; i++) {
            byDay.computeIfAbsent(Math.floorDiv(epochSeconds[i] - 5 * 3_600, 86_400), d -> new ArrayList<>())
                    .add(i);
        }
        long reviewed = 0;
        long found = 0;
        for (List<Integer> day : byDay.values()) {
            day.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
            for (int j = 0; j < Math.min(k, day.size()); j++) {
                reviewed++;
                found += fraud[day.get(j)] ? 1 : 0;
            }
        }
        return reviewed == 0 ? 0 : (double) found / reviewed;
    }

    private static Integer[] descending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return order;
    }

    private static List<double[]> roc(Integer[] order, boolean[] fraud, long frauds) {
        long negatives = order.length - frauds;
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        long tp = 0;
        long fp = 0;
        int step = Math.max(1, order.length / CURVE_POINTS);
        for (int i = 0; i < order.length; i++) {
            if (fraud[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            if (i % step == 0 || i == order.length - 1) {
                points.add(new double[] {
                    negatives == 0 ? 0 : (double) fp / negatives, frauds == 0 ? 0 : (double) tp / frauds
                });
            }
        }
        return points;
    }

    private static List<double[]> pr(Integer[] order, boolean[] fraud, long frauds) {
        List<double[]> points = new ArrayList<>();
        long tp = 0;
        int step = Math.max(1, (int) Math.min(order.length, frauds * 20) / CURVE_POINTS);
        for (int i = 0; i < order.length; i++) {
            tp += fraud[order[i]] ? 1 : 0;
            if ((i % step == 0 || i == order.length - 1) && frauds > 0) {
                points.add(new double[] {(double) tp / frauds, (double) tp / (i + 1)});
            }
            if (frauds > 0 && tp == frauds) {
                points.add(new double[] {1.0, (double) tp / (i + 1)});
                break;
            }
        }
        return points;
    }
}

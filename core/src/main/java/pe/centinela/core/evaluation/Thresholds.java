package pe.centinela.core.evaluation;

import java.util.Arrays;
import java.util.Comparator;

/** Chooses an alert threshold on a validation window, from a business target, never from the test window. */
public final class Thresholds {

    private Thresholds() {}

    /** The threshold that raises about {@code alertsPerDay} alerts per day over the window's days. */
    public static double forAlertBudget(double[] scores, long[] epochSeconds, double alertsPerDay) {
        long first = Arrays.stream(epochSeconds).min().orElse(0);
        long last = Arrays.stream(epochSeconds).max().orElse(0);
        double days = Math.max(1.0, (last - first) / 86_400.0);
        int alerts = (int) Math.max(1, Math.min(scores.length, Math.round(alertsPerDay * days)));
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length - alerts];
    }

    /** The lowest threshold whose alerts reach {@code precision}; the highest score if none does. */
    public static double forPrecision(double[] scores, boolean[] fraud, double precision) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double best = scores[order[0]];
        long tp = 0;
        for (int rank = 0; rank < order.length; rank++) {
            tp += fraud[order[rank]] ? 1 : 0;
            boolean endOfTie = rank == order.length - 1 || scores[order[rank + 1]] < scores[order[rank]];
            if (endOfTie && (double) tp / (rank + 1) >= precision) {
                best = scores[order[rank]];
            }
        }
        return best;
    }
}

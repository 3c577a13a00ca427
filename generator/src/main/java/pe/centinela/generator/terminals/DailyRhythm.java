package pe.centinela.generator.terminals;

import java.util.SplittableRandom;
import pe.centinela.core.time.LimaTime;
import pe.centinela.generator.WeightedPick;

/**
 * When in the Lima day payments happen: a population shape that is quiet at night and peaks at lunch and in the
 * evening, and per account the same shape moved a few hours earlier or later.
 */
final class DailyRhythm {

    private static final double[] POPULATION = {
        0.25, 0.15, 0.10, 0.08, 0.10, 0.25, 0.50, 0.80, 1.00, 1.10, 1.20, 1.35,
        1.60, 1.70, 1.30, 1.15, 1.15, 1.30, 1.55, 1.75, 1.70, 1.40, 0.90, 0.50
    };
    private static final double PEAK = 1.75;
    private static final int LARGEST_SHIFT = 3;

    private final WeightedPick hours;

    private DailyRhythm(int shiftHours) {
        double[] weights = new double[24];
        for (int hour = 0; hour < 24; hour++) {
            weights[hour] = POPULATION[Math.floorMod(hour - shiftHours, 24)];
        }
        this.hours = WeightedPick.ofWeights(weights);
    }

    static DailyRhythm population() {
        return new DailyRhythm(0);
    }

    /** The population's shape moved by a few hours (normal, sd 1.5 h, at most 3 h either way). */
    static DailyRhythm forAccount(SplittableRandom random) {
        long shift = Math.round(1.5 * random.nextGaussian());
        return new DailyRhythm((int) Math.max(-LARGEST_SHIFT, Math.min(LARGEST_SHIFT, shift)));
    }

    /** Seconds after local midnight. */
    long secondOfDay(SplittableRandom random) {
        return hours.pick(random) * LimaTime.HOUR_SECONDS + random.nextInt((int) LimaTime.HOUR_SECONDS);
    }

    /** A time in [from, until), more likely by day as the population's shape says. */
    static long populationTimeBetween(long from, long until, SplittableRandom random) {
        while (true) {
            long candidate = from + (long) (random.nextDouble() * (until - from));
            if (random.nextDouble() * PEAK < POPULATION[LimaTime.hourOfEpochSecond(candidate)]) {
                return candidate;
            }
        }
    }
}

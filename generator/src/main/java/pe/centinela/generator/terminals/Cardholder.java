package pe.centinela.generator.terminals;

import java.util.SplittableRandom;
import pe.centinela.generator.WeightedPick;

/**
 * One account's habits: its home terminals (the first ones favourite), its spending level (the median amount, in
 * soles) and spread, how many payments it makes a day and at which hours.
 */
final class Cardholder {

    /** The z of the 99th percentile: the account's largest usual amount is its level times e^(z·spread). */
    private static final double LARGEST_USUAL_Z = 2.33;

    private final int[] homeTerminals;
    private final WeightedPick favourite;
    private final double level;
    private final double spread;
    private final double dailyRate;
    private final DailyRhythm rhythm;

    Cardholder(int[] homeTerminals, double level, double spread, double dailyRate, DailyRhythm rhythm) {
        this.homeTerminals = homeTerminals.clone();
        double[] weights = new double[homeTerminals.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1.0 / (i + 1);
        }
        this.favourite = WeightedPick.ofWeights(weights);
        this.level = level;
        this.spread = spread;
        this.dailyRate = dailyRate;
        this.rhythm = rhythm;
    }

    boolean isHome(int terminal) {
        for (int home : homeTerminals) {
            if (home == terminal) {
                return true;
            }
        }
        return false;
    }

    int homeTerminal(SplittableRandom random) {
        return homeTerminals[favourite.pick(random)];
    }

    int homeCount() {
        return homeTerminals.length;
    }

    double level() {
        return level;
    }

    double dailyRate() {
        return dailyRate;
    }

    DailyRhythm rhythm() {
        return rhythm;
    }

    /** An everyday amount for this account, in cents. */
    long usualCents(SplittableRandom random) {
        return Money.cents(Draws.logNormal(random, level, spread));
    }

    double largestUsual() {
        return level * Math.exp(LARGEST_USUAL_Z * spread);
    }
}

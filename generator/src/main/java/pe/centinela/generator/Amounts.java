package pe.centinela.generator;

import java.util.SplittableRandom;

/** Turns a drawn amount in soles into the cents a person would really pay (round fuel, whole taxi fares...). */
final class Amounts {

    private static final long[] ATM_NOTES = {20, 50, 100, 150, 200, 300, 400, 500, 700, 1000};
    private static final long[] RECHARGES = {5, 10, 15, 20, 30, 50, 100};

    private Amounts() {}

    static double logNormal(SplittableRandom random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    static long cents(double soles) {
        return Math.max(10, Math.round(soles * 100));
    }

    static long shaped(double soles, int rounding, SplittableRandom random) {
        return switch (rounding) {
            case MerchantCatalogue.ROUND_WHOLE -> Math.max(1, Math.round(soles)) * 100;
            case MerchantCatalogue.ROUND_HALF -> Math.max(1, Math.round(soles * 2)) * 50;
            case MerchantCatalogue.ROUND_FUEL ->
                random.nextDouble() < 0.6 ? Math.max(1, Math.round(soles / 10)) * 1000 : cents(soles);
            case MerchantCatalogue.ROUND_RECHARGE ->
                random.nextDouble() < 0.5 ? nearest(RECHARGES, soles) * 100 : cents(soles);
            default -> Math.max(50, Math.round(soles * 100));
        };
    }

    static long atmWithdrawal(double target) {
        return nearest(ATM_NOTES, target) * 100;
    }

    static long walletPayment(double soles, SplittableRandom random) {
        double clamped = Math.min(500, Math.max(1, soles));
        double style = random.nextDouble();
        if (style < 0.45) {
            return Math.max(1, Math.round(clamped)) * 100;
        }
        if (style < 0.70) {
            return Math.max(1, Math.round(clamped * 2)) * 50;
        }
        return cents(clamped);
    }

    private static long nearest(long[] options, double target) {
        long best = options[0];
        for (long option : options) {
            if (Math.abs(option - target) < Math.abs(best - target)) {
                best = option;
            }
        }
        return best;
    }
}

package pe.centinela.generator.terminals;

import java.util.SplittableRandom;

/** The few random draws the generator needs, all from a given {@link SplittableRandom} (never a global one). */
final class Draws {

    private Draws() {}

    static double logNormal(SplittableRandom random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** An int in [from, to], both included. */
    static int between(SplittableRandom random, int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}

package pe.centinela.generator.terminals;

import java.util.SplittableRandom;
import pe.centinela.generator.WeightedPick;

/** The payment terminals: some far busier than others (lognormal popularity). */
final class TerminalNetwork {

    private static final double POPULARITY_SPREAD = 1.0;

    private final int count;
    private final WeightedPick popularity;

    private TerminalNetwork(int count, WeightedPick popularity) {
        this.count = count;
        this.popularity = popularity;
    }

    static TerminalNetwork create(int count, SplittableRandom random) {
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            weights[i] = Draws.logNormal(random, 1, POPULARITY_SPREAD);
        }
        return new TerminalNetwork(count, WeightedPick.ofWeights(weights));
    }

    int count() {
        return count;
    }

    /** A terminal drawn by popularity, as a shopper would come across it. */
    int popular(SplittableRandom random) {
        return popularity.pick(random);
    }

    /** Any terminal, each as likely. */
    int any(SplittableRandom random) {
        return random.nextInt(count);
    }
}

package pe.centinela.generator.terminals;

import java.util.SplittableRandom;

/**
 * The accounts: each with 5–20 home terminals drawn by popularity, a spending level lognormal across accounts
 * (median S/ 60, sigma 0.8), a spread of its own amounts (sigma 0.4–0.8) and 0.5–4 payments a day (most near one:
 * 0.5·8^(u²) for uniform u, mean about 1.24).
 */
final class Population {

    private static final double MEDIAN_LEVEL = 60;
    private static final double LEVEL_SPREAD = 0.8;

    private final Cardholder[] cardholders;

    private Population(Cardholder[] cardholders) {
        this.cardholders = cardholders;
    }

    static Population create(int accounts, TerminalNetwork network, SplittableRandom random) {
        Cardholder[] cardholders = new Cardholder[accounts];
        for (int i = 0; i < accounts; i++) {
            int[] home = homeTerminals(Draws.between(random, 5, 20), network, random);
            double level = Draws.logNormal(random, MEDIAN_LEVEL, LEVEL_SPREAD);
            double spread = Draws.uniform(random, 0.4, 0.8);
            double u = random.nextDouble();
            double dailyRate = 0.5 * Math.pow(8, u * u);
            cardholders[i] = new Cardholder(home, level, spread, dailyRate, DailyRhythm.forAccount(random));
        }
        return new Population(cardholders);
    }

    private static int[] homeTerminals(int size, TerminalNetwork network, SplittableRandom random) {
        int[] home = new int[Math.min(size, network.count())];
        int filled = 0;
        while (filled < home.length) {
            int candidate = network.popular(random);
            if (!contains(home, filled, candidate)) {
                home[filled++] = candidate;
            }
        }
        return home;
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return cardholders.length;
    }

    Cardholder get(int account) {
        return cardholders[account];
    }
}

package pe.centinela.generator.terminals;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Stolen cards tested, then cashed out (0.8 a day for 3,000 accounts): 3–8 tiny payments (S/ 1–5) within an hour at
 * different terminals, then 1–3 payments near the account's largest usual amount over the next 15 minutes to 4 hours.
 */
final class CardTesting {

    static final double PER_DAY = 0.8;
    private static final long TESTING_SECONDS = 3600;
    private static final long CASH_OUT_FROM = 15 * 60;
    private static final long CASH_OUT_UNTIL = 4 * 3600;

    private final Population population;
    private final TerminalNetwork network;
    private final Victims victims;
    private final double perDay;
    private final SplittableRandom random;
    private int incidents;

    CardTesting(
            Population population, TerminalNetwork network, Victims victims, double scale, SplittableRandom random) {
        this.population = population;
        this.network = network;
        this.victims = victims;
        this.perDay = PER_DAY * scale;
        this.random = random;
    }

    void startIncidents(long dayFrom, long dayEnd, PendingFrauds pending) {
        int count = Draws.poisson(random, perDay);
        for (int i = 0; i < count; i++) {
            long start = DailyRhythm.populationTimeBetween(dayFrom, dayEnd, random);
            int account = victims.pickFree(start, random);
            if (account < 0) {
                continue;
            }
            long lastTest = planTests(account, start, pending);
            long lastCashOut = planCashOuts(account, lastTest, pending);
            victims.occupy(account, lastCashOut + 1);
            incidents++;
        }
    }

    private long planTests(int account, long start, PendingFrauds pending) {
        int tests = Draws.between(random, 3, 8);
        long[] times = sortedTimes(start, start + TESTING_SECONDS, tests);
        int[] terminals = distinctTerminals(tests);
        for (int i = 0; i < tests; i++) {
            long cents = Draws.between(random, 100, 500);
            pending.add(
                    TerminalTransaction.unnumbered(times[i], account, terminals[i], cents, FraudPattern.CARD_TESTING));
        }
        return times[tests - 1];
    }

    private long planCashOuts(int account, long lastTest, PendingFrauds pending) {
        int cashOuts = Draws.between(random, 1, 3);
        long[] times = sortedTimes(lastTest + CASH_OUT_FROM, lastTest + CASH_OUT_UNTIL, cashOuts);
        double largest = population.get(account).largestUsual();
        for (long at : times) {
            long cents = Money.cents(largest * Draws.uniform(random, 0.8, 1.0));
            pending.add(
                    TerminalTransaction.unnumbered(at, account, network.any(random), cents, FraudPattern.CARD_TESTING));
        }
        return times[times.length - 1];
    }

    private long[] sortedTimes(long from, long until, int count) {
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = from + (long) (random.nextDouble() * (until - from));
        }
        Arrays.sort(times);
        return times;
    }

    private int[] distinctTerminals(int count) {
        int[] terminals = new int[count];
        int filled = 0;
        while (filled < count) {
            int candidate = network.any(random);
            if (Arrays.stream(terminals, 0, filled).noneMatch(t -> t == candidate)) {
                terminals[filled++] = candidate;
            }
        }
        return terminals;
    }

    int incidents() {
        return incidents;
    }
}

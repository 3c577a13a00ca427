package pe.centinela.generator.terminals;

import java.util.SplittableRandom;
import pe.centinela.core.time.LimaTime;

/**
 * Accounts a fraudster has taken over (one a day for 3,000 accounts): for 7–21 days the fraudster pays half as often
 * as the owner (so about a third of the account's payments are fraud), by day as most people do, at terminals
 * outside the account's home set, 2–5 times the account's own level: large for this account, not large overall.
 */
final class AccountTakeovers {

    static final double PER_DAY = 1.0;
    private static final double FRAUD_PER_OWN_PAYMENT = 0.5;

    private final Population population;
    private final TerminalNetwork network;
    private final Victims victims;
    private final double perDay;
    private final SplittableRandom random;
    private int incidents;

    AccountTakeovers(
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
            double days = Draws.uniform(random, 7, 21);
            long end = start + (long) (days * LimaTime.DAY_SECONDS);
            victims.occupy(account, end);
            incidents++;
            plan(account, start, end, days, pending);
        }
    }

    private void plan(int account, long start, long end, double days, PendingFrauds pending) {
        Cardholder owner = population.get(account);
        int payments = Math.max(1, Draws.poisson(random, owner.dailyRate() * FRAUD_PER_OWN_PAYMENT * days));
        for (int i = 0; i < payments; i++) {
            long at = DailyRhythm.populationTimeBetween(start, end, random);
            long cents = Money.cents(owner.level() * Draws.uniform(random, 2, 5));
            pending.add(TerminalTransaction.unnumbered(
                    at, account, foreignTerminal(owner), cents, FraudPattern.ACCOUNT_TAKEOVER));
        }
    }

    private int foreignTerminal(Cardholder owner) {
        while (true) {
            int terminal = network.any(random);
            if (!owner.isHome(terminal)) {
                return terminal;
            }
        }
    }

    int incidents() {
        return incidents;
    }
}

package pe.centinela.generator.terminals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import pe.centinela.core.time.LimaTime;

/**
 * An endless, reproducible stream of labelled payments of a population at shared terminals, a data set of a
 * different shape from the demo's and from Sparkov's, for checking models on data they were not tuned on. It has only
 * six columns (id, time, account, terminal, amount, fraud): no merchant category, channel, device, IP or country.
 *
 * <p>The population ({@link Population}, by default 3,000 accounts at 2,000 terminals): each account pays mostly (80
 * %) at a home set of 5–20 terminals and otherwise elsewhere; its level is lognormal across accounts (median S/ 60,
 * sigma 0.8) and each amount lognormal around it (sigma 0.4–0.8); it pays 0.5–4 times a day, more by day than at
 * night, on a daily rhythm shifted by up to three hours. At the defaults about 3,700 payments a day, so a million rows
 * span about nine months.
 *
 * <p>The fraud patterns, unlike Sparkov's (large amounts at night in a few categories) and the demo's, leave the
 * amount a weak signal on its own; about 0.8 % of payments are fraud:
 * <ol>
 *   <li>{@link CompromisedTerminals}: half a terminal a day is compromised; every payment there for the next 7–28
 *       days is fraud, at the payer's usual amount. Only the terminal's recent fraud share gives it away.</li>
 *   <li>{@link AccountTakeovers}: one account a day for 7–21 days; about a third of its payments are fraud, outside
 *       its home terminals, at 2–5 times its own level.</li>
 *   <li>{@link CardTesting}: 0.8 stolen cards a day; 3–8 payments of S/ 1–5 within an hour at different terminals,
 *       then 1–3 near the account's largest usual amount within a few hours.</li>
 * </ol>
 * Incident rates grow with the number of accounts. Deterministic for a seed: all randomness comes from it, and time
 * is simulated (no clock is read). Not thread-safe.
 */
final class TerminalsGenerator implements Iterator<TerminalTransaction> {

    private static final double HOME_SHARE = 0.8;
    private static final int ATTEMPTS = 20;

    private final TerminalNetwork network;
    private final Population population;
    private final SplittableRandom everyday;
    private final CompromisedTerminals compromised;
    private final AccountTakeovers takeovers;
    private final CardTesting cardTesting;
    private final PendingFrauds pending = new PendingFrauds();
    private final long start;
    private final List<TerminalTransaction> day = new ArrayList<>();
    private int nextInDay;
    private long dayStart;
    private long emitted;

    TerminalsGenerator(TerminalsSettings settings) {
        SplittableRandom root = new SplittableRandom(settings.seed());
        this.network = TerminalNetwork.create(settings.terminals(), root.split());
        this.population = Population.create(settings.accounts(), network, root.split());
        this.everyday = root.split();
        Victims victims = new Victims(settings.accounts());
        double scale = settings.incidentScale();
        this.compromised = new CompromisedTerminals(network, scale, root.split());
        this.takeovers = new AccountTakeovers(population, network, victims, scale, root.split());
        this.cardTesting = new CardTesting(population, network, victims, scale, root.split());
        this.start = settings.start().getEpochSecond()
                + (settings.start()
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .equals(settings.start())
                        ? 0
                        : 1);
        this.dayStart = LimaTime.dayStart(start);
    }

    /** Always true: the stream never ends. */
    @Override
    public boolean hasNext() {
        return true;
    }

    /** The next payment; times never decrease and numbers count up from 1. */
    @Override
    public TerminalTransaction next() {
        while (nextInDay >= day.size()) {
            simulateDay();
        }
        return day.get(nextInDay++).numbered(++emitted);
    }

    /** How many incidents of a pattern have started so far (some may have payments still to come). */
    int incidents(FraudPattern pattern) {
        return switch (pattern) {
            case COMPROMISED_TERMINAL -> compromised.incidents();
            case ACCOUNT_TAKEOVER -> takeovers.incidents();
            case CARD_TESTING -> cardTesting.incidents();
            case NONE -> 0;
        };
    }

    Population population() {
        return population;
    }

    List<CompromisedTerminals.Window> compromisedWindows() {
        return compromised.windows();
    }

    private void simulateDay() {
        day.clear();
        nextInDay = 0;
        long dayEnd = LimaTime.dayStart(dayStart + LimaTime.DAY_SECONDS + LimaTime.HOUR_SECONDS * 12);
        long from = Math.max(start, dayStart);
        compromised.startIncidents(from, dayEnd);
        takeovers.startIncidents(from, dayEnd, pending);
        cardTesting.startIncidents(from, dayEnd, pending);
        for (int account = 0; account < population.size(); account++) {
            addEverydayPayments(account, from);
        }
        pending.moveBefore(dayEnd, day);
        day.sort(Comparator.comparingLong(TerminalTransaction::epochSecond));
        dayStart = dayEnd;
    }

    private void addEverydayPayments(int account, long from) {
        Cardholder cardholder = population.get(account);
        int payments = Draws.poisson(everyday, cardholder.dailyRate());
        for (int i = 0; i < payments; i++) {
            long at = dayStart + cardholder.rhythm().secondOfDay(everyday);
            int terminal =
                    everyday.nextDouble() < HOME_SHARE ? cardholder.homeTerminal(everyday) : elsewhere(cardholder);
            long cents = cardholder.usualCents(everyday);
            if (at >= from) {
                FraudPattern pattern =
                        compromised.isCompromised(terminal, at) ? FraudPattern.COMPROMISED_TERMINAL : FraudPattern.NONE;
                day.add(TerminalTransaction.unnumbered(at, account, terminal, cents, pattern));
            }
        }
    }

    private int elsewhere(Cardholder cardholder) {
        int terminal = network.popular(everyday);
        for (int attempt = 1; attempt < ATTEMPTS && cardholder.isHome(terminal); attempt++) {
            terminal = network.popular(everyday);
        }
        return terminal;
    }
}

package pe.centinela.generator;

import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.time.LimaTime;

/**
 * Starts fraud incidents among the legitimate traffic and keeps their transactions in time order until they are due.
 * Each legitimate transaction starts an incident with a probability derived from the scenarios' mean sizes, so that
 * fraudulent transactions are about {@code fraudRate} of the stream; the probability is nudged up or down while the
 * fraud committed so far lags or leads that target, which keeps the fraction steady over short runs too.
 */
final class FraudInjector {

    static final FraudScenario[] SCENARIOS = {
        FraudScenario.ACCOUNT_TAKEOVER,
        FraudScenario.CARD_TESTING,
        FraudScenario.COMPROMISED_POS,
        FraudScenario.AMOUNT_SPIKE
    };
    private static final double[] SHARE_OF_FRAUD = {0.30, 0.30, 0.25, 0.15};

    static final int MIN_CAPTURED = 10;
    static final int MAX_CAPTURED = 30;
    static final double MEAN_USES_PER_CARD = 2.0;
    private static final long NIGHT_START = 22 * LimaTime.HOUR_MILLIS;
    private static final long TAKEOVER_WINDOW = 4 * LimaTime.HOUR_MILLIS + 30 * LimaTime.MINUTE_MILLIS;
    private static final double CORRECTION_SCALE = 40;

    private final Account[] accounts;
    private final MerchantCatalogue catalogue;
    private final SplittableRandom random;
    private final PriorityQueue<PendingTransaction> queue = new PriorityQueue<>(PendingTransaction.BY_TIME);
    private final double incidentProbability;
    private final double fraudPerLegitimate;
    private long legitimateSeen;
    private double fraudCommitted;
    private final WeightedPick scenarioPick;
    private final int[] capturesLeft;
    private final int[] cardsLeft;
    private int compromisesWaiting;
    private long order;
    private long newBeneficiaries;

    FraudInjector(double fraudRate, Account[] accounts, MerchantCatalogue catalogue, SplittableRandom random) {
        this.accounts = accounts;
        this.catalogue = catalogue;
        this.random = random;
        this.capturesLeft = new int[catalogue.size()];
        this.cardsLeft = new int[catalogue.size()];
        double[] incidentWeights = new double[SCENARIOS.length];
        double fraudPerIncident = 0;
        double weightSum = 0;
        for (int i = 0; i < SCENARIOS.length; i++) {
            incidentWeights[i] = SHARE_OF_FRAUD[i] / meanFraudTransactions(SCENARIOS[i]);
            weightSum += incidentWeights[i];
        }
        for (int i = 0; i < SCENARIOS.length; i++) {
            fraudPerIncident += incidentWeights[i] / weightSum * meanFraudTransactions(SCENARIOS[i]);
        }
        this.scenarioPick = WeightedPick.ofWeights(incidentWeights);
        this.fraudPerLegitimate = fraudRate / (1 - fraudRate);
        this.incidentProbability = fraudPerLegitimate / fraudPerIncident;
    }

    /** The mean number of fraudulent transactions one incident of the scenario produces. */
    static double meanFraudTransactions(FraudScenario scenario) {
        return switch (scenario) {
            case ACCOUNT_TAKEOVER -> 4.0;
            case CARD_TESTING -> 11.0;
            case COMPROMISED_POS -> meanCardsUsed() * MEAN_USES_PER_CARD;
            case AMOUNT_SPIKE -> 1.0;
            case NONE -> 0.0;
        };
    }

    private static double meanCardsUsed() {
        double sum = 0;
        for (int captured = MIN_CAPTURED; captured <= MAX_CAPTURED; captured++) {
            sum += 2 + Math.floorDiv(captured, 4) / 2.0;
        }
        return sum / (MAX_CAPTURED - MIN_CAPTURED + 1);
    }

    PendingTransaction peek() {
        return queue.peek();
    }

    PendingTransaction poll() {
        return queue.poll();
    }

    int pending() {
        return queue.size();
    }

    /** Sees every legitimate transaction: may skim its card, and may start a new incident. */
    void afterLegitimate(long time, Account account, int merchant, Channel channel) {
        if (channel == Channel.POS) {
            observePosPayment(time, account, merchant);
        }
        legitimateSeen++;
        if (incidentProbability > 0 && random.nextDouble() < incidentProbability * correction()) {
            startIncident(time);
        }
    }

    private double correction() {
        double deficit = legitimateSeen * fraudPerLegitimate - fraudCommitted;
        return Math.min(4, Math.max(0.25, 1 + deficit / CORRECTION_SCALE));
    }

    private void startIncident(long time) {
        switch (SCENARIOS[scenarioPick.pick(random)]) {
            case ACCOUNT_TAKEOVER -> accountTakeover(time, randomAccount());
            case CARD_TESTING -> cardTesting(time, randomAccount());
            case COMPROMISED_POS -> {
                compromisesWaiting++;
                fraudCommitted += meanFraudTransactions(FraudScenario.COMPROMISED_POS);
            }
            case AMOUNT_SPIKE -> amountSpike(time, randomAccount());
            default -> throw new IllegalStateException();
        }
    }

    private void observePosPayment(long time, Account account, int merchant) {
        if (capturesLeft[merchant] > 0) {
            capture(time, account, merchant);
        } else if (compromisesWaiting > 0) {
            compromisesWaiting--;
            int captured = MIN_CAPTURED + random.nextInt(MAX_CAPTURED - MIN_CAPTURED + 1);
            capturesLeft[merchant] = captured;
            cardsLeft[merchant] = 2 + random.nextInt(captured / 4 + 1);
        }
    }

    private void capture(long time, Account account, int merchant) {
        boolean used = random.nextInt(capturesLeft[merchant]) < cardsLeft[merchant];
        capturesLeft[merchant]--;
        if (used) {
            cardsLeft[merchant]--;
            useSkimmedCard(time, account, merchant);
        }
    }

    private void useSkimmedCard(long captureTime, Account account, int skimmedAt) {
        String device = Identities.deviceId(random);
        String ip = Identities.foreignIp(random);
        int uses = 1 + random.nextInt(3);
        long time = captureTime + (long) Amounts.uniform(random, 3 * LimaTime.HOUR_MILLIS, 48 * LimaTime.HOUR_MILLIS);
        for (int use = 0; use < uses; use++) {
            long when = oftenAtNight(time);
            if (random.nextBoolean()) {
                int merchant = pickFrom(catalogue.cardFraudOnline);
                long cents = Amounts.cents(Math.max(150, account.typicalAmount * Amounts.uniform(random, 3, 12)));
                scheduleSkimmedUse(when, account, merchant, Channel.ECOMMERCE, cents, device, ip, skimmedAt);
            } else {
                int city = cityOtherThan(account.homeCity, catalogue.cityOrdinal[skimmedAt]);
                int merchant = pickFrom(catalogue.resoldGoodsPosByCity[city]);
                double soles = Math.max(
                        catalogue.merchant(merchant).typicalAmountPen() * Amounts.uniform(random, 1.5, 4),
                        account.typicalAmount * Amounts.uniform(random, 2, 5));
                scheduleSkimmedUse(
                        when,
                        account,
                        merchant,
                        Channel.POS,
                        Amounts.cents(soles),
                        terminal(merchant),
                        null,
                        skimmedAt);
            }
            time = when + (long) Amounts.uniform(random, 10 * LimaTime.MINUTE_MILLIS, 8 * LimaTime.HOUR_MILLIS);
        }
    }

    private long oftenAtNight(long time) {
        return random.nextBoolean() ? randomTimeInWindow(time, NIGHT_START, 6 * LimaTime.HOUR_MILLIS, random) : time;
    }

    private void accountTakeover(long now, Account victim) {
        long time = randomTimeInWindow(now, 0, TAKEOVER_WINDOW, random);
        String device = Identities.deviceId(random);
        String ip = Identities.foreignIp(random);
        int transfers = 2 + random.nextInt(5);
        double drained = Math.min(40_000, Math.max(800, victim.typicalAmount * Amounts.uniform(random, 30, 100)));
        for (int i = 0; i < transfers; i++) {
            long soles = Math.max(50, Math.round(drained / transfers * Amounts.uniform(random, 0.7, 1.3)));
            boolean wallet = soles <= 500 && random.nextBoolean();
            schedule(
                    time,
                    victim,
                    wallet ? victim.walletService : victim.transferService,
                    wallet ? Channel.WALLET : Channel.TRANSFER,
                    soles * 100,
                    device,
                    ip,
                    Identities.newBeneficiary(newBeneficiaries++),
                    FraudScenario.ACCOUNT_TAKEOVER);
            time += (long) Amounts.uniform(random, LimaTime.MINUTE_MILLIS, 6 * LimaTime.MINUTE_MILLIS);
        }
    }

    /**
     * Schedules a {@link MuleRing} from {@code now}: two victims, taken over from one device and a foreign IP, send
     * three and two transfers of a few thousand soles to a third customer's account a few minutes apart; that mule
     * passes nine tenths on to an account no one paid before, in two transfers from its own device.
     */
    MuleRing muleRing(long now) {
        Account first = randomAccount();
        Account second = randomAccount();
        Account mule = randomAccount();
        while (second == first) {
            second = randomAccount();
        }
        while (mule == first || mule == second) {
            mule = randomAccount();
        }
        String device = Identities.deviceId(random);
        String ip = Identities.foreignIp(random);
        String cashOutTo = Identities.newBeneficiary(newBeneficiaries++);
        long start = now + 2 * LimaTime.MINUTE_MILLIS;
        long time = start;
        long received = 0;
        Account[] victims = {first, second};
        for (int v = 0; v < victims.length; v++) {
            for (int i = 0; i < 3 - v; i++) {
                long soles = Math.max(1_500, Math.round(victims[v].typicalAmount * Amounts.uniform(random, 15, 30)));
                schedule(
                        time,
                        victims[v],
                        victims[v].transferService,
                        Channel.TRANSFER,
                        soles * 100,
                        device,
                        ip,
                        mule.id,
                        FraudScenario.ACCOUNT_TAKEOVER);
                received += soles;
                time += (long) Amounts.uniform(random, LimaTime.MINUTE_MILLIS, 4 * LimaTime.MINUTE_MILLIS);
            }
        }
        time += (long) Amounts.uniform(random, 5 * LimaTime.MINUTE_MILLIS, 15 * LimaTime.MINUTE_MILLIS);
        for (int i = 0; i < 2; i++) {
            schedule(
                    time,
                    mule,
                    mule.transferService,
                    Channel.TRANSFER,
                    Math.round(received * 0.45) * 100,
                    mule.deviceId,
                    mule.ip,
                    cashOutTo,
                    FraudScenario.ACCOUNT_TAKEOVER);
            time += (long) Amounts.uniform(random, LimaTime.MINUTE_MILLIS, 3 * LimaTime.MINUTE_MILLIS);
        }
        return new MuleRing(List.of(first.id, second.id), mule.id, device, cashOutTo, Instant.ofEpochMilli(start));
    }

    private void cardTesting(long now, Account victim) {
        long time = now + (long) Amounts.uniform(random, 0, 45 * LimaTime.MINUTE_MILLIS);
        String device = Identities.deviceId(random);
        String ip = Identities.foreignIp(random);
        int probes = 5 + random.nextInt(11);
        for (int i = 0; i < probes; i++) {
            schedule(
                    time,
                    victim,
                    pickFrom(catalogue.domesticOnline),
                    Channel.ECOMMERCE,
                    100 + random.nextInt(401),
                    device,
                    ip,
                    null,
                    FraudScenario.CARD_TESTING);
            time += (long) Amounts.uniform(random, 4_000, 20_000);
        }
        time += (long) Amounts.uniform(random, LimaTime.MINUTE_MILLIS, 4 * LimaTime.MINUTE_MILLIS);
        long cashOut = Amounts.cents(Amounts.uniform(random, 1500, 6500));
        schedule(
                time,
                victim,
                pickFrom(catalogue.testingCashout),
                Channel.ECOMMERCE,
                cashOut,
                device,
                ip,
                null,
                FraudScenario.CARD_TESTING);
    }

    private void amountSpike(long now, Account victim) {
        long time = now + (long) Amounts.uniform(random, LimaTime.MINUTE_MILLIS, 3 * LimaTime.HOUR_MILLIS);
        long cents = Amounts.cents(victim.typicalAmount * Amounts.uniform(random, 10, 50));
        int[] shops = catalogue.spikePosByCity[victim.homeCity];
        if (shops.length > 0 && random.nextDouble() < 0.6) {
            int merchant = pickFrom(shops);
            schedule(
                    time,
                    victim,
                    merchant,
                    Channel.POS,
                    cents,
                    terminal(merchant),
                    null,
                    null,
                    FraudScenario.AMOUNT_SPIKE);
        } else {
            schedule(
                    time,
                    victim,
                    pickFrom(catalogue.spikeOnline),
                    Channel.ECOMMERCE,
                    cents,
                    Identities.deviceId(random),
                    Identities.peruvianIp(random),
                    null,
                    FraudScenario.AMOUNT_SPIKE);
        }
    }

    private void schedule(
            long time,
            Account account,
            int merchant,
            Channel channel,
            long cents,
            String device,
            String ip,
            String counterparty,
            FraudScenario scenario) {
        fraudCommitted++;
        queue.add(new PendingTransaction(
                time, order++, account, merchant, channel, cents, device, ip, counterparty, scenario, -1));
    }

    private void scheduleSkimmedUse(
            long time,
            Account account,
            int merchant,
            Channel channel,
            long cents,
            String device,
            String ip,
            int skimmedAt) {
        queue.add(new PendingTransaction(
                time,
                order++,
                account,
                merchant,
                channel,
                cents,
                device,
                ip,
                null,
                FraudScenario.COMPROMISED_POS,
                skimmedAt));
    }

    private Account randomAccount() {
        return accounts[random.nextInt(accounts.length)];
    }

    private int cityOtherThan(int home, int skimmed) {
        int city = random.nextInt(City.count());
        while (city == home || city == skimmed) {
            city = random.nextInt(City.count());
        }
        return city;
    }

    private String terminal(int merchant) {
        String[] lanes = catalogue.terminals[merchant];
        return lanes[random.nextInt(lanes.length)];
    }

    private int pickFrom(int[] merchants) {
        return merchants[random.nextInt(merchants.length)];
    }

    /**
     * A random instant at or after {@code notBefore} whose Lima time of day lies in
     * [{@code from}, {@code from + span}) (milliseconds after local midnight; the window may run past midnight).
     */
    private static long randomTimeInWindow(long notBefore, long from, long span, SplittableRandom random) {
        long local = LimaTime.localMillis(notBefore);
        long windowStart = Math.floorDiv(local, LimaTime.DAY_MILLIS) * LimaTime.DAY_MILLIS + from - LimaTime.DAY_MILLIS;
        while (windowStart + span <= local) {
            windowStart += LimaTime.DAY_MILLIS;
        }
        long earliest = Math.max(windowStart, local);
        long chosenLocal = earliest + (long) (random.nextDouble() * (windowStart + span - earliest));
        return notBefore + (chosenLocal - local);
    }
}

package pe.centinela.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Iterator;
import java.util.SplittableRandom;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.SourceMetadata;
import pe.centinela.core.domain.Transaction;

/**
 * An endless, reproducible stream of realistic Peruvian card, ATM, transfer and wallet transactions in simulated
 * time, with labelled fraud incidents mixed in. Not thread-safe.
 */
public final class TransactionGenerator implements Iterator<GeneratedTransaction> {

    /** The fixed exchange rate used for payments made in US dollars. */
    public static final BigDecimal USD_TO_PEN = new BigDecimal("3.75");

    public static final String SOURCE_NAME = "generator";

    private static final String PEN = Transaction.BASE_CURRENCY;
    private static final String USD = "USD";
    private static final long NO_ARRIVAL = Long.MIN_VALUE;
    private static final int ID_DIGITS = 12;
    private static final long ID_LIMIT = 1_000_000_000_000L;

    private final GeneratorSettings settings;
    private final MerchantCatalogue catalogue;
    private final Account[] accounts;
    private final SplittableRandom random;
    private final ArrivalClock arrivals;
    private final FraudInjector fraud;
    private final String idPrefix;
    private final char[] idBuffer;
    private long nextArrival = NO_ARRIVAL;
    private long sequence;
    private Instant clock;
    private int skimmedAt = -1;

    public TransactionGenerator(GeneratorSettings settings) {
        this.settings = settings;
        SplittableRandom root = new SplittableRandom(settings.seed());
        this.catalogue = new MerchantCatalogue(settings.seed());
        this.accounts = Population.create(settings.accounts(), catalogue, root.split());
        this.random = root.split();
        this.arrivals = new ArrivalClock(
                firstMillisNotBefore(settings.start()),
                settings.accounts() * settings.transactionsPerAccountPerDay(),
                root.split());
        this.fraud = new FraudInjector(settings.fraudRate(), accounts, catalogue, root.split());
        this.idPrefix = "tx-" + seedTag(settings.seed()) + "-";
        this.idBuffer = (idPrefix + "0".repeat(ID_DIGITS)).toCharArray();
        this.clock = settings.start();
    }

    public GeneratorSettings settings() {
        return settings;
    }

    public MerchantCatalogue catalogue() {
        return catalogue;
    }

    /** Always true: the stream never ends. */
    @Override
    public boolean hasNext() {
        return true;
    }

    /** The next transaction; timestamps never decrease. */
    @Override
    public GeneratedTransaction next() {
        if (nextArrival == NO_ARRIVAL) {
            nextArrival = arrivals.next();
        }
        PendingTransaction due = fraud.peek();
        if (due != null && due.time <= nextArrival) {
            fraud.poll();
            skimmedAt = due.skimmedAt;
            return emit(
                    due.time,
                    due.account,
                    due.merchant,
                    due.channel,
                    due.cents,
                    false,
                    due.deviceId,
                    due.ip,
                    due.counterparty,
                    due.scenario);
        }
        long time = nextArrival;
        nextArrival = NO_ARRIVAL;
        skimmedAt = -1;
        return habitualPayment(time, pickAccount(arrivals.currentHour()));
    }

    /** The simulated instant of the last transaction returned, or the start before the first. */
    public Instant clock() {
        return clock;
    }

    /** Schedules a takeover through a mule among the coming transactions, from the simulated clock; says who is in it. */
    public MuleRing injectMuleRing() {
        return fraud.muleRing(clock.toEpochMilli());
    }

    int pendingFraud() {
        return fraud.pending();
    }

    /** For a {@link FraudScenario#COMPROMISED_POS} fraud just returned: the id of the skimming merchant. */
    String skimmedMerchantOfLast() {
        return skimmedAt < 0 ? null : catalogue.merchant(skimmedAt).id();
    }

    private Account pickAccount(int limaHour) {
        for (int attempt = 0; attempt < 200; attempt++) {
            Account candidate = accounts[random.nextInt(accounts.length)];
            if (random.nextDouble() < candidate.activity * candidate.hours.acceptance(limaHour)) {
                return candidate;
            }
        }
        return accounts[random.nextInt(accounts.length)];
    }

    private GeneratedTransaction habitualPayment(long time, Account account) {
        return switch (account.habits.pick(random)) {
            case Account.POS -> streetPayment(time, account);
            case Account.ECOMMERCE -> onlinePayment(time, account);
            case Account.ATM -> withdrawal(time, account);
            case Account.WALLET -> walletPayment(time, account);
            default -> bankTransfer(time, account);
        };
    }

    private GeneratedTransaction streetPayment(long time, Account account) {
        int merchant = streetMerchant(account);
        long cents = Amounts.shaped(usualAmount(account, merchant), catalogue.rounding[merchant], random);
        String mcc = catalogue.merchant(merchant).mcc();
        boolean usd = (mcc.equals("4722") || mcc.equals("7011")) && random.nextDouble() < settings.usdShare();
        String[] lanes = catalogue.terminals[merchant];
        String terminal = lanes[random.nextInt(lanes.length)];
        return legitimate(time, account, merchant, Channel.POS, cents, usd, terminal, null, null);
    }

    private int streetMerchant(Account account) {
        double roll = random.nextDouble();
        if (roll < 0.84) {
            return account.streetFavourites.pick(random);
        }
        if (roll < 0.98) {
            return catalogue.posByCity[account.homeCity].pick(random);
        }
        return catalogue.posByCity[random.nextInt(City.count())].pick(random);
    }

    private GeneratedTransaction onlinePayment(long time, Account account) {
        int merchant = random.nextDouble() < 0.9
                ? account.onlineFavourites.pick(random)
                : catalogue.onlineByCity[account.homeCity].pick(random);
        boolean usd = random.nextDouble() < settings.usdShare();
        if (usd && catalogue.foreignOnline.length > 0 && random.nextBoolean()) {
            merchant = catalogue.foreignOnline[random.nextInt(catalogue.foreignOnline.length)];
        }
        long cents = Amounts.shaped(usualAmount(account, merchant), catalogue.rounding[merchant], random);
        return legitimate(time, account, merchant, Channel.ECOMMERCE, cents, usd, account.deviceId, account.ip, null);
    }

    private GeneratedTransaction withdrawal(long time, Account account) {
        int merchant = account.atms[random.nextInt(account.atms.length)];
        if (random.nextDouble() < 0.05) {
            int[] nearby = catalogue.atmsByCityAndBank[account.homeCity][random.nextInt(Bank.count())];
            merchant = nearby[random.nextInt(nearby.length)];
        }
        long cents = Amounts.atmWithdrawal(Amounts.logNormal(random, account.atmMedian, 0.5));
        String atm = catalogue.terminals[merchant][0];
        return legitimate(time, account, merchant, Channel.ATM, cents, false, atm, null, null);
    }

    private GeneratedTransaction walletPayment(long time, Account account) {
        long cents = Amounts.walletPayment(Amounts.logNormal(random, account.walletMedian, 0.75), random);
        String contact = account.walletContacts[random.nextInt(account.walletContacts.length)];
        return legitimate(
                time,
                account,
                account.walletService,
                Channel.WALLET,
                cents,
                false,
                account.deviceId,
                account.ip,
                contact);
    }

    private GeneratedTransaction bankTransfer(long time, Account account) {
        double drawn = Amounts.logNormal(random, account.transferMedian, 0.8);
        double soles = Math.min(30_000, Math.max(20, drawn));
        String beneficiary = account.transferBeneficiaries[random.nextInt(account.transferBeneficiaries.length)];
        return legitimate(
                time,
                account,
                account.transferService,
                Channel.TRANSFER,
                Math.round(soles) * 100,
                false,
                account.deviceId,
                account.ip,
                beneficiary);
    }

    private GeneratedTransaction legitimate(
            long time,
            Account account,
            int merchant,
            Channel channel,
            long cents,
            boolean usd,
            String deviceId,
            String ip,
            String counterparty) {
        fraud.afterLegitimate(time, account, merchant, channel);
        return emit(time, account, merchant, channel, cents, usd, deviceId, ip, counterparty, FraudScenario.NONE);
    }

    private double usualAmount(Account account, int merchant) {
        double typical = catalogue.merchant(merchant).typicalAmountPen();
        return Amounts.logNormal(random, typical * account.spendingFactor, 0.45);
    }

    private GeneratedTransaction emit(
            long time,
            Account account,
            int merchant,
            Channel channel,
            long penCents,
            boolean usd,
            String deviceId,
            String ip,
            String counterparty,
            FraudScenario scenario) {
        Merchant where = catalogue.merchant(merchant);
        BigDecimal original;
        BigDecimal amount;
        if (usd) {
            original = BigDecimal.valueOf(Math.max(1, Math.round(penCents / USD_TO_PEN.doubleValue())), 2);
            amount = original.multiply(USD_TO_PEN).setScale(2, RoundingMode.HALF_UP);
        } else {
            amount = BigDecimal.valueOf(penCents, 2);
            original = amount;
        }
        Instant timestamp = Instant.ofEpochMilli(time);
        clock = timestamp;
        Transaction transaction = new Transaction(
                nextTransactionId(),
                account.id,
                amount,
                PEN,
                original,
                usd ? USD : PEN,
                timestamp,
                where.id(),
                where.mcc(),
                channel,
                deviceId,
                ip,
                counterparty,
                catalogue.countries[merchant],
                scenario != FraudScenario.NONE,
                new SourceMetadata(SOURCE_NAME, SOURCE_NAME, timestamp, null, SourceMetadata.CURRENT_SCHEMA_VERSION));
        return new GeneratedTransaction(transaction, scenario);
    }

    private String nextTransactionId() {
        long number = ++sequence;
        if (number >= ID_LIMIT) {
            return idPrefix + number;
        }
        for (int position = idBuffer.length - 1; position >= idBuffer.length - ID_DIGITS; position--) {
            idBuffer[position] = (char) ('0' + number % 10);
            number /= 10;
        }
        return new String(idBuffer);
    }

    private static long firstMillisNotBefore(Instant start) {
        return start.toEpochMilli()
                + (start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).equals(start) ? 0 : 1);
    }

    private static String seedTag(long seed) {
        long mixed = seed * 0x9E3779B97F4A7C15L;
        mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
        mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
        mixed ^= mixed >>> 31;
        return Long.toHexString((mixed >>> 32) | 0x1_0000_0000L).substring(1);
    }
}

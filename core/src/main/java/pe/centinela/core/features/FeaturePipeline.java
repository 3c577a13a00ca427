package pe.centinela.core.features;

import static pe.centinela.core.features.FeatureCatalogue.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import pe.centinela.core.domain.Channel;
import pe.centinela.core.domain.Label;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.numeric.TanhAndLog1p;
import pe.centinela.core.time.LimaTime;

/**
 * The one feature code path of the platform: training replays history through it in time order, live scoring feeds
 * it the stream, and both get the same vectors for the same history. It keeps each account's state, the recent
 * traffic of every device and IP address, how often each kind of transaction occurs in what it has seen (for reasons
 * only, not a feature), and the confirmed-fraud record of each merchant, beneficiary and device,
 * where a label counts only from {@code labelDelay} after its transaction (or from when an analyst's decision arrives,
 * if later): see {@link KeyFraudWindows}. Not thread-safe.
 */
public final class FeaturePipeline {

    public static final Duration DEFAULT_LABEL_DELAY = Duration.ofDays(3);
    /** Transactions per sequence of the convolutional model: the current one and the five before it. */
    public static final int DEFAULT_SEQUENCE_LENGTH = 6;

    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    private static final double NO_PREVIOUS = TanhAndLog1p.log1p(30 * DAY);
    /** The merchant-risk feature's smoothing: half a fraud among a hundred transactions, before any is known. */
    private static final double PRIOR_FRAUDS = 0.5;

    private static final double PRIOR_TRANSACTIONS = 100;

    private final Map<String, AccountState> accounts = new HashMap<>();
    private final KeyVelocity devices = new KeyVelocity();
    private final KeyVelocity ips = new KeyVelocity();
    private final KeyActivity keyActivity;
    private final boolean feedsKeyActivity;
    private final KeyFraudWindows.Tally tally = new KeyFraudWindows.Tally();
    private final TrafficMix traffic = new TrafficMix();
    private final int sequenceLength;

    /**
     * A pipeline that keeps its own merchants', beneficiaries' and devices' fraud record, fed by the transactions and
     * labels it is given: a replay of one whole history.
     *
     * @param labelDelay     how long after a transaction its label becomes usable
     * @param sequenceLength transactions per sequence for sequence models (1: no sequences)
     */
    public FeaturePipeline(Duration labelDelay, int sequenceLength) {
        this(new KeyActivity(labelDelay), true, sequenceLength);
    }

    /**
     * A pipeline that reads the fraud record of {@code keyActivity}, which something else feeds with every transaction
     * and label (a live instance scores only some partitions; see {@link KeyActivity}).
     */
    public FeaturePipeline(KeyActivity keyActivity, int sequenceLength) {
        this(keyActivity, false, sequenceLength);
    }

    private FeaturePipeline(KeyActivity keyActivity, boolean feedsKeyActivity, int sequenceLength) {
        this.keyActivity = keyActivity;
        this.feedsKeyActivity = feedsKeyActivity;
        this.sequenceLength = sequenceLength;
    }

    public FeaturePipeline(Duration labelDelay) {
        this(labelDelay, 1);
    }

    public FeaturePipeline() {
        this(DEFAULT_LABEL_DELAY, DEFAULT_SEQUENCE_LENGTH);
    }

    public int sequenceLength() {
        return sequenceLength;
    }

    /**
     * Like {@link #next(Transaction, double[])}, and also writes the account's sequence: the vectors of its previous
     * {@code sequenceLength − 1} transactions (oldest first, zeros where there are none) followed by this one, flattened
     * into {@code sequence} of length {@code sequenceLength × SIZE}.
     */
    public FeatureContext next(Transaction tx, double[] out, double[] sequence) {
        AccountState state = stateOf(tx);
        FeatureContext context = extract(tx, state, out);
        state.previousRows(sequenceLength - 1, SIZE, sequence);
        System.arraycopy(out, 0, sequence, (sequenceLength - 1) * SIZE, SIZE);
        observe(tx, state);
        state.rememberRow(out, sequenceLength - 1);
        return context;
    }

    /** Features of {@code tx} from everything seen before it, then remembers it. */
    public FeatureContext next(Transaction tx, double[] out) {
        AccountState state = stateOf(tx);
        FeatureContext context = extract(tx, state, out);
        observe(tx, state);
        state.rememberRow(out, sequenceLength - 1);
        return context;
    }

    private AccountState stateOf(Transaction tx) {
        return accounts.computeIfAbsent(tx.accountId(), id -> new AccountState());
    }

    /** An analyst's decision, for a pipeline that feeds its own fraud record (see {@link KeyActivity#label}). */
    public void confirmLabel(Label label) {
        if (!feedsKeyActivity) {
            throw new IllegalStateException(
                    "this pipeline reads a shared fraud record: give labels to its KeyActivity");
        }
        keyActivity.label(label);
    }

    /** The account's state as bytes, or null when the account is unknown. */
    public byte[] snapshot(String accountId) {
        AccountState state = accounts.get(accountId);
        return state == null ? null : state.encode();
    }

    /** Puts back an account's state, e.g. read from the changelog after a partition moved here. */
    public void restore(String accountId, byte[] encoded) {
        accounts.put(accountId, AccountState.decode(encoded));
    }

    public void forget(String accountId) {
        accounts.remove(accountId);
    }

    public int accountsTracked() {
        return accounts.size();
    }

    /** Writes the features of {@code tx} given the history before it into {@code out}; changes no state but the clock of labels. */
    public FeatureContext extract(Transaction tx, double[] out) {
        return extract(tx, stateOf(tx), out);
    }

    private FeatureContext extract(Transaction tx, AccountState state, double[] out) {
        Arrays.fill(out, 0, SIZE, 0.0);
        double amount = tx.amountPen();
        Instant at = tx.timestamp();
        long now = at.getEpochSecond();
        long history = state.count();
        double mean = state.meanAmount();

        out[LOG_AMOUNT] = TanhAndLog1p.log1p(amount);
        out[SMALL_AMOUNT] = flag(amount < AccountState.SMALL_AMOUNT_PEN);
        if (history > 0) {
            out[AMOUNT_VS_ACCOUNT_MEAN] = Math.log((amount + 1) / (mean + 1));
        }
        double std = state.logAmountStd();
        if (history >= 3 && std > 1e-6) {
            out[AMOUNT_ZSCORE_ACCOUNT] = clip((TanhAndLog1p.log1p(amount) - state.logAmountMean()) / std, -5, 10);
        }

        int secondOfDay = LimaTime.secondOfDay(at);
        int hour = secondOfDay / 3600;
        double angle = 2 * Math.PI * secondOfDay / DAY;
        out[HOUR_SIN] = Math.sin(angle);
        out[HOUR_COS] = Math.cos(angle);
        out[NIGHT] = flag(hour < 6);
        out[WEEKEND] = flag(LimaTime.dayOfWeek(at) >= 6);
        double shareNearHour = state.shareNearHour(hour);
        out[HOUR_UNUSUAL] = history == 0 ? 0.5 : 1 - shareNearHour;

        long sincePrevious = state.hasPrevious() ? state.secondsSincePrevious(at) : -1;
        out[LOG_SECONDS_SINCE_PREVIOUS] = sincePrevious < 0 ? NO_PREVIOUS : TanhAndLog1p.log1p((double) sincePrevious);

        SlidingWindows windows = state.windowsAt(now);
        for (int w = 0; w < SlidingWindows.WINDOWS; w++) {
            out[window(w, 0)] = TanhAndLog1p.log1p((double) windows.count(w));
            out[window(w, 1)] = TanhAndLog1p.log1p(windows.mean(w));
            out[window(w, 2)] = TanhAndLog1p.log1p(windows.max(w));
            out[window(w, 3)] = TanhAndLog1p.log1p(windows.std(w));
            out[window(w, 4)] = TanhAndLog1p.log1p(windows.sum(w));
        }
        double spent1h = windows.sum(0);
        double max30d = windows.max(SlidingWindows.WINDOWS - 1);
        out[AMOUNT_1H_VS_MEAN] = Math.log((amount + spent1h + 1) / (mean + 1));
        out[SMALL_COUNT_1H] = TanhAndLog1p.log1p((double) windows.smallCount(0));
        if (windows.count(SlidingWindows.WINDOWS - 1) > 0) {
            out[AMOUNT_VS_30D_MAX] = Math.log((amount + 1) / (max30d + 1));
        }

        boolean newMerchant = history > 0 && tx.merchantId() != null && !state.knowsMerchant(tx.merchantId());
        boolean paysPerson = tx.channel() == Channel.TRANSFER || tx.channel() == Channel.WALLET;
        boolean newCounterparty =
                paysPerson && tx.counterpartyAccount() != null && !state.knowsCounterparty(tx.counterpartyAccount());
        boolean newDevice = state.knownDevices() > 0 && tx.deviceId() != null && !state.knowsDevice(tx.deviceId());
        boolean firstAtMerchant = newMerchant && state.remembersEveryMerchant();
        boolean firstToCounterparty = newCounterparty && state.remembersEveryCounterparty();
        boolean firstFromDevice = newDevice && state.remembersEveryDevice();
        out[NEW_MERCHANT] = flag(newMerchant);
        out[NEW_COUNTERPARTY] = flag(newCounterparty);
        out[NEW_DEVICE] = flag(newDevice);
        out[LOG_HISTORY] = TanhAndLog1p.log1p((double) history);
        out[FOREIGN] = flag(tx.country() != null && !"PE".equalsIgnoreCase(tx.country()));
        out[FOREIGN_CURRENCY] =
                flag(tx.originalCurrency() != null && !Transaction.BASE_CURRENCY.equals(tx.originalCurrency()));

        int deviceCount = devices.count(tx.deviceId(), now, HOUR);
        out[DEVICE_COUNT_1H] = TanhAndLog1p.log1p(deviceCount);
        out[IP_COUNT_1H] = TanhAndLog1p.log1p(ips.count(tx.ip(), now, HOUR));
        KeyFraudCounts[] records = new KeyFraudCounts[KEY_KINDS.size()];
        for (int kind = 0; kind < KEY_KINDS.size(); kind++) {
            keyActivity.read(tx, kind, now, tally);
            for (int w = 0; w < KeyFraudWindows.WINDOWS; w++) {
                out[keyWindow(kind, w, 0)] = tally.fraudShare(w);
                out[keyWindow(kind, w, 1)] = TanhAndLog1p.log1p((double) tally.transactions[w]);
            }
            records[kind] = KeyFraudCounts.of(tally);
        }
        KeyFraudCounts merchant = records[MERCHANT_KEYS];
        out[MERCHANT_RISK] = (merchant.allFrauds() + PRIOR_FRAUDS) / (merchant.allTransactions() + PRIOR_TRANSACTIONS);

        out[CHANNEL_START + tx.channel().ordinal()] = 1;
        out[MCC_GROUP_START + MccGroup.of(tx.merchantCategoryCode()).ordinal()] = 1;

        return new FeatureContext(
                amount,
                mean,
                history,
                hour,
                (secondOfDay / 60) % 60,
                shareNearHour,
                sincePrevious,
                (int) windows.count(0),
                spent1h,
                (int) windows.smallCount(0),
                firstAtMerchant,
                firstToCounterparty,
                firstFromDevice,
                deviceCount,
                deviceCount >= KeyVelocity.PER_KEY,
                merchant,
                records[COUNTERPARTY_KEYS],
                records[DEVICE_KEYS],
                traffic.shareOf(tx),
                traffic.total(),
                max30d);
    }

    /** Remembers {@code tx}; a label it carries becomes usable {@code labelDelay} after it happened, as its legitimacy does. */
    public void observe(Transaction tx) {
        observe(tx, stateOf(tx));
    }

    private void observe(Transaction tx, AccountState state) {
        long now = tx.timestamp().getEpochSecond();
        state.observe(tx);
        traffic.add(tx);
        devices.add(tx.deviceId(), now);
        ips.add(tx.ip(), now);
        if (feedsKeyActivity) {
            keyActivity.transaction(tx);
        }
    }

    private static double flag(boolean value) {
        return value ? 1.0 : 0.0;
    }

    private static double clip(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}

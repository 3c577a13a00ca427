package pe.centinela.core.features;

import static pe.centinela.core.features.FeatureCatalogue.*;

import java.time.Instant;
import pe.centinela.core.model.Channel;
import pe.centinela.core.model.Transaction;

/**
 * Turns a transaction and its account's history into the feature vector of {@link FeatureCatalogue}. The same
 * code serves training (replaying history in time order) and live scoring. Not thread-safe: one per scoring thread.
 */
public final class FeatureExtractor {

    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    private static final double NO_PREVIOUS = Math.log1p(30 * DAY);

    private final AccountState.WindowStats window = new AccountState.WindowStats();

    /** Writes the features of {@code tx} given {@code state} (its history before {@code tx}) into {@code out}. */
    public FeatureContext extract(Transaction tx, AccountState state, double[] out) {
        java.util.Arrays.fill(out, 0, SIZE, 0.0);
        double amount = tx.amountPen();
        Instant at = tx.timestamp();
        long now = at.getEpochSecond();
        long history = state.count();
        double mean = state.meanAmount();

        out[LOG_AMOUNT] = Math.log1p(amount);
        out[SMALL_AMOUNT] = flag(amount < AccountState.SMALL_AMOUNT_PEN);
        if (history > 0) {
            out[AMOUNT_VS_ACCOUNT_MEAN] = Math.log((amount + 1) / (mean + 1));
        }
        double std = state.logAmountStd();
        if (history >= 3 && std > 1e-6) {
            out[AMOUNT_ZSCORE_ACCOUNT] = clip((Math.log1p(amount) - state.logAmountMean()) / std, -5, 10);
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
        out[LOG_SECONDS_SINCE_PREVIOUS] = sincePrevious < 0 ? NO_PREVIOUS : Math.log1p(sincePrevious);

        state.window(now, DAY, window);
        out[COUNT_24H] = Math.log1p(window.count);
        state.window(now, HOUR, window);
        out[COUNT_1H] = Math.log1p(window.count);
        out[AMOUNT_1H_VS_MEAN] = Math.log((amount + window.sum + 1) / (mean + 1));
        out[SMALL_COUNT_1H] = Math.log1p(window.smallCount);

        boolean newMerchant = history > 0 && tx.merchantId() != null && !state.knowsMerchant(tx.merchantId());
        boolean paysPerson = tx.channel() == Channel.TRANSFER || tx.channel() == Channel.WALLET;
        boolean newCounterparty = paysPerson && tx.counterpartyAccount() != null && !state.knowsCounterparty(tx.counterpartyAccount());
        boolean newDevice = state.knownDevices() > 0 && tx.deviceId() != null && !state.knowsDevice(tx.deviceId());
        out[NEW_MERCHANT] = flag(newMerchant);
        out[NEW_COUNTERPARTY] = flag(newCounterparty);
        out[NEW_DEVICE] = flag(newDevice);
        out[LOG_HISTORY] = Math.log1p(history);
        out[FOREIGN] = flag(tx.country() != null && !"PE".equalsIgnoreCase(tx.country()));
        out[FOREIGN_CURRENCY] = flag(tx.originalCurrency() != null && !Transaction.BASE_CURRENCY.equals(tx.originalCurrency()));
        out[CHANNEL_START + tx.channel().ordinal()] = 1;
        out[MCC_GROUP_START + MccGroup.of(tx.merchantCategoryCode()).ordinal()] = 1;

        return new FeatureContext(amount, mean, history, hour, (secondOfDay / 60) % 60, shareNearHour, sincePrevious,
                window.count, window.sum, window.smallCount, newMerchant, newCounterparty, newDevice);
    }

    private static double flag(boolean value) {
        return value ? 1.0 : 0.0;
    }

    private static double clip(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}

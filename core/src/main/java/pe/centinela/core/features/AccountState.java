package pe.centinela.core.features;

import java.time.Instant;
import pe.centinela.core.domain.Transaction;
import pe.centinela.core.numeric.TanhAndLog1p;
import pe.centinela.core.time.LimaTime;

/**
 * What the platform remembers of one account: amounts over sliding windows, usual hours, amount statistics over its
 * whole history, and the merchants, beneficiaries and devices it has used. Bounded in size whatever the account's volume.
 */
public final class AccountState {

    static final double SMALL_AMOUNT_PEN = 10.0;

    SlidingWindows windows = new SlidingWindows();
    final int[] hourCounts = new int[24];
    long count;
    double logAmountMean;
    double logAmountM2;
    double amountSum;
    long lastEpochSecond = Long.MIN_VALUE;

    float[][] previousRows;
    int previousNext;

    final RecentSet merchants = new RecentSet(48);
    final RecentSet counterparties = new RecentSet(32);
    final RecentSet devices = new RecentSet(8);

    /** Adds a transaction to the account's history. Call after its features were taken. */
    public void observe(Transaction tx) {
        double amount = tx.amountPen();
        long epochSecond = tx.timestamp().getEpochSecond();
        windows.add(epochSecond, amount);
        hourCounts[LimaTime.hour(tx.timestamp())]++;
        count++;
        double logAmount = TanhAndLog1p.log1p(amount);
        double delta = logAmount - logAmountMean;
        logAmountMean += delta / count;
        logAmountM2 += delta * (logAmount - logAmountMean);
        amountSum += amount;
        lastEpochSecond = Math.max(lastEpochSecond, epochSecond);
        merchants.add(tx.merchantId());
        counterparties.add(tx.counterpartyAccount());
        devices.add(tx.deviceId());
    }

    /** Remembers the feature vector of the account's latest transaction, for sequence models. */
    void rememberRow(double[] row, int keep) {
        if (keep <= 0) {
            return;
        }
        if (previousRows == null) {
            previousRows = new float[keep][];
        }
        float[] compact = previousRows[previousNext];
        if (compact == null || compact.length != row.length) {
            compact = new float[row.length];
            previousRows[previousNext] = compact;
        }
        for (int j = 0; j < row.length; j++) {
            compact[j] = (float) row[j];
        }
        previousNext = (previousNext + 1) % previousRows.length;
    }

    /**
     * Writes the last {@code steps} remembered vectors, oldest first and zero-padded, into {@code out}. Vectors of another
     * width (remembered under an earlier feature catalogue, restored from its changelog) count as absent.
     */
    void previousRows(int steps, int width, double[] out) {
        java.util.Arrays.fill(out, 0, steps * width, 0.0);
        if (previousRows == null) {
            return;
        }
        int kept = previousRows.length;
        for (int s = 0; s < steps && s < kept; s++) {
            float[] row = previousRows[Math.floorMod(previousNext - 1 - s, kept)];
            if (row == null || row.length != width) {
                break;
            }
            int base = (steps - 1 - s) * width;
            for (int j = 0; j < width; j++) {
                out[base + j] = row[j];
            }
        }
    }

    /** The whole state as bytes, for a changelog or a snapshot. */
    public byte[] encode() {
        return AccountStateCodec.encode(this);
    }

    /** Rebuilds a state written by {@link #encode()}, or by an earlier release. */
    public static AccountState decode(byte[] encoded) {
        return AccountStateCodec.decode(encoded);
    }

    public long count() {
        return count;
    }

    public double meanAmount() {
        return count == 0 ? 0 : amountSum / count;
    }

    /** The windows as seen at {@code now}, before the transaction at {@code now} is added. */
    SlidingWindows windowsAt(long now) {
        windows.advance(now);
        return windows;
    }

    double logAmountMean() {
        return logAmountMean;
    }

    double logAmountStd() {
        return count < 2 ? 0 : Math.sqrt(logAmountM2 / (count - 1));
    }

    boolean hasPrevious() {
        return lastEpochSecond != Long.MIN_VALUE;
    }

    long secondsSincePrevious(Instant now) {
        return Math.max(0, now.getEpochSecond() - lastEpochSecond);
    }

    /** Share of the account's history within one hour of the given hour (a three-hour band). */
    double shareNearHour(int hour) {
        if (count == 0) {
            return 0;
        }
        long near = (long) hourCounts[hour] + hourCounts[(hour + 23) % 24] + hourCounts[(hour + 1) % 24];
        return (double) near / count;
    }

    boolean knowsMerchant(String merchantId) {
        return merchants.contains(merchantId);
    }

    boolean knowsCounterparty(String account) {
        return counterparties.contains(account);
    }

    boolean knowsDevice(String deviceId) {
        return devices.contains(deviceId);
    }

    int knownDevices() {
        return devices.size();
    }

    /** Whether every merchant the account ever paid is still remembered, so that one not known was truly never paid. */
    boolean remembersEveryMerchant() {
        return !merchants.full();
    }

    boolean remembersEveryCounterparty() {
        return !counterparties.full();
    }

    boolean remembersEveryDevice() {
        return !devices.full();
    }
}

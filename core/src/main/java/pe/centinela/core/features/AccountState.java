package pe.centinela.core.features;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import pe.centinela.core.model.Transaction;
import pe.centinela.core.numeric.FastMath;

/**
 * What the platform remembers of one account: amounts over sliding windows, usual hours, amount statistics over its
 * whole history, and the merchants, beneficiaries and devices it has used. Bounded in size whatever the account's volume.
 */
public final class AccountState {

    static final double SMALL_AMOUNT_PEN = 10.0;

    private SlidingWindows windows = new SlidingWindows();
    private final int[] hourCounts = new int[24];
    private long count;
    private double logAmountMean;
    private double logAmountM2;
    private double amountSum;
    private long lastEpochSecond = Long.MIN_VALUE;

    private float[][] previousRows;
    private int previousNext;
    /**
     * The encoding of {@link #encode()}: counts and times as variable-length integers, amounts in ten-thousandths of a
     * sol where that is exact. It is written for every account of every scored batch, and is most of what the scoring
     * stage sends to Kafka: under half the size of the fixed-width format before it.
     */
    static final int FORMAT = 3;
    /** The second encoding: fixed-width numbers, recent values as fingerprints; still read, so existing changelogs restore. */
    static final int FORMAT_FIXED_WIDTH = 2;
    /** The first encoding, with recent values as strings; still read. */
    static final int FORMAT_WITH_STRINGS = 1;
    private static final int MAX_KEPT_ROWS = 1_024;
    private static final int MAX_ROW_WIDTH = 4_096;

    private final RecentSet merchants = new RecentSet(48);
    private final RecentSet counterparties = new RecentSet(32);
    private final RecentSet devices = new RecentSet(8);

    /** Adds a transaction to the account's history. Call after its features were taken. */
    public void observe(Transaction tx) {
        double amount = tx.amountPen();
        long epochSecond = tx.timestamp().getEpochSecond();
        windows.add(epochSecond, amount);
        hourCounts[LimaTime.hour(tx.timestamp())]++;
        count++;
        double logAmount = FastMath.log1p(amount);
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

    /** Writes the last {@code steps} remembered vectors, oldest first and zero-padded, into {@code out} from {@code offset}. */
    void previousRows(int steps, int width, double[] out) {
        java.util.Arrays.fill(out, 0, steps * width, 0.0);
        if (previousRows == null) {
            return;
        }
        int kept = previousRows.length;
        for (int s = 0; s < steps && s < kept; s++) {
            float[] row = previousRows[Math.floorMod(previousNext - 1 - s, kept)];
            if (row == null) {
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
        ByteSink out = new ByteSink(256 + 10 * windows.events());
        out.writeByte(FORMAT);
        windows.writeTo(out);
        for (int h : hourCounts) {
            out.writeVarLong(h);
        }
        out.writeVarLong(count);
        out.writeDouble(logAmountMean);
        out.writeDouble(logAmountM2);
        out.writeDouble(amountSum);
        out.writeLong(lastEpochSecond);
        merchants.writeTo(out);
        counterparties.writeTo(out);
        devices.writeTo(out);
        int kept = previousRows == null ? 0 : previousRows.length;
        out.writeVarLong(kept);
        out.writeVarLong(previousNext);
        for (int i = 0; i < kept; i++) {
            float[] row = previousRows[i];
            out.writeVarLong(row == null ? 0 : row.length + 1);
            if (row != null) {
                writeSparse(out, row);
            }
        }
        return out.toByteArray();
    }

    /** A feature vector as a bit mask of its non-zero values and then those values: most features of a row are zero. */
    private static void writeSparse(ByteSink out, float[] row) {
        for (int base = 0; base < row.length; base += Byte.SIZE) {
            int mask = 0;
            for (int j = base; j < Math.min(row.length, base + Byte.SIZE); j++) {
                mask |= Float.floatToRawIntBits(row[j]) != 0 ? 1 << (j - base) : 0;
            }
            out.writeByte(mask);
        }
        for (float v : row) {
            if (Float.floatToRawIntBits(v) != 0) {
                out.writeFloat(v);
            }
        }
    }

    private static float[] readSparse(DataInputStream in, int length) throws IOException {
        boolean[] present = new boolean[length];
        for (int base = 0; base < length; base += Byte.SIZE) {
            int mask = in.readUnsignedByte();
            for (int j = base; j < Math.min(length, base + Byte.SIZE); j++) {
                present[j] = (mask & 1 << (j - base)) != 0;
            }
        }
        float[] row = new float[length];
        for (int j = 0; j < length; j++) {
            row[j] = present[j] ? in.readFloat() : 0f;
        }
        return row;
    }

    /** Rebuilds a state written by {@link #encode()}, or by an earlier format. */
    public static AccountState decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readByte();
            return switch (version) {
                case FORMAT -> decodeCompact(in);
                case FORMAT_FIXED_WIDTH, FORMAT_WITH_STRINGS -> decodeFixedWidth(in, version);
                default -> throw new IllegalArgumentException("unknown account state version " + version);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AccountState decodeCompact(DataInputStream in) throws IOException {
        AccountState state = new AccountState();
        state.windows = SlidingWindows.readCompact(in);
        for (int h = 0; h < 24; h++) {
            state.hourCounts[h] = ByteSink.readCount(in, Integer.MAX_VALUE);
        }
        state.count = ByteSink.readVarLong(in);
        state.readTotals(in);
        for (RecentSet set : state.recentSets()) {
            set.readCompact(in);
        }
        int kept = ByteSink.readCount(in, MAX_KEPT_ROWS);
        state.previousNext = ByteSink.readCount(in, Math.max(0, kept - 1));
        if (kept > 0) {
            state.previousRows = new float[kept][];
            for (int i = 0; i < kept; i++) {
                int length = ByteSink.readCount(in, MAX_ROW_WIDTH + 1) - 1;
                state.previousRows[i] = length < 0 ? null : readSparse(in, length);
            }
        }
        return state;
    }

    private static AccountState decodeFixedWidth(DataInputStream in, int version) throws IOException {
        AccountState state = new AccountState();
        state.windows = SlidingWindows.readFixedWidth(in);
        for (int h = 0; h < 24; h++) {
            state.hourCounts[h] = in.readInt();
        }
        state.count = in.readLong();
        state.readTotals(in);
        for (RecentSet set : state.recentSets()) {
            if (version == FORMAT_WITH_STRINGS) {
                set.readStringsFrom(in);
            } else {
                set.readFixedWidth(in);
            }
        }
        int kept = checked(in.readInt(), MAX_KEPT_ROWS);
        state.previousNext = checked(in.readInt(), Math.max(0, kept - 1));
        if (kept > 0) {
            state.previousRows = new float[kept][];
            for (int i = 0; i < kept; i++) {
                int length = in.readInt();
                state.previousRows[i] = length < 0 ? null : readRow(in, checked(length, MAX_ROW_WIDTH));
            }
        }
        return state;
    }

    private void readTotals(DataInputStream in) throws IOException {
        logAmountMean = in.readDouble();
        logAmountM2 = in.readDouble();
        amountSum = in.readDouble();
        lastEpochSecond = in.readLong();
    }

    private RecentSet[] recentSets() {
        return new RecentSet[] {merchants, counterparties, devices};
    }

    private static float[] readRow(DataInputStream in, int length) throws IOException {
        float[] row = new float[length];
        for (int j = 0; j < length; j++) {
            row[j] = in.readFloat();
        }
        return row;
    }

    private static int checked(int count, int max) throws IOException {
        if (count < 0 || count > max) {
            throw new IOException("a count of " + count + " where at most " + max + " can be");
        }
        return count;
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
        long near = hourCounts[hour] + hourCounts[(hour + 23) % 24] + hourCounts[(hour + 1) % 24];
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
}

package pe.centinela.core.features;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An {@link AccountState} as bytes for the scoring changelog, and back from any format an earlier release wrote.
 * The current format has counts and times as variable-length integers (times as differences), amounts in
 * ten-thousandths of a sol where that is exact, 32-bit fingerprints and feature rows as a mask of their non-zero
 * values. It is written for every account of every scored batch and is most of what the scoring stage sends to Kafka:
 * under half the size of the fixed-width format before it. A count beyond what a state can hold is refused before
 * anything is allocated for it.
 */
final class AccountStateCodec {

    /** The format {@link #encode} writes. */
    static final int FORMAT = 3;
    /** The second format: fixed-width numbers, recent values as 64-bit fingerprints; still read. */
    static final int FORMAT_FIXED_WIDTH = 2;
    /** The first format, with recent values as strings; still read. */
    static final int FORMAT_WITH_STRINGS = 1;

    private static final int MAX_KEPT_ROWS = 1_024;
    private static final int MAX_ROW_WIDTH = 4_096;

    private AccountStateCodec() {}

    /**
     * The sink each thread encodes into, kept between states: a fresh one per state, grown as it filled, was 7 % of
     * the platform's allocation at 3,000 tx/s (a recording of {@code fraud bench pipeline --jfr}).
     */
    private static final ThreadLocal<ByteSink> SCRATCH = ThreadLocal.withInitial(() -> new ByteSink(4_096));

    static byte[] encode(AccountState state) {
        ByteSink out = SCRATCH.get();
        out.clear();
        out.writeByte(FORMAT);
        state.windows.writeTo(out);
        for (int h : state.hourCounts) {
            out.writeVarLong(h);
        }
        out.writeVarLong(state.count);
        out.writeDouble(state.logAmountMean);
        out.writeDouble(state.logAmountM2);
        out.writeDouble(state.amountSum);
        out.writeLong(state.lastEpochSecond);
        for (RecentSet set : recentSets(state)) {
            set.writeTo(out);
        }
        int kept = state.previousRows == null ? 0 : state.previousRows.length;
        out.writeVarLong(kept);
        out.writeVarLong(state.previousNext);
        for (int i = 0; i < kept; i++) {
            float[] row = state.previousRows[i];
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

    static AccountState decode(byte[] encoded) {
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
        readTotals(state, in);
        for (RecentSet set : recentSets(state)) {
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
        readTotals(state, in);
        for (RecentSet set : recentSets(state)) {
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

    private static void readTotals(AccountState state, DataInputStream in) throws IOException {
        state.logAmountMean = in.readDouble();
        state.logAmountM2 = in.readDouble();
        state.amountSum = in.readDouble();
        state.lastEpochSecond = in.readLong();
    }

    private static RecentSet[] recentSets(AccountState state) {
        return new RecentSet[] {state.merchants, state.counterparties, state.devices};
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
}

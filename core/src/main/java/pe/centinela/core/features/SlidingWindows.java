package pe.centinela.core.features;

import java.io.DataInput;
import java.io.IOException;

/**
 * Count, mean, maximum and standard deviation of an account's amounts over the last hour, day, 7 days and 30 days,
 * kept incrementally: each transaction is added once and leaves each window once; maxima use monotonic queues.
 * Events are expected in time order (an earlier one is counted at the latest time seen). At most
 * {@link #MAX_EVENTS} events are kept; beyond that the oldest leave every window early.
 */
final class SlidingWindows {

    static final long[] SPANS = {3_600, 86_400, 7 * 86_400L, 30 * 86_400L};
    static final int WINDOWS = SPANS.length;
    static final int MAX_EVENTS = 4_096;
    private static final double AMOUNT_UNITS = 10_000;
    private static final long MAX_EXACT_UNITS = 1L << 52;

    private long[] times = new long[8];
    private double[] amounts = new double[8];
    private long first;
    private long next;
    private long latest = Long.MIN_VALUE;

    private final long[] from = new long[WINDOWS];
    private final long[] counts = new long[WINDOWS];
    private final double[] sums = new double[WINDOWS];
    private final double[] squares = new double[WINDOWS];
    private final long[] smallCounts = new long[WINDOWS];
    private long[][] maxQueues = new long[WINDOWS][8];
    private final long[] queueHead = new long[WINDOWS];
    private final long[] queueTail = new long[WINDOWS];

    /** Moves every window's start so it covers (now − span, now]. */
    void advance(long now) {
        long t = Math.max(now, latest);
        for (int w = 0; w < WINDOWS; w++) {
            long cutoff = t - SPANS[w];
            while (from[w] < next && times[slot(from[w])] <= cutoff) {
                leave(w);
            }
        }
        first = from[WINDOWS - 1];
    }

    void add(long time, double amount) {
        long t = Math.max(time, latest);
        latest = t;
        if (next - first == times.length) {
            if (times.length < MAX_EVENTS) {
                grow();
            } else {
                for (int w = 0; w < WINDOWS; w++) {
                    if (from[w] == first) {
                        leave(w);
                    }
                }
                first++;
            }
        }
        times[slot(next)] = t;
        amounts[slot(next)] = amount;
        for (int w = 0; w < WINDOWS; w++) {
            counts[w]++;
            sums[w] += amount;
            squares[w] += amount * amount;
            smallCounts[w] += amount < AccountState.SMALL_AMOUNT_PEN ? 1 : 0;
            while (queueTail[w] > queueHead[w] && amounts[slot(maxQueues[w][queueSlot(queueTail[w] - 1)])] <= amount) {
                queueTail[w]--;
            }
            maxQueues[w][queueSlot(queueTail[w])] = next;
            queueTail[w]++;
        }
        next++;
    }

    long count(int window) {
        return counts[window];
    }

    double mean(int window) {
        return counts[window] == 0 ? 0 : sums[window] / counts[window];
    }

    double max(int window) {
        return queueTail[window] == queueHead[window]
                ? 0
                : amounts[slot(maxQueues[window][queueSlot(queueHead[window])])];
    }

    double std(int window) {
        long n = counts[window];
        if (n < 2) {
            return 0;
        }
        double mean = sums[window] / n;
        return Math.sqrt(Math.max(0, squares[window] / n - mean * mean));
    }

    long smallCount(int window) {
        return smallCounts[window];
    }

    double sum(int window) {
        return sums[window];
    }

    private void leave(int w) {
        double amount = amounts[slot(from[w])];
        counts[w]--;
        sums[w] -= amount;
        squares[w] -= amount * amount;
        smallCounts[w] -= amount < AccountState.SMALL_AMOUNT_PEN ? 1 : 0;
        if (queueTail[w] > queueHead[w] && maxQueues[w][queueSlot(queueHead[w])] == from[w]) {
            queueHead[w]++;
        }
        from[w]++;
        if (counts[w] == 0) {
            sums[w] = 0;
            squares[w] = 0;
        }
    }

    int events() {
        return (int) (next - first);
    }

    /**
     * The retained events, oldest first, the latest time, and the running sums as they are (so a restored state
     * continues bit for bit): enough to rebuild every window. Times as differences from the one before; see
     * {@link #writeAmount} for amounts.
     */
    void writeTo(ByteSink out) {
        out.writeLong(latest);
        out.writeVarLong(next - first);
        long previous = 0;
        for (long s = first; s < next; s++) {
            long time = times[slot(s)];
            out.writeZigZag(time - previous);
            previous = time;
            writeAmount(out, amounts[slot(s)]);
        }
        for (int w = 0; w < WINDOWS; w++) {
            out.writeDouble(sums[w]);
            out.writeDouble(squares[w]);
        }
    }

    /**
     * An amount as a whole number of ten-thousandths of a sol (two or three bytes for everyday amounts) when that gives
     * back exactly the same double, else a marker and the double itself.
     */
    private static void writeAmount(ByteSink out, double amount) {
        long units = Math.round(amount * AMOUNT_UNITS);
        if (units >= 0 && units < MAX_EXACT_UNITS && units / AMOUNT_UNITS == amount) {
            out.writeVarLong(units << 1);
        } else {
            out.writeVarLong(1);
            out.writeDouble(amount);
        }
    }

    private static double readAmount(DataInput in) throws IOException {
        long v = ByteSink.readVarLong(in);
        return (v & 1) == 0 ? (v >>> 1) / AMOUNT_UNITS : in.readDouble();
    }

    static SlidingWindows readCompact(DataInput in) throws IOException {
        SlidingWindows windows = new SlidingWindows();
        long latest = in.readLong();
        long events = ByteSink.readVarLong(in);
        long time = 0;
        for (long i = 0; i < events; i++) {
            time += ByteSink.readZigZag(in);
            windows.add(time, readAmount(in));
        }
        return windows.finishRead(in, latest);
    }

    /** Reads the fixed-width format of earlier states. */
    static SlidingWindows readFixedWidth(DataInput in) throws IOException {
        SlidingWindows windows = new SlidingWindows();
        long latest = in.readLong();
        int events = in.readInt();
        for (int i = 0; i < events; i++) {
            windows.add(in.readLong(), in.readDouble());
        }
        return windows.finishRead(in, latest);
    }

    private SlidingWindows finishRead(DataInput in, long latest) throws IOException {
        if (latest != Long.MIN_VALUE) {
            advance(latest);
        }
        for (int w = 0; w < WINDOWS; w++) {
            sums[w] = in.readDouble();
            squares[w] = in.readDouble();
        }
        return this;
    }

    /** Capacities are powers of two, so a ring position is a mask, not a division. */
    private int slot(long sequence) {
        return (int) sequence & (times.length - 1);
    }

    private int queueSlot(long position) {
        return (int) position & (maxQueues[0].length - 1);
    }

    private void grow() {
        int capacity = times.length * 2;
        long[] newTimes = new long[capacity];
        double[] newAmounts = new double[capacity];
        for (long s = first; s < next; s++) {
            newTimes[(int) s & (capacity - 1)] = times[slot(s)];
            newAmounts[(int) s & (capacity - 1)] = amounts[slot(s)];
        }
        long[][] newQueues = new long[WINDOWS][capacity];
        for (int w = 0; w < WINDOWS; w++) {
            long size = queueTail[w] - queueHead[w];
            for (long i = 0; i < size; i++) {
                newQueues[w][(int) i] = maxQueues[w][queueSlot(queueHead[w] + i)];
            }
            queueHead[w] = 0;
            queueTail[w] = size;
        }
        times = newTimes;
        amounts = newAmounts;
        maxQueues = newQueues;
    }
}

package pe.centinela.core.features;

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
        return queueTail[window] == queueHead[window] ? 0 : amounts[slot(maxQueues[window][queueSlot(queueHead[window])])];
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

    /**
     * The retained events, oldest first, the latest time, and the running sums as they are (so a restored state
     * continues bit for bit): enough to rebuild every window.
     */
    void writeTo(ByteSink out) {
        out.writeLong(latest);
        out.writeInt((int) (next - first));
        for (long s = first; s < next; s++) {
            out.writeLong(times[slot(s)]);
            out.writeDouble(amounts[slot(s)]);
        }
        for (int w = 0; w < WINDOWS; w++) {
            out.writeDouble(sums[w]);
            out.writeDouble(squares[w]);
        }
    }

    static SlidingWindows readFrom(java.io.DataInputStream in) throws java.io.IOException {
        SlidingWindows windows = new SlidingWindows();
        long latest = in.readLong();
        int events = in.readInt();
        for (int i = 0; i < events; i++) {
            windows.add(in.readLong(), in.readDouble());
        }
        if (latest != Long.MIN_VALUE) {
            windows.advance(latest);
        }
        for (int w = 0; w < WINDOWS; w++) {
            windows.sums[w] = in.readDouble();
            windows.squares[w] = in.readDouble();
        }
        return windows;
    }

    private int slot(long sequence) {
        return (int) (sequence % times.length);
    }

    private int queueSlot(long position) {
        return (int) (position % maxQueues[0].length);
    }

    private void grow() {
        int capacity = times.length * 2;
        long[] newTimes = new long[capacity];
        double[] newAmounts = new double[capacity];
        for (long s = first; s < next; s++) {
            newTimes[(int) (s % capacity)] = times[slot(s)];
            newAmounts[(int) (s % capacity)] = amounts[slot(s)];
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

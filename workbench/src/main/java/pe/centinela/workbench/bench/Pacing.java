package pe.centinela.workbench.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * An open load at a fixed rate: the n-th item is due n / rate seconds after the start, whether or not earlier ones were
 * answered, and each is offered with the moment it was due, so a latency counts from its schedule and not from when a
 * late caller got round to it. Runs on the caller's thread, sleeping {@code tick} between checks.
 */
final class Pacing {

    /** Offers the item of {@code index}, due at {@code scheduledNanos} ({@link System#nanoTime()}). */
    interface Offer {
        void offer(long index, long scheduledNanos);
    }

    private Pacing() {}

    /** Offers items at {@code rate} a second for {@code length}; returns how many were offered. */
    static long run(int rate, Duration length, Duration tick, Offer offer) {
        return run(rate, length, System::nanoTime, () -> LockSupport.parkNanos(tick.toNanos()), offer);
    }

    /**
     * As {@link #run(int, Duration, Duration, Offer)} on the given clock and sleep. An item is offered as soon as its
     * moment has come: counting only the items whose moment has passed by a whole interval would offer each one an
     * interval late, and charge that interval (40 ms at 25 a second) to the latency measured from its schedule. Every
     * item due within {@code length} is offered, those of a caller that fell behind as soon as it gets round to them.
     */
    static long run(int rate, Duration length, LongSupplier clock, Runnable sleep, Offer offer) {
        long total = (long) Math.ceil(length.toNanos() / 1e9 * rate);
        long start = clock.getAsLong();
        long sent = 0;
        for (long now = start; sent < total; now = clock.getAsLong()) {
            long due = Math.min(total, (long) ((now - start) / 1e9 * rate) + 1);
            if (sent >= due) {
                sleep.run();
                continue;
            }
            while (sent < due) {
                offer.offer(sent, start + (long) (sent * 1e9 / rate));
                sent++;
            }
        }
        return sent;
    }
}

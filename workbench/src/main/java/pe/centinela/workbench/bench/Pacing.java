package pe.centinela.workbench.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

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
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long sent = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (long) ((now - start) / 1e9 * rate);
            if (sent >= due) {
                LockSupport.parkNanos(tick.toNanos());
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

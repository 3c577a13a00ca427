package pe.centinela.core.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers transaction ids seen within a horizon, in memory. Used where a single process sees all records (a file
 * import); services use the PostgreSQL-backed index so that it survives restarts and is shared by replicas.
 */
public final class DuplicateIndex {

    private record Seen(String id, long epochSecond) {}

    private final long horizonSeconds;
    private final Map<String, Long> seen = new HashMap<>();
    private final ArrayDeque<Seen> order = new ArrayDeque<>();
    private long newest = Long.MIN_VALUE;

    public DuplicateIndex(Duration horizon) {
        this.horizonSeconds = horizon.toSeconds();
    }

    /** Records the id; true when it was not seen within the horizon before. */
    public boolean firstSeen(String transactionId, Instant at) {
        long t = at.getEpochSecond();
        newest = Math.max(newest, t);
        evictOlderThan(newest - horizonSeconds);
        if (seen.putIfAbsent(transactionId, t) != null) {
            return false;
        }
        order.addLast(new Seen(transactionId, t));
        return true;
    }

    public int size() {
        return seen.size();
    }

    private void evictOlderThan(long cutoff) {
        while (!order.isEmpty() && order.peekFirst().epochSecond() < cutoff) {
            seen.remove(order.pollFirst().id());
        }
    }
}

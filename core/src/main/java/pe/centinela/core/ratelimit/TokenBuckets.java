package pe.centinela.core.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Rate limits by key (a client address, a user name): each key has a bucket of {@code burst} tokens refilled at
 * {@code perSecond}; a request takes one token or is refused with the wait until the next. At most
 * {@code maxKeys} buckets are kept, least recently used first out.
 */
public final class TokenBuckets {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** What a request may do: go ahead, or wait {@code retryAfterSeconds}. */
    public record Decision(boolean allowed, long retryAfterSeconds) {}

    public TokenBuckets(double perSecond, int burst, int maxKeys, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public synchronized Decision take(String key) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perNano);
        bucket.at = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return new Decision(true, 0);
        }
        long waitNanos = (long) Math.ceil((1 - bucket.tokens) / perNano);
        return new Decision(false, Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
    }
}

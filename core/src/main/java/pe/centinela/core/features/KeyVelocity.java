package pe.centinela.core.features;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many transactions each key (a device, an IP address) made recently, across all accounts. Keeps the last
 * {@link #PER_KEY} times of at most {@link #MAX_KEYS} keys, forgetting the least recently used.
 */
final class KeyVelocity {

    static final int PER_KEY = 64;
    static final int MAX_KEYS = 500_000;

    private final Map<String, long[]> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** Transactions of the key within (now − seconds, now]. */
    int count(String key, long now, long seconds) {
        if (key == null) {
            return 0;
        }
        long[] times = recent.get(key);
        if (times == null) {
            return 0;
        }
        int n = (int) Math.min(times[PER_KEY], PER_KEY);
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (times[i] > now - seconds && times[i] <= now) {
                count++;
            }
        }
        return count;
    }

    void add(String key, long time) {
        if (key == null) {
            return;
        }
        long[] times = recent.computeIfAbsent(key, k -> new long[PER_KEY + 1]);
        times[(int) (times[PER_KEY] % PER_KEY)] = time;
        times[PER_KEY]++;
    }
}

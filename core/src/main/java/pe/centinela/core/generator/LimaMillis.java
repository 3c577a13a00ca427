package pe.centinela.core.generator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.SplittableRandom;

/** Lima wall-clock arithmetic on epoch milliseconds (America/Lima, UTC-5 without daylight saving). */
final class LimaMillis {

    static final ZoneId ZONE = ZoneId.of("America/Lima");
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private static final ZoneRules RULES = ZONE.getRules();

    private LimaMillis() {}

    static long offsetMillis(long epochMillis) {
        return RULES.getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
    }

    static long localMillis(long epochMillis) {
        return epochMillis + offsetMillis(epochMillis);
    }

    static int hour(long epochMillis) {
        return (int) (Math.floorMod(localMillis(epochMillis), DAY) / HOUR);
    }

    /**
     * A random instant at or after {@code notBefore} whose Lima time of day lies in
     * [{@code from}, {@code from + span}) (milliseconds after local midnight; the window may run past midnight).
     */
    static long randomTimeInWindow(long notBefore, long from, long span, SplittableRandom random) {
        long local = localMillis(notBefore);
        long windowStart = Math.floorDiv(local, DAY) * DAY + from - DAY;
        while (windowStart + span <= local) {
            windowStart += DAY;
        }
        long earliest = Math.max(windowStart, local);
        long chosenLocal = earliest + (long) (random.nextDouble() * (windowStart + span - earliest));
        return notBefore + (chosenLocal - local);
    }
}

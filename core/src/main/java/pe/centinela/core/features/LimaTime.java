package pe.centinela.core.features;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Local time in America/Lima, which has kept UTC−5 without daylight saving since 1994. */
public final class LimaTime {

    public static final ZoneId ZONE = ZoneId.of("America/Lima");
    private static final long OFFSET_SECONDS = ZoneOffset.ofHours(-5).getTotalSeconds();
    private static final long SECONDS_PER_DAY = 86_400;

    private LimaTime() {}

    public static long localSeconds(Instant instant) {
        return instant.getEpochSecond() + OFFSET_SECONDS;
    }

    /** Seconds since local midnight, 0–86399. */
    public static int secondOfDay(Instant instant) {
        return (int) Math.floorMod(localSeconds(instant), SECONDS_PER_DAY);
    }

    public static int hour(Instant instant) {
        return secondOfDay(instant) / 3600;
    }

    /** ISO day of week: 1 = Monday … 7 = Sunday. */
    public static int dayOfWeek(Instant instant) {
        long day = Math.floorDiv(localSeconds(instant), SECONDS_PER_DAY);
        return (int) Math.floorMod(day + 3, 7L) + 1;
    }
}

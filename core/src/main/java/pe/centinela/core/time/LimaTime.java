package pe.centinela.core.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Local time in America/Lima, the platform's one clock for hours, days and weekends: features, reasons, reports,
 * imports and the generators all read it here. Lima has kept UTC−5 without daylight saving since April 1994, so the
 * arithmetic uses that fixed offset (no zone rules on the hot path); instants before then are not expected.
 */
public final class LimaTime {

    public static final ZoneId ZONE = ZoneId.of("America/Lima");
    public static final ZoneOffset OFFSET = ZoneOffset.ofHours(-5);

    public static final long MINUTE_SECONDS = 60;
    public static final long HOUR_SECONDS = 60 * MINUTE_SECONDS;
    public static final long DAY_SECONDS = 24 * HOUR_SECONDS;
    public static final long MINUTE_MILLIS = 1_000 * MINUTE_SECONDS;
    public static final long HOUR_MILLIS = 1_000 * HOUR_SECONDS;
    public static final long DAY_MILLIS = 1_000 * DAY_SECONDS;

    private static final long OFFSET_SECONDS = OFFSET.getTotalSeconds();

    private LimaTime() {}

    /** Seconds since the epoch as Lima's wall clock reads them. */
    public static long localSeconds(long epochSecond) {
        return epochSecond + OFFSET_SECONDS;
    }

    public static long localSeconds(Instant instant) {
        return localSeconds(instant.getEpochSecond());
    }

    /** Milliseconds since the epoch as Lima's wall clock reads them. */
    public static long localMillis(long epochMilli) {
        return epochMilli + OFFSET_SECONDS * 1_000;
    }

    /** Seconds since local midnight, 0–86399. */
    public static int secondOfDay(Instant instant) {
        return (int) Math.floorMod(localSeconds(instant), DAY_SECONDS);
    }

    public static int hour(Instant instant) {
        return secondOfDay(instant) / 3600;
    }

    /** The local hour, 0–23, of an epoch second. */
    public static int hourOfEpochSecond(long epochSecond) {
        return (int) (Math.floorMod(localSeconds(epochSecond), DAY_SECONDS) / HOUR_SECONDS);
    }

    /** The local hour, 0–23, of an epoch millisecond. */
    public static int hourOfEpochMilli(long epochMilli) {
        return (int) (Math.floorMod(localMillis(epochMilli), DAY_MILLIS) / HOUR_MILLIS);
    }

    /** The epoch second of local midnight on the day holding {@code epochSecond}. */
    public static long dayStart(long epochSecond) {
        return Math.floorDiv(localSeconds(epochSecond), DAY_SECONDS) * DAY_SECONDS - OFFSET_SECONDS;
    }

    /** The epoch millisecond of local midnight on the day holding {@code epochMilli}. */
    public static long dayStartMillis(long epochMilli) {
        return Math.floorDiv(localMillis(epochMilli), DAY_MILLIS) * DAY_MILLIS - OFFSET_SECONDS * 1_000;
    }

    /** ISO day of week: 1 = Monday … 7 = Sunday. */
    public static int dayOfWeek(Instant instant) {
        long day = Math.floorDiv(localSeconds(instant), DAY_SECONDS);
        return (int) Math.floorMod(day + 3, 7L) + 1;
    }
}

package pe.centinela.app.generate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/** Lima calendar days in epoch seconds: where a day starts and which local hour a second falls in. */
final class LimaDays {

    static final ZoneId ZONE = ZoneId.of("America/Lima");
    static final long HOUR = 3600;
    static final long DAY = 24 * HOUR;

    private static final ZoneRules RULES = ZONE.getRules();

    private LimaDays() {}

    static long offsetSeconds(long epochSecond) {
        return RULES.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }

    /** The epoch second of local midnight on the day holding {@code epochSecond}. */
    static long dayStart(long epochSecond) {
        long offset = offsetSeconds(epochSecond);
        return Math.floorDiv(epochSecond + offset, DAY) * DAY - offset;
    }

    static int hour(long epochSecond) {
        return (int) (Math.floorMod(epochSecond + offsetSeconds(epochSecond), DAY) / HOUR);
    }
}

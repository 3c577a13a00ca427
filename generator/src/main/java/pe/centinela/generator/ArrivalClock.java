package pe.centinela.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;
import pe.centinela.core.time.LimaTime;

/**
 * Arrival times of legitimate payments: a Poisson process whose rate follows the Lima time of day (quiet at night,
 * peaks at lunch and in the evening), the day of the week, and paydays (the 15th and the last day of the month).
 */
final class ArrivalClock {

    private static final double[] HOURLY_SHAPE = normalised(new double[] {
        0.25, 0.15, 0.10, 0.08, 0.10, 0.25, 0.50, 0.80, 1.00, 1.10, 1.20, 1.35,
        1.60, 1.70, 1.30, 1.15, 1.15, 1.30, 1.55, 1.75, 1.70, 1.40, 0.90, 0.50
    });

    private final double baseRatePerMilli;
    private final SplittableRandom random;
    private double now;
    private long dayStart;
    private long dayEnd = Long.MIN_VALUE;
    private double dayFactor;

    ArrivalClock(long startMillis, double arrivalsPerDay, SplittableRandom random) {
        this.baseRatePerMilli = arrivalsPerDay / LimaTime.DAY_MILLIS;
        this.random = random;
        this.now = startMillis;
    }

    /** Advances to the next arrival and returns its epoch milliseconds. */
    long next() {
        while (true) {
            if (now >= dayEnd) {
                enterDay();
            }
            int hour = currentHour();
            double segmentEnd = dayStart + (hour + 1) * LimaTime.HOUR_MILLIS;
            double rate = baseRatePerMilli * HOURLY_SHAPE[hour] * dayFactor;
            double candidate = now + random.nextExponential() / rate;
            if (candidate < segmentEnd) {
                now = candidate;
                return (long) now;
            }
            now = segmentEnd;
        }
    }

    /** The Lima hour of the latest arrival. */
    int currentHour() {
        return Math.min(23, (int) ((now - dayStart) / LimaTime.HOUR_MILLIS));
    }

    private void enterDay() {
        long instant = (long) now;
        long epochDay = Math.floorDiv(LimaTime.localMillis(instant), LimaTime.DAY_MILLIS);
        dayStart = LimaTime.dayStartMillis(instant);
        dayEnd = dayStart + LimaTime.DAY_MILLIS;
        dayFactor = dayFactor(LocalDate.ofEpochDay(epochDay));
    }

    static double dayFactor(LocalDate date) {
        double factor = 1.0;
        int day = date.getDayOfMonth();
        if (day == 15 || day == date.lengthOfMonth()) {
            factor *= 1.35;
        } else if (day == 16 || day == 1) {
            factor *= 1.12;
        }
        DayOfWeek weekday = date.getDayOfWeek();
        if (weekday == DayOfWeek.SATURDAY) {
            factor *= 1.10;
        } else if (weekday == DayOfWeek.SUNDAY) {
            factor *= 0.85;
        }
        return factor;
    }

    private static double[] normalised(double[] shape) {
        double sum = 0;
        for (double value : shape) {
            sum += value;
        }
        double[] result = new double[shape.length];
        for (int i = 0; i < shape.length; i++) {
            result[i] = shape[i] * shape.length / sum;
        }
        return result;
    }
}

package pe.centinela.core.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;

/**
 * Instants as {@link Instant#toString()} writes them ({@code 2026-03-10T14:05:09.120Z}: UTC, the fraction in groups of
 * three digits, none when zero), written and read without {@link java.time.format.DateTimeFormatter}. Every record
 * between the platform's stages carries instants, and the formatter's general parsing and printing were a third of
 * the time spent on JSON (measured with {@code fraud bench pipeline --jfr}). Anything outside the years 0–9999 or
 * in another form is left to {@code java.time}.
 */
public final class IsoInstant {

    private static final int LENGTH_WITHOUT_FRACTION = 20;
    private static final int[] POWERS_OF_TEN = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };

    private IsoInstant() {}

    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return instant.toString();
        }
        int nano = t.getNano();
        int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        byte[] out = new byte[LENGTH_WITHOUT_FRACTION + (fraction == 0 ? 0 : fraction + 1)];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        if (fraction > 0) {
            out[19] = '.';
            digits(out, 20, nano / POWERS_OF_TEN[9 - fraction], fraction);
        }
        out[out.length - 1] = 'Z';
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * The instant {@code text} names in the form of {@link #format}, or in that form with an offset {@code ±hh:mm} in
     * place of the {@code Z}; null when it is in any other form.
     */
    public static Instant parse(String text) {
        int length = text.length();
        int zone = zoneStart(text);
        if (zone < LENGTH_WITHOUT_FRACTION - 1
                || zone > LENGTH_WITHOUT_FRACTION + 9
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int nano = 0;
        if (zone > LENGTH_WITHOUT_FRACTION - 1) {
            int digits = zone - LENGTH_WITHOUT_FRACTION;
            if (text.charAt(19) != '.' || digits < 1) {
                return null;
            }
            int fraction = number(text, 20, digits);
            nano = fraction < 0 ? -1 : fraction * POWERS_OF_TEN[9 - digits];
        }
        int offsetSeconds = 0;
        if (zone < length - 1) {
            int offsetHours = number(text, zone + 1, 2);
            int offsetMinutes = number(text, zone + 4, 2);
            if (offsetHours < 0
                    || offsetMinutes < 0
                    || offsetMinutes > 59
                    || offsetHours * 60 + offsetMinutes > 18 * 60) {
                return null;
            }
            offsetSeconds = (text.charAt(zone) == '-' ? -1 : 1) * (offsetHours * 3_600 + offsetMinutes * 60);
        }
        if ((year | month | day | hour | minute | second | nano) < 0
                || month < 1
                || month > 12
                || day < 1
                || hour > 23
                || minute > 59
                || second > 59
                || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds, nano);
    }

    /** Where the zone starts: the {@code Z} at the end, or the sign of a {@code ±hh:mm} offset; −1 when there is neither. */
    private static int zoneStart(String text) {
        int length = text.length();
        if (length > 0 && text.charAt(length - 1) == 'Z') {
            return length - 1;
        }
        int sign = length - 6;
        if (sign > 0 && (text.charAt(sign) == '+' || text.charAt(sign) == '-') && text.charAt(length - 3) == ':') {
            return sign;
        }
        return -1;
    }

    /** The decimal number in {@code count} characters from {@code from}, or −1 when one of them is not a digit. */
    private static int number(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static void digits(byte[] out, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}

package dev.silt.mapreduce.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** UTC timestamp parsing and formatting for event times, with a fast path for the landed format. */
public final class Timestamps {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /**
     * Parses an ISO-8601 instant such as {@code 2026-01-01T03:15:22.123Z} (the landed format, parsed without
     * allocation) or any offset form {@link OffsetDateTime} accepts.
     *
     * @throws IllegalArgumentException when the text is not an ISO-8601 instant
     */
    public static long parseMillis(CharSequence s) {
        if (s.length() == 24 && s.charAt(23) == 'Z' && s.charAt(10) == 'T') {
            long fast = parseFixed(s);
            if (fast != Long.MIN_VALUE) {
                return fast;
            }
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 timestamp: '" + s + "'", e);
        }
    }

    private static long parseFixed(CharSequence s) {
        if (s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || s.charAt(19) != '.') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int millis = digits(s, 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour > 23
                || minute > 59
                || second > 59) {
            return Long.MIN_VALUE;
        }
        if (day > daysInMonth(year, month)) {
            return Long.MIN_VALUE;
        }
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    private static int digits(CharSequence s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int mp = (month + 9) % 12;
        int doy = (153 * mp + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468L;
    }

    public static String format(long millis) {
        return MILLIS.format(Instant.ofEpochMilli(millis));
    }

    /** The UTC hour of an instant, {@code yyyy-MM-ddTHH}. */
    public static String hour(long millis) {
        return HOUR.format(Instant.ofEpochMilli(millis));
    }

    /** The UTC date of an instant, {@code yyyy-MM-dd}. */
    public static String date(long millis) {
        return DATE.format(Instant.ofEpochMilli(millis));
    }

    /** Parses {@code yyyy-MM-ddTHH} (UTC) into the instant that starts that hour. */
    public static long parseHour(String text) {
        try {
            return LocalDateTime.parse(text + ":00:00")
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an hour of the form yyyy-MM-ddTHH: '" + text + "'", e);
        }
    }
}

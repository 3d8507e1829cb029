package dev.silt.mapreduce.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    private static final DateTimeFormatter LANDED = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static long javaTime(String s) {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    }

    private static void assertSameAsJavaTime(long millis) {
        String s = LANDED.format(Instant.ofEpochMilli(millis));
        assertEquals(millis, Timestamps.parseMillis(s), s);
        assertEquals(s, Timestamps.format(millis));
    }

    @Test
    void fastPathEqualsJavaTimeForRandomInstants() {
        Random random = new Random(7L);
        long min = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
        long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 50_000; i++) {
            assertSameAsJavaTime(min + (long) (random.nextDouble() * (max - min)));
        }
        // Near the epoch, where a sign error would show.
        for (int i = 0; i < 10_000; i++) {
            assertSameAsJavaTime(random.nextLong() % (200L * 365 * 86_400_000L));
        }
    }

    @Test
    void fastPathEqualsJavaTimeAroundEveryMonthEnd() {
        for (int year :
                new int[] {1, 1600, 1700, 1899, 1900, 1969, 1970, 1999, 2000, 2024, 2025, 2026, 2100, 2400, 9999}) {
            for (int month = 1; month <= 12; month++) {
                LocalDate last = LocalDate.of(year, month, 1).plusMonths(1).minusDays(1);
                long end = last.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 86_400_000L;
                for (long delta : new long[] {-86_400_000L, -3_600_000L, -1, 0, 1, 3_600_000L}) {
                    if (end + delta <= Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli()) {
                        assertSameAsJavaTime(end + delta);
                    }
                }
            }
        }
        assertEquals(951782400000L, Timestamps.parseMillis("2000-02-29T00:00:00.000Z"));
        assertEquals(1709164800000L, Timestamps.parseMillis("2024-02-29T00:00:00.000Z"));
        assertEquals(-1L, Timestamps.parseMillis("1969-12-31T23:59:59.999Z"));
        assertEquals(0L, Timestamps.parseMillis("1970-01-01T00:00:00.000Z"));
        assertEquals(-2208988800000L, Timestamps.parseMillis("1900-01-01T00:00:00.000Z"));
    }

    @Test
    void everyFixedFormatStringAgreesWithJavaTime() {
        // Digits drawn past each field's range: the fast path must reject exactly what java.time rejects.
        Random random = new Random(11L);
        for (int i = 0; i < 60_000; i++) {
            String s = String.format(
                    Locale.ROOT,
                    "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                    random.nextBoolean() ? 1900 + random.nextInt(600) : random.nextInt(10_000),
                    random.nextInt(14),
                    random.nextInt(33),
                    random.nextInt(26),
                    random.nextInt(62),
                    random.nextInt(62),
                    random.nextInt(1000));
            Long expected;
            try {
                expected = javaTime(s);
            } catch (DateTimeParseException e) {
                expected = null;
            }
            try {
                long actual = Timestamps.parseMillis(s);
                if (expected == null) {
                    fail("accepted " + s + " as " + actual);
                }
                assertEquals(expected.longValue(), actual, s);
            } catch (IllegalArgumentException e) {
                if (expected != null) {
                    fail("rejected " + s + ": " + e.getMessage());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-29T00:00:00.000Z",
                "2100-02-29T00:00:00.000Z",
                "2026-04-31T00:00:00.000Z",
                "2026-06-31T12:00:00.000Z",
                "2026-13-01T00:00:00.000Z",
                "2026-00-10T00:00:00.000Z",
                "2026-01-00T00:00:00.000Z",
                "2026-01-32T00:00:00.000Z",
                "2026-01-01T24:00:00.000Z",
                "2026-01-01T23:60:00.000Z",
                "2026-01-01T23:59:60.000Z",
                "2026-01-01 03:15:22.123Z",
                "2026-01-01T03:15:22.123",
                "2026/01/01T03:15:22.123Z",
                "2026-01-01T03:15:2x.123Z",
                "2026-01-01T03:15:22.12xZ",
                "2026-1-01T03:15:22.123ZZ",
                "2026-01-01",
                "",
                "not a timestamp"
            })
    void invalidTimestampsAreRejected(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis(s));
        assertEquals("not an ISO-8601 timestamp: '" + s + "'", e.getMessage());
    }

    @Test
    void offsetsAndOtherPrecisionsGoThroughJavaTime() {
        long expected = Instant.parse("2026-01-01T01:15:22.123Z").toEpochMilli();
        assertEquals(expected, Timestamps.parseMillis("2026-01-01T03:15:22.123+02:00"));
        assertEquals(expected, Timestamps.parseMillis("2025-12-31T20:45:22.123-04:30"));
        assertEquals(expected, Timestamps.parseMillis("2026-01-01T01:15:22.123+00:00"));
        assertEquals(expected, Timestamps.parseMillis("2026-01-01T01:15:22.123456Z"));
        assertEquals(expected - 123, Timestamps.parseMillis("2026-01-01T01:15:22Z"));
        assertEquals(expected - 22_123, Timestamps.parseMillis("2026-01-01T01:15Z"));
    }

    @Test
    void hourAndDateAreUtc() {
        long t = Timestamps.parseMillis("2026-03-01T00:30:00.000+01:00");
        assertEquals("2026-02-28T23", Timestamps.hour(t));
        assertEquals("2026-02-28", Timestamps.date(t));
        assertEquals("1969-12-31T23", Timestamps.hour(-1));
        assertEquals("1969-12-31", Timestamps.date(-1));
        assertEquals("1970-01-01T00", Timestamps.hour(0));
        assertEquals("2024-02-29T23", Timestamps.hour(Timestamps.parseMillis("2024-02-29T23:59:59.999Z")));
    }

    @Test
    void parseHourIsTheStartOfTheHour() {
        assertEquals(Instant.parse("2026-01-01T03:00:00Z").toEpochMilli(), Timestamps.parseHour("2026-01-01T03"));
        assertEquals(Instant.parse("2024-02-29T23:00:00Z").toEpochMilli(), Timestamps.parseHour("2024-02-29T23"));
        assertEquals(-3_600_000L, Timestamps.parseHour("1969-12-31T23"));
        Random random = new Random(3L);
        for (int i = 0; i < 10_000; i++) {
            long hourStart = Math.floorDiv(random.nextLong() % 10_000_000_000_000L, 3_600_000L) * 3_600_000L;
            if (hourStart < Instant.parse("0001-01-01T00:00:00Z").toEpochMilli()) {
                continue;
            }
            assertEquals(hourStart, Timestamps.parseHour(Timestamps.hour(hourStart)));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-01-01T24",
                "2026-02-29T00",
                "2026-01-01",
                "2026-01-01T3",
                "2026-01-01T03:00",
                "2026-01-01T03:00:00",
                "2026-01-01 03",
                "2026010103",
                ""
            })
    void parseHourRejectsOtherForms(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Timestamps.parseHour(s));
        assertEquals("not an hour of the form yyyy-MM-ddTHH: '" + s + "'", e.getMessage());
    }

    @Test
    void daysFromCivilMatchesLocalDate() {
        LocalDate d = LocalDate.of(1583, 1, 1);
        LocalDate end = LocalDate.of(2500, 1, 1);
        while (d.isBefore(end)) {
            assertEquals(
                    d.toEpochDay(),
                    Timestamps.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()),
                    d::toString);
            d = d.plusDays(1);
        }
    }
}

package dev.silt.mapreduce.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClickstreamOptionsTest {
    private static ClickstreamOptions.Builder valid() {
        return ClickstreamOptions.builder().events(10).output(URI.create("file:///tmp/x"));
    }

    private static String rejected(ClickstreamOptions.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void defaults() {
        ClickstreamOptions o = valid().build();
        assertEquals(42, o.seed());
        assertEquals(Compression.GZIP, o.compression());
        assertEquals(1, o.hours());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), o.start());
        assertEquals(1, o.filesPerHour());
        assertEquals(0.001, o.malformedFraction());
        assertEquals(100_000, o.users());
        assertEquals(5_000, o.urls());
    }

    @Test
    void badValuesAreNamed() {
        assertEquals("events must be >= 0, got -5", rejected(valid().events(-5)));
        assertEquals("malformed fraction must be in [0, 1], got 1.5", rejected(valid().malformedFraction(1.5)));
        assertEquals("malformed fraction must be in [0, 1], got -0.1", rejected(valid().malformedFraction(-0.1)));
        assertEquals("malformed fraction must be in [0, 1], got NaN", rejected(valid().malformedFraction(Double.NaN)));
        assertEquals("hours must be >= 1, got 0", rejected(valid().hours(0)));
        assertEquals("files per hour must be >= 1, got 0", rejected(valid().filesPerHour(0)));
        assertEquals("users must be in [1, 10000000], got 0", rejected(valid().users(0)));
        assertEquals("urls must be in [1, 1000000], got 2000000", rejected(valid().urls(2_000_000)));
        assertEquals(
                "start must be on a whole UTC hour, got 2026-01-01T00:30:00Z",
                rejected(valid().start(Instant.parse("2026-01-01T00:30:00Z"))));
        assertEquals("events is required", rejected(ClickstreamOptions.builder().output(URI.create("file:///x"))));
        assertEquals("output is required", rejected(ClickstreamOptions.builder().events(1)));
    }

    @Test
    void compressionNames() {
        assertEquals(Compression.ZSTD, Compression.parse("zstd"));
        assertEquals(Compression.GZIP, Compression.parse("GZIP"));
        assertEquals(Compression.NONE, Compression.parse("none"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Compression.parse("lz4"));
        assertEquals("unknown compression 'lz4' (expected one of none, gzip, zstd)", e.getMessage());
    }
}

package dev.silt.mapreduce.gen;

import static dev.silt.mapreduce.gen.GenTestSupport.decompress;
import static dev.silt.mapreduce.gen.GenTestSupport.files;
import static dev.silt.mapreduce.gen.GenTestSupport.lines;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClickstreamGeneratorTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path tmp;

    private ClickstreamOptions.Builder options(String dir, long events) {
        return ClickstreamOptions.builder()
                .events(events)
                .output(tmp.resolve(dir).toUri())
                .compression(Compression.NONE);
    }

    private static GenerationStats generate(ClickstreamOptions.Builder b) throws IOException {
        return new ClickstreamGenerator(b.build()).generate(CONF);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void sameSeedGivesIdenticalBytes(Compression compression) throws IOException {
        generate(options("a", 20_000).seed(7).hours(2).filesPerHour(2).compression(compression));
        generate(options("b", 20_000).seed(7).hours(2).filesPerHour(2).compression(compression));
        TreeMap<String, byte[]> a = files(tmp.resolve("a"));
        TreeMap<String, byte[]> b = files(tmp.resolve("b"));
        assertEquals(a.keySet(), b.keySet());
        assertEquals(4, a.size());
        for (String name : a.keySet()) {
            assertTrue(name.endsWith(compression.suffix()), name);
            assertArrayEquals(a.get(name), b.get(name), name);
        }
    }

    @Test
    void differentSeedGivesDifferentEvents() throws IOException {
        generate(options("a", 5_000).seed(1));
        generate(options("b", 5_000).seed(2));
        byte[] a = files(tmp.resolve("a")).firstEntry().getValue();
        byte[] b = files(tmp.resolve("b")).firstEntry().getValue();
        assertFalse(java.util.Arrays.equals(a, b));
    }

    @Test
    void compressedFilesHoldTheSameLinesAsPlainOnes() throws IOException {
        generate(options("plain", 30_000).hours(2));
        generate(options("gz", 30_000).hours(2).compression(Compression.GZIP));
        GenerationStats zst = generate(options("zst", 30_000).hours(2).compression(Compression.ZSTD));
        TreeMap<String, byte[]> plain = files(tmp.resolve("plain"));
        for (String dir : List.of("gz", "zst")) {
            TreeMap<String, byte[]> compressed = files(tmp.resolve(dir));
            assertEquals(plain.size(), compressed.size());
            for (Map.Entry<String, byte[]> e : compressed.entrySet()) {
                String plainName = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
                String text = decompress(e.getKey(), e.getValue());
                assertEquals(decompress(plainName, plain.get(plainName)), text, e.getKey());
                assertTrue(e.getValue().length < text.length() / 3, "compresses well: " + e.getKey());
            }
        }
        long storedOnDisk = files(tmp.resolve("zst")).values().stream()
                .mapToLong(b -> b.length)
                .sum();
        assertEquals(storedOnDisk, zst.storedBytes());
        assertTrue(zst.rawBytes() > 3 * zst.storedBytes());
    }

    @Test
    void layoutFollowsTheUtcHourOfEachEventAndFilesAreInTimeOrder() throws IOException {
        GenerationStats stats = generate(options("out", 9_000)
                .hours(3)
                .start(Instant.parse("2026-01-31T22:00:00Z"))
                .filesPerHour(2)
                .malformedFraction(0));
        TreeMap<String, byte[]> files = files(tmp.resolve("out"));
        assertEquals(
                List.of(
                        "2026/01/31/22/events-00000.json",
                        "2026/01/31/22/events-00001.json",
                        "2026/01/31/23/events-00000.json",
                        "2026/01/31/23/events-00001.json",
                        "2026/02/01/00/events-00000.json",
                        "2026/02/01/00/events-00001.json"),
                new ArrayList<>(files.keySet()));
        assertEquals(6, stats.files());
        long total = 0;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String hour = e.getKey().substring(0, 13); // yyyy/MM/dd/HH
            String expectedPrefix = hour.substring(0, 4) + "-" + hour.substring(5, 7) + "-" + hour.substring(8, 10)
                    + "T" + hour.substring(11, 13) + ":";
            String previous = "";
            for (String line : lines(decompress(e.getKey(), e.getValue()))) {
                String ts = (String) valid(line).get("ts");
                assertTrue(ts.startsWith(expectedPrefix), ts + " in " + e.getKey());
                assertTrue(ts.compareTo(previous) >= 0, "time order in " + e.getKey());
                previous = ts;
                total++;
            }
        }
        assertEquals(9_000, total);
        assertEquals(9_000, stats.lines());
        assertEquals(
                9_000,
                stats.hours().stream().mapToLong(GenerationStats.Hour::lines).sum());
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), stats.hours().get(2).start());
    }

    @Test
    void malformedLinesAreExactlyTheConfiguredFractionAndReallyBroken() throws IOException {
        GenerationStats stats = generate(options("out", 40_000).hours(2).malformedFraction(0.05));
        assertEquals(2_000, stats.malformedLines());
        assertEquals(38_000, stats.validEvents());
        Map<String, Integer> reasons = new TreeMap<>();
        int invalid = 0;
        for (Map.Entry<String, byte[]> e : files(tmp.resolve("out")).entrySet()) {
            for (String line : lines(decompress(e.getKey(), e.getValue()))) {
                String[] reason = new String[1];
                if (EventCheck.parse(line, reason).isEmpty()) {
                    invalid++;
                    String kind =
                            reason[0].startsWith("parse") ? "parse" : reason[0].split(" ")[0];
                    reasons.merge(kind, 1, Integer::sum);
                }
            }
        }
        assertEquals(2_000, invalid);
        // Several kinds: syntax errors (truncated, not JSON), missing fields, wrong types or values.
        assertTrue(reasons.getOrDefault("parse", 0) > 500, reasons.toString());
        assertTrue(reasons.getOrDefault("missing", 0) > 300, reasons.toString());
        assertTrue(reasons.getOrDefault("wrong", 0) > 300, reasons.toString());
    }

    @Test
    void noMalformedLinesWhenTheFractionIsZeroAndAllWhenOne() throws IOException {
        assertEquals(0, generate(options("zero", 10_000).malformedFraction(0)).malformedLines());
        GenerationStats all = generate(options("all", 1_000).malformedFraction(1));
        assertEquals(1_000, all.malformedLines());
        for (Map.Entry<String, byte[]> e : files(tmp.resolve("all")).entrySet()) {
            for (String line : lines(decompress(e.getKey(), e.getValue()))) {
                assertTrue(EventCheck.parse(line, new String[1]).isEmpty(), line);
            }
        }
    }

    @Test
    void trafficIsSkewedAndVisitsKeepOneUser() throws IOException {
        generate(options("out", 60_000).hours(2).malformedFraction(0));
        Map<String, Integer> users = new HashMap<>();
        Map<String, Integer> countries = new HashMap<>();
        Map<Long, Integer> statuses = new HashMap<>();
        Map<String, String> sessionUser = new HashMap<>();
        int nullReferrers = 0;
        int lines = 0;
        for (Map.Entry<String, byte[]> e : files(tmp.resolve("out")).entrySet()) {
            for (String line : lines(decompress(e.getKey(), e.getValue()))) {
                Map<String, Object> event = valid(line);
                lines++;
                users.merge((String) event.get("user"), 1, Integer::sum);
                countries.merge((String) event.get("country"), 1, Integer::sum);
                statuses.merge((Long) event.get("status"), 1, Integer::sum);
                if (event.containsKey("referrer") && event.get("referrer") == null) {
                    nullReferrers++;
                }
                if (event.get("session") instanceof String s) {
                    String before = sessionUser.putIfAbsent(s, (String) event.get("user"));
                    assertTrue(before == null || before.equals(event.get("user")), "session " + s + " has one user");
                }
            }
        }
        int top = users.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(top > lines / 50, "the busiest user makes over 2% of requests: " + top);
        assertTrue(users.size() > 1_000, "many distinct users: " + users.size());
        assertTrue(sessionUser.size() < lines / 3, "visits have several requests: " + sessionUser.size());
        assertTrue(countries.get("US") > countries.get("DE"), countries.toString());
        assertTrue(Countries.emitted().stream()
                .map(Countries.Country::code)
                .toList()
                .containsAll(countries.keySet()));
        assertTrue(statuses.get(200L) > lines * 0.8, statuses.toString());
        assertTrue(statuses.keySet().containsAll(List.of(304L, 404L, 500L, 503L)), statuses.toString());
        assertTrue(nullReferrers > 0);
    }

    @Test
    void fewerEventsThanFilesOnlyCreatesFilesThatHaveLines() throws IOException {
        GenerationStats stats = generate(options("out", 3).filesPerHour(8));
        assertEquals(3, stats.files());
        assertEquals(3, files(tmp.resolve("out")).size());
    }

    @Test
    void linesPerHourAddUpExactlyAndFollowTheDay() {
        long[] perHour = ClickstreamGenerator.linesPerHour(1_000_003, 24, Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(1_000_003, java.util.Arrays.stream(perHour).sum());
        assertTrue(perHour[15] > 2 * perHour[3], "afternoon UTC is busier than night");
    }

    private static Map<String, Object> valid(String line) {
        String[] reason = new String[1];
        Optional<Map<String, Object>> event = EventCheck.parse(line, reason);
        assertTrue(event.isPresent(), () -> reason[0] + ": " + line);
        return event.get();
    }
}

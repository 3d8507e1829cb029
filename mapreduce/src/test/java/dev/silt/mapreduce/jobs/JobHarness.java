package dev.silt.mapreduce.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.silt.mapreduce.SiltJobs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/** Builds landed input in a temp dir, runs a job on the LocalJobRunner, reads what it wrote. */
final class JobHarness {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long T0 = Instant.parse("2026-01-01T22:00:00Z").toEpochMilli();
    private static final DateTimeFormatter HOUR_DIR =
            DateTimeFormatter.ofPattern("yyyy/MM/dd/HH", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private JobHarness() {}

    static Configuration localConf() {
        Configuration conf = new Configuration();
        conf.set("fs.defaultFS", "file:///");
        conf.set("mapreduce.framework.name", "local");
        conf.setInt("mapreduce.local.map.tasks.maximum", 2);
        // The client checks for completion every 5 s by default: most of a small local job's time.
        conf.setInt("mapreduce.client.completion.pollinterval", 50);
        return conf;
    }

    /** A valid event; {@code hours} spreads the events over that many hours from {@link #T0}. */
    static ObjectNode event(Random r, int hours, List<String> countries) {
        ObjectNode e = JSON.createObjectNode();
        long ts = T0 + (long) r.nextInt(hours * 3_600_000);
        e.put("ts", TS.format(Instant.ofEpochMilli(ts)));
        e.put("user", String.format(Locale.ROOT, "u%07d", r.nextInt(50)));
        if (r.nextInt(5) != 0) {
            e.put("session", "s-" + Integer.toHexString(r.nextInt(1 << 20)));
        }
        e.put("method", r.nextBoolean() ? "GET" : "POST");
        e.put("url", "/products/" + r.nextInt(1000));
        if (r.nextInt(3) == 0) {
            e.putNull("referrer");
        } else {
            e.put("referrer", "https://www.example.com/é?q=" + r.nextInt(10));
        }
        e.put("status", new int[] {200, 200, 200, 301, 404, 500}[r.nextInt(6)]);
        e.put("bytes", r.nextInt(10) == 0 ? Long.MAX_VALUE - r.nextInt(3) : (long) r.nextInt(100_000));
        e.put("latency_ms", r.nextInt(2000));
        e.put("country", countries.get(r.nextInt(countries.size())));
        e.put("ua", "Mozilla/5.0 (\"test\")");
        return e;
    }

    /** Writes lines into the landed layout under {@code root}: each into the hour folder of its ts, else the first. */
    static void land(Path root, List<String> lines) throws IOException {
        Map<String, List<String>> byHour = new HashMap<>();
        for (String line : lines) {
            String dir = HOUR_DIR.format(Instant.ofEpochMilli(T0));
            try {
                JsonNode n = JSON.readTree(line);
                if (n != null && n.hasNonNull("ts")) {
                    dir = HOUR_DIR.format(Instant.parse(n.get("ts").asText()));
                }
            } catch (IOException | RuntimeException e) {
                // not JSON: lands in the first hour
            }
            byHour.computeIfAbsent(dir, k -> new ArrayList<>()).add(line);
        }
        for (Map.Entry<String, List<String>> e : byHour.entrySet()) {
            Path dir = root.resolve(e.getKey());
            Files.createDirectories(dir);
            Files.write(dir.resolve("events.json"), e.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Runs a job; fails the test with its error output unless it exits with {@code expectedExit}. */
    static SiltJobs.Execution run(Configuration conf, int expectedExit, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SiltJobs.Execution ex;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            ex = SiltJobs.execute(conf, args, o, e);
        }
        assertEquals(
                expectedExit,
                ex.exitCode(),
                () -> "exit code; stdout:\n" + out.toString(StandardCharsets.UTF_8) + "\nstderr:\n"
                        + err.toString(StandardCharsets.UTF_8));
        return ex;
    }

    /** Lines of the files directly under {@code dir} whose name starts with {@code prefix}, files in name order. */
    static List<String> lines(Path dir, String prefix) throws IOException {
        List<String> all = new ArrayList<>();
        for (Path f : files(dir, prefix)) {
            all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
        }
        return all;
    }

    static List<Path> files(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** The quarantine records of an output. */
    static List<JsonNode> quarantine(Path out) throws IOException {
        Path q = out.resolve("_quarantine");
        if (!Files.exists(q)) {
            return List.of();
        }
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines(q, "part")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with the differences (a few of each) unless both lists hold the same items as often, in any order. */
    static <T> void assertSameItems(List<T> expected, List<T> actual) {
        Map<T, Long> e = counts(expected);
        Map<T, Long> a = counts(actual);
        if (e.equals(a)) {
            return;
        }
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        e.forEach((k, n) -> {
            if (a.getOrDefault(k, 0L) < n) {
                missing.add(k + " x" + (n - a.getOrDefault(k, 0L)));
            }
        });
        a.forEach((k, n) -> {
            if (e.getOrDefault(k, 0L) < n) {
                extra.add(k + " x" + (n - e.getOrDefault(k, 0L)));
            }
        });
        org.junit.jupiter.api.Assertions.fail(String.format(
                Locale.ROOT,
                "expected %d items, got %d; %d missing, e.g. %s; %d unexpected, e.g. %s",
                expected.size(),
                actual.size(),
                missing.size(),
                missing.subList(0, Math.min(3, missing.size())),
                extra.size(),
                extra.subList(0, Math.min(3, extra.size()))));
    }

    /** A multiset, for comparing outputs whose order does not matter. */
    static <T> Map<T, Long> counts(List<T> items) {
        return items.stream().collect(Collectors.groupingBy(x -> x, Collectors.counting()));
    }
}

package dev.silt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.mapreduce.gen.ClickstreamGenerator;
import dev.silt.mapreduce.gen.ClickstreamOptions;
import dev.silt.mapreduce.gen.Compression;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/silt-batch} as cron runs it: the real script, the real {@code silt} launcher and jobs. Hours 00 and
 * 01 are clean; hour 02 carries 2% malformed lines, which fails a run that tolerates none.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchRunnerIT {
    @TempDir
    static Path data;

    static Path root;

    @BeforeAll
    static void landEvents() throws IOException {
        root = Path.of(System.getProperty("silt.root", "..")).toAbsolutePath().normalize();
        generate("2026-03-01T00:00:00Z", 2, 0.0);
        generate("2026-03-01T02:00:00Z", 1, 0.02);
    }

    private static void generate(String start, int hours, double malformed) throws IOException {
        new ClickstreamGenerator(ClickstreamOptions.builder()
                        .events(3_000L * hours)
                        .output(data.resolve("raw").toUri())
                        .start(Instant.parse(start))
                        .hours(hours)
                        .compression(Compression.GZIP)
                        .malformedFraction(malformed)
                        .seed(7)
                        .build())
                .generate(new Configuration());
    }

    record Result(int code, String out, String err) {}

    private Result batch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("scripts/silt-batch").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(data.toFile());
        pb.environment().put("SILT_DATA", data.toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(data, "batch", ".out");
        Path err = Files.createTempFile(data, "batch", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "silt-batch finished");
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private boolean done(String dataset, String hour) {
        return Files.exists(data.resolve("curated/" + dataset + "/hour=" + hour + "/_SUCCESS"));
    }

    @Test
    @Order(1)
    void runsHoursOnceSkipsThemAfterwardsAndRefusesToOverlap() throws Exception {
        Result first = batch(Map.of(), "hourly", "--from", "2026-03-01T00", "--to", "2026-03-01T02");
        assertEquals(0, first.code(), first::toString);
        for (String hour : List.of("2026-03-01T00", "2026-03-01T01")) {
            assertTrue(done("hourly_traffic", hour), hour);
            assertTrue(done("events_orc", hour), hour);
        }
        try (Stream<Path> logs = Files.list(data.resolve("logs"))) {
            assertTrue(logs.anyMatch(p -> p.getFileName().toString().startsWith("hourly-")), "a log file per run");
        }

        long before = Files.getLastModifiedTime(data.resolve("curated/hourly_traffic/hour=2026-03-01T00/_SUCCESS"))
                .toMillis();
        Result again = batch(Map.of(), "hourly", "--from", "2026-03-01T00", "--to", "2026-03-01T02");
        assertEquals(0, again.code(), again::toString);
        assertEquals(
                4, again.out().lines().filter(l -> l.contains("done already")).count(), again.out());
        assertEquals(
                before,
                Files.getLastModifiedTime(data.resolve("curated/hourly_traffic/hour=2026-03-01T00/_SUCCESS"))
                        .toMillis(),
                "a completed hour is not redone");

        // Another run holds the lock (flock, as silt-batch takes it): this start must refuse at once.
        Path lock = data.resolve("silt-batch.lock");
        Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "60").start();
        try {
            Thread.sleep(500);
            Result overlap = batch(Map.of(), "hourly", "--hour", "2026-03-01T02");
            assertEquals(75, overlap.code(), overlap::toString);
            assertTrue(overlap.err().contains("another run"), overlap.err());
            assertFalse(done("hourly_traffic", "2026-03-01T02"));
        } finally {
            // flock's child (sleep) holds the lock too: end it first.
            holder.descendants().forEach(ProcessHandle::destroyForcibly);
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    @Order(2)
    void aFailedHourIsRetriedCleanlyByTheNextRun() throws Exception {
        Result failed = batch(
                Map.of("SILT_JOB_OPTS", "-D silt.mr.quarantine.max.ratio=0.0"), "hourly", "--hour", "2026-03-01T02");
        assertEquals(1, failed.code(), failed::toString);
        assertTrue(failed.out().contains("aggregate: FAILED"), failed.out());
        assertFalse(Files.exists(data.resolve("curated/hourly_traffic/hour=2026-03-01T02")), "nothing committed");

        Result retried = batch(Map.of(), "hourly", "--hour", "2026-03-01T02");
        assertEquals(0, retried.code(), retried::toString);
        assertTrue(done("hourly_traffic", "2026-03-01T02"));
        assertTrue(done("events_orc", "2026-03-01T02"));
        try (Stream<Path> q = Files.list(data.resolve("curated/hourly_traffic/hour=2026-03-01T02/_quarantine"))) {
            assertTrue(q.findAny().isPresent(), "the malformed lines are quarantined, not lost");
        }
    }

    @Test
    @Order(3)
    void badUsageAndHoursWithoutInput() throws Exception {
        Result bad = batch(Map.of(), "hourly", "--hour", "yesterday");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("'yesterday' is not an hour"), bad.err());
        Result unknown = batch(Map.of(), "daily");
        assertEquals(2, unknown.code());
        Result empty = batch(Map.of(), "hourly", "--hour", "2025-01-01T00");
        assertEquals(0, empty.code(), empty::toString);
        assertTrue(empty.out().contains("no landed input"), empty.out());
    }
}

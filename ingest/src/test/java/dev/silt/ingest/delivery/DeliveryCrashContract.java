package dev.silt.ingest.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kills a child JVM that delivers a deterministic source with SIGKILL at random points, restarts it each time,
 * and checks at the end that the landed data is the source exactly: no loss, no duplicate, no temp file left.
 * {@code -Dsilt.crash.cycles} (default {@link #defaultCycles()}) and {@code -Dsilt.crash.seed} steer it.
 */
abstract class DeliveryCrashContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 2;
    private static final long PER_PARTITION = 4_000;

    /** Destination URI for the child, ending with '/'. */
    protected abstract String destination();

    /** Where the first, uninterrupted child delivers (outside {@link #destination()}), ending with '/'. */
    protected abstract String warmupDestination();

    /** Hadoop settings the child and the checker need to reach the file system. */
    protected abstract Map<String, String> settings();

    protected abstract java.nio.file.Path workDir();

    /** Kill cycles when {@code -Dsilt.crash.cycles} is not given. */
    protected int defaultCycles() {
        return 20;
    }

    @Test
    @Timeout(300)
    void killedAtRandomPointsLandsEverySourceRecordExactlyOnce() throws Exception {
        int cycles = Integer.getInteger("silt.crash.cycles", defaultCycles());
        long seed = Long.getLong("silt.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        String stream = "crash";
        java.nio.file.Path stderr = workDir().resolve("child.err");
        ChildJvm jvm = ChildJvm.prepare(workDir());
        // A clean run elsewhere first: it loads what every child loads, and leaves the class archive at its exit.
        long warmupStarted = System.nanoTime();
        Process warmup = startChild(jvm, true, warmupDestination(), "warmup", 60, stderr);
        assertTrue(warmup.waitFor(180, TimeUnit.SECONDS), "the warm-up run did not finish");
        assertEquals(0, warmup.exitValue(), "warm-up run failed; stderr:\n" + tail(stderr));
        long warmupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmupStarted);
        int killed = 0;
        long startupNanos = 0;
        long started = System.nanoTime();
        for (int cycle = 0; cycle < cycles; cycle++) {
            long launched = System.nanoTime();
            Process child = startChild(jvm, false, destination(), stream, PER_PARTITION, stderr);
            try {
                awaitStarted(child, stderr);
                startupNanos += System.nanoTime() - launched;
                // A random point of the child's work: reconcile, write, rename, checkpoint, intent delete.
                Thread.sleep(random.nextInt(20, 900));
                if (!child.isAlive()) {
                    break; // finished all the work before this kill
                }
                // SIGKILL through the handle: no shutdown hook, no flush, no close.
                child.toHandle().destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
                killed++;
            } finally {
                child.destroyForcibly();
            }
        }
        Process last = startChild(jvm, false, destination(), stream, PER_PARTITION, stderr);
        assertTrue(last.waitFor(180, TimeUnit.SECONDS), "the last run did not finish");
        assertEquals(0, last.exitValue(), "last run failed; stderr:\n" + tail(stderr));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf(
                java.util.Locale.ROOT,
                "%s: %d kills, seed %d, %d s; warm-up run %d ms, child start to 'started' %d ms on average (%s)%n",
                getClass().getSimpleName(),
                killed,
                seed,
                seconds,
                warmupMillis,
                killed == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(startupNanos / killed),
                jvm.hasArchive() ? "shared class archive" : "no class archive");
        assertEquals(
                cycles, killed, "the child finished before it was killed " + cycles + " times (seed " + seed + ")");
        verify(stream, seed);
    }

    private void verify(String stream, long seed) throws IOException {
        Configuration conf = new Configuration();
        settings().forEach(conf::set);
        Path root = new Path(destination());
        try (FileSystem fs = FileSystem.newInstance(root.toUri(), conf)) {
            Map<String, Integer> seen = new HashMap<>();
            List<Path> files = LandedFiles.list(fs, root);
            for (Path file : files) {
                assertTrue(file.getName().endsWith(".json.gz"), "unexpected visible file " + file);
                for (String line : LandedFiles.lines(fs, file)) {
                    JsonNode node = JSON.readTree(line);
                    seen.merge(node.get("p").asText() + "/" + node.get("seq").asLong(), 1, Integer::sum);
                }
            }
            List<String> problems = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                for (long s = 0; s < PER_PARTITION; s++) {
                    int n = seen.getOrDefault(SequenceSource.partition(p) + "/" + s, 0);
                    if (n != 1 && problems.size() < 20) {
                        problems.add(SequenceSource.partition(p) + "/" + s + " landed " + n + " times");
                    }
                }
            }
            assertEquals(List.of(), problems, "seed " + seed);
            assertEquals(PARTITIONS * PER_PARTITION, seen.size(), "seed " + seed);
            for (Path p : LandedFiles.listAll(fs, new Path(root, "_delivery/" + stream))) {
                assertTrue(p.toString().contains("/checkpoints/"), "left behind: " + p + " (seed " + seed + ")");
            }
        }
    }

    private Process startChild(
            ChildJvm jvm,
            boolean writeArchive,
            String destination,
            String stream,
            long perPartition,
            java.nio.file.Path stderr)
            throws IOException {
        List<String> command = jvm.command(CrashingDelivery.class, writeArchive);
        command.add(destination);
        command.add(stream);
        command.add(Integer.toString(PARTITIONS));
        command.add(Long.toString(perPartition));
        settings().forEach((k, v) -> command.add(k + "=" + v));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        // The warm-up's output is not read: it must not block on a full pipe.
        if (writeArchive) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return pb.start();
    }

    private static void awaitStarted(Process child, java.nio.file.Path stderr) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = in.readLine();
        if (!"started".equals(line)) {
            throw new AssertionError("child did not start (" + line + "); stderr:\n" + tail(stderr));
        }
    }

    private static String tail(java.nio.file.Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String all = Files.readString(file);
        return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
    }
}

package dev.silt.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.stream.ShardLog.StoredRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged append survives SIGKILL of the writing process: every acked record is there, once, in order. */
class ShardLogCrashIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void acknowledgedRecordsSurviveKillMinus9() throws Exception {
        Path logDir = dir.resolve("shard-0");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path stderr = dir.resolve("child.err");
        for (int round = 0; round < 3; round++) {
            ProcessBuilder pb = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    classpath,
                    CrashingAppender.class.getName(),
                    logDir.toString(),
                    "r" + round);
            pb.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
            Process child = pb.start();
            TreeMap<Long, String> acked = new TreeMap<>();
            long killAfter = 2_000 + round * 1_000L;
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                String line;
                while ((line = in.readLine()) != null) {
                    record(acked, line);
                    if (acked.size() >= killAfter || System.nanoTime() > deadline) {
                        // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe.
                        child.toHandle().destroyForcibly();
                        break;
                    }
                }
                assertTrue(child.waitFor(10, TimeUnit.SECONDS), "child did not die");
                assertEquals(128 + 9, child.exitValue(), "killed by SIGKILL mid-traffic, not a clean exit");
                // Lines the child printed before it died are still in the pipe.
                while ((line = in.readLine()) != null) {
                    record(acked, line);
                }
            } finally {
                child.destroyForcibly();
            }
            assertTrue(
                    acked.size() >= 100,
                    "child acknowledged " + acked.size() + " records; stderr:\n" + Files.readString(stderr));
            verify(logDir, acked, round);
        }
    }

    /** Keeps only complete lines: a line cut by the kill lacks its trailing "end". */
    private static void record(Map<Long, String> acked, String line) {
        String[] parts = line.split(" ", -1);
        if (parts.length == 4 && parts[0].equals("ack") && parts[3].equals("end")) {
            acked.put(Long.parseLong(parts[1]), parts[2]);
        }
    }

    private static void verify(Path logDir, Map<Long, String> acked, int round) throws Exception {
        try (ShardLog log = ShardLog.open(logDir, ShardLogOptions.defaults(), Clock.systemUTC())) {
            List<StoredRecord> all = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE);
            Set<String> payloads = new HashSet<>();
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i, all.get(i).sequence(), "dense, in order");
                String payload = new String(all.get(i).data(), StandardCharsets.UTF_8);
                assertTrue(payloads.add(payload), "duplicate " + payload);
            }
            for (var ack : acked.entrySet()) {
                long seq = ack.getKey();
                assertTrue(
                        seq < all.size(),
                        "acknowledged sequence " + seq + " lost in round " + round + " (log holds " + all.size()
                                + ", cut: " + log.truncations() + ")");
                assertEquals(ack.getValue(), new String(all.get((int) seq).data(), StandardCharsets.UTF_8));
            }
        }
    }
}

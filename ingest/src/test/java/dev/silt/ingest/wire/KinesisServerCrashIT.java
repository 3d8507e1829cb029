package dev.silt.ingest.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The server in its own JVM, fed PutRecords by several SDK threads, killed with SIGKILL mid-traffic and restarted
 * on the same data directory: every acknowledged record is there once, where its acknowledgement said, in order
 * per shard and per key; records never acknowledged may be there or not, but never twice.
 */
class KinesisServerCrashIT {
    private static final String STREAM = "crash";
    private static final int SHARDS = 4;
    private static final int WRITERS = 4;

    @TempDir
    Path dir;

    /** An acknowledged record: where the server said it put it. */
    private record Ack(String shardId, String sequenceNumber) {}

    /** A server process and the endpoint it printed. */
    private record Child(Process process, URI endpoint) {}

    private Child startServer(Path dataDir, Path log) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                classpath,
                KinesisServer.class.getName(),
                "--data-dir",
                dataDir.toString(),
                "silt.ingest.wire.port=0",
                "silt.ingest.stream.create.delay.ms=0",
                "silt.ingest.stream.maintenance.interval.ms=50");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                int at = line.indexOf("silt Kinesis endpoint ");
                if (at >= 0 && process.isAlive()) {
                    String rest = line.substring(at + "silt Kinesis endpoint ".length());
                    URI endpoint = URI.create(rest.substring(0, rest.indexOf(' ')));
                    if (!seenEndpoints.contains(endpoint)) {
                        seenEndpoints.add(endpoint);
                        return new Child(process, endpoint);
                    }
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(50); // waiting for another process to start, not for time to pass in the system under test
        }
        process.destroyForcibly();
        throw new AssertionError("server printed no endpoint in 60 s:\n" + Files.readString(log));
    }

    private final List<URI> seenEndpoints = new ArrayList<>();

    private static KinesisClient client(URI endpoint) {
        return SdkClients.client(endpoint, "AKIDSILT", "secret", null);
    }

    @Test
    @Timeout(180)
    void acknowledgedPutsSurviveKillMinus9() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        Map<String, Ack> acked = killMidTraffic(data, log);
        verifyAfterRestart(data, log, acked);
    }

    @Test
    @Timeout(180)
    void aCorruptSegmentTailIsCutAndEveryAcknowledgedRecordBeforeItKept() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        Map<String, Ack> acked = killMidTraffic(data, log);
        // Garbage where the next frame would start: a torn write that recovery must cut, not trip over.
        Random random = new Random(42);
        int corrupted = 0;
        for (Path segment : lastSegmentOfEachShard(data)) {
            byte[] garbage = new byte[64 + random.nextInt(512)];
            random.nextBytes(garbage);
            Files.write(segment, garbage, StandardOpenOption.APPEND);
            corrupted++;
        }
        assertEquals(SHARDS, corrupted, "one active segment per shard");
        verifyAfterRestart(data, log, acked);
        String output = Files.readString(log);
        assertTrue(output.contains("recovery truncated"), "recovery reports the cut:\n" + output);
    }

    private static List<Path> lastSegmentOfEachShard(Path data) throws IOException {
        Map<Path, Path> last = new HashMap<>();
        try (Stream<Path> walk = Files.walk(data)) {
            walk.filter(p -> p.getFileName().toString().endsWith(".seg"))
                    .forEach(p -> last.merge(
                            p.getParent(),
                            p,
                            (a, b) -> a.getFileName()
                                                    .toString()
                                                    .compareTo(b.getFileName().toString())
                                            >= 0
                                    ? a
                                    : b));
        }
        return new ArrayList<>(last.values());
    }

    /** Starts a server, writes from several threads until enough is acknowledged, and SIGKILLs it mid-call. */
    private Map<String, Ack> killMidTraffic(Path data, Path log) throws Exception {
        Child child = startServer(data, log);
        Map<String, Ack> acked = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failedCalls = new AtomicInteger();
        try (KinesisClient kinesis = client(child.endpoint())) {
            kinesis.createStream(b -> b.streamName(STREAM).shardCount(SHARDS));
            awaitActive(kinesis);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread t = new Thread(() -> write(kinesis, writer, acked, stop, failedCalls), "writer-" + w);
                t.start();
                writers.add(t);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acked.size() < 4000 && System.nanoTime() < deadline) {
                Thread.sleep(10); // watching the writers' progress
            }
            // SIGKILL through the handle, with writers still sending.
            child.process().toHandle().destroyForcibly();
            assertTrue(child.process().waitFor(10, TimeUnit.SECONDS), "server did not die");
            assertEquals(128 + 9, child.process().exitValue(), "killed by SIGKILL, not a clean exit");
            stop.set(true);
            for (Thread t : writers) {
                t.join(30_000);
            }
        }
        assertTrue(acked.size() >= 1000, "only " + acked.size() + " records were acknowledged before the kill");
        assertTrue(failedCalls.get() >= 1, "the kill landed mid-traffic: some call failed");
        return acked;
    }

    private static void awaitActive(KinesisClient kinesis) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (kinesis.describeStreamSummary(b -> b.streamName(STREAM))
                            .streamDescriptionSummary()
                            .streamStatus()
                    == StreamStatus.ACTIVE) {
                return;
            }
            Thread.sleep(25); // the child's own maintenance thread turns the stream ACTIVE
        }
        throw new AssertionError("stream never became ACTIVE");
    }

    /** Batches of 25 records over 5 keys per writer, each payload unique: "w<writer>-k<key>:<n>". */
    private static void write(
            KinesisClient kinesis, int writer, Map<String, Ack> acked, AtomicBoolean stop, AtomicInteger failedCalls) {
        int[] next = new int[5];
        while (!stop.get()) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            List<String> payloads = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                int key = i % 5;
                String pk = "w" + writer + "-k" + key;
                String payload = pk + ":" + next[key]++;
                payloads.add(payload);
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey(pk)
                        .data(SdkBytes.fromString(payload, StandardCharsets.UTF_8))
                        .build());
            }
            PutRecordsResponse response;
            try {
                response = kinesis.putRecords(b -> b.streamName(STREAM).records(entries));
            } catch (RuntimeException e) {
                failedCalls.incrementAndGet();
                return; // the server is gone: this batch may or may not have been stored
            }
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsResultEntry r = response.records().get(i);
                if (r.errorCode() == null) {
                    acked.put(payloads.get(i), new Ack(r.shardId(), r.sequenceNumber()));
                }
            }
        }
    }

    private void verifyAfterRestart(Path data, Path log, Map<String, Ack> acked) throws Exception {
        Child child = startServer(data, log);
        try (KinesisClient kinesis = client(child.endpoint())) {
            Map<String, Ack> found = new HashMap<>();
            for (Shard shard : kinesis.listShards(b -> b.streamName(STREAM)).shards()) {
                BigInteger previous = BigInteger.valueOf(-1);
                Map<String, Integer> lastPerKey = new HashMap<>();
                for (Record r : readShard(kinesis, shard.shardId())) {
                    BigInteger seq = new BigInteger(r.sequenceNumber());
                    assertTrue(seq.compareTo(previous) > 0, "sequence numbers increase within " + shard.shardId());
                    previous = seq;
                    String payload = r.data().asUtf8String();
                    assertNull(
                            found.put(payload, new Ack(shard.shardId(), r.sequenceNumber())),
                            "stored twice: " + payload);
                    String key = payload.substring(0, payload.indexOf(':'));
                    assertEquals(key, r.partitionKey());
                    int n = Integer.parseInt(payload.substring(payload.indexOf(':') + 1));
                    Integer before = lastPerKey.put(key, n);
                    assertTrue(before == null || n > before, "order of " + key + ": " + before + " then " + n);
                }
            }
            for (Map.Entry<String, Ack> e : acked.entrySet()) {
                Ack at = found.get(e.getKey());
                assertNotNull(at, "acknowledged record lost: " + e.getKey());
                assertEquals(e.getValue(), at, "acknowledged record moved: " + e.getKey());
            }
            assertTrue(found.size() >= acked.size());
            System.out.printf(
                    java.util.Locale.ROOT,
                    "crash test: %d records acknowledged before SIGKILL, %d found after restart%n",
                    acked.size(),
                    found.size());
            // The restarted server takes new writes after the recovered ones.
            String seq = kinesis.putRecord(b -> b.streamName(STREAM)
                            .partitionKey("after")
                            .data(SdkBytes.fromString("after", StandardCharsets.UTF_8)))
                    .sequenceNumber();
            assertNotNull(seq);
        } finally {
            // SIGTERM: the server closes from its shutdown hook.
            child.process().destroy();
            assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "server did not stop on SIGTERM");
        }
    }

    private static List<Record> readShard(KinesisClient kinesis, String shardId) {
        String it = kinesis.getShardIterator(
                        b -> b.streamName(STREAM).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        List<Record> out = new ArrayList<>();
        while (it != null) {
            String current = it;
            GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(current));
            out.addAll(r.records());
            if (r.records().isEmpty() && r.millisBehindLatest() == 0) {
                break;
            }
            it = r.nextShardIterator();
        }
        return out;
    }
}

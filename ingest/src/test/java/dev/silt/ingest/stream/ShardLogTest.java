package dev.silt.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.stream.ShardLog.Entry;
import dev.silt.ingest.stream.ShardLog.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ShardLogTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    static Entry entry(String key, String data) {
        return new Entry(key, data.getBytes(StandardCharsets.UTF_8));
    }

    static String text(StoredRecord r) {
        return new String(r.data(), StandardCharsets.UTF_8);
    }

    private ShardLogOptions small() {
        return ShardLogOptions.defaults().withSegmentBytes(4096).withIndexIntervalBytes(256);
    }

    @Test
    void appendsAndReadsBackAcrossSegmentRolls() throws Exception {
        try (ShardLog log = ShardLog.open(dir, small(), clock)) {
            for (int batch = 0; batch < 50; batch++) {
                List<Entry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    entries.add(entry("k" + (i % 3), "record-" + (batch * 10 + i) + "-" + "x".repeat(40)));
                }
                long[] seqs = log.append(entries);
                assertEquals(batch * 10L, seqs[0]);
                assertEquals(batch * 10L + 9, seqs[9]);
            }
            assertTrue(log.segmentCount() > 5, "segments rolled: " + log.segmentCount());
            List<StoredRecord> all = log.read(0, 10_000, Long.MAX_VALUE);
            assertEquals(500, all.size());
            for (int i = 0; i < 500; i++) {
                assertEquals(i, all.get(i).sequence());
                assertTrue(text(all.get(i)).startsWith("record-" + i + "-"));
                assertEquals("k" + (i % 10 % 3), all.get(i).partitionKey());
                assertEquals(T0, all.get(i).arrivalMillis());
            }
            assertEquals(500, log.nextSequence());
        }
        try (ShardLog reopened = ShardLog.open(dir, small(), clock)) {
            assertTrue(reopened.truncations().isEmpty());
            assertEquals(500, reopened.read(0, 10_000, Long.MAX_VALUE).size());
            assertEquals(500, reopened.append(List.of(entry("k", "after")))[0]);
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() throws Exception {
        try (ShardLog log = ShardLog.open(dir, small(), clock)) {
            log.append(List.of(entry("k", "v")));
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> ShardLog.open(dir, small(), clock));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        }
        try (ShardLog reopened = ShardLog.open(dir, small(), clock)) {
            assertEquals(1, reopened.nextSequence());
        }
    }

    @Test
    void readsAtAndAfterASequenceWithLimits() throws Exception {
        try (ShardLog log = ShardLog.open(dir, small(), clock)) {
            for (int i = 0; i < 300; i++) {
                log.append(List.of(entry("k", "r" + i)));
            }
            for (long from : new long[] {0, 1, 57, 150, 298, 299}) {
                List<StoredRecord> got = log.read(from, 5, Long.MAX_VALUE);
                assertEquals(Math.min(5, 300 - from), got.size(), "from " + from);
                assertEquals(from, got.get(0).sequence());
                assertEquals("r" + from, text(got.get(0)));
            }
            long after = 41;
            assertEquals(42, log.read(after + 1, 1, Long.MAX_VALUE).get(0).sequence());
            assertTrue(log.read(300, 10, Long.MAX_VALUE).isEmpty());
            // maxBytes stops early but always returns one record.
            assertEquals(1, log.read(10, 100, 1).size());
            assertEquals(3, log.read(100, 100, 12).size());
        }
    }

    @Test
    void findsRecordsByArrivalTime() throws Exception {
        try (ShardLog log = ShardLog.open(dir, small(), clock)) {
            for (int i = 0; i < 200; i++) {
                log.append(List.of(entry("k", "r" + i + "-" + "y".repeat(30))));
                clock.advance(1000);
            }
            assertEquals(0, log.firstSequenceAtOrAfter(0));
            assertEquals(0, log.firstSequenceAtOrAfter(T0));
            assertEquals(1, log.firstSequenceAtOrAfter(T0 + 1));
            assertEquals(120, log.firstSequenceAtOrAfter(T0 + 120_000));
            assertEquals(121, log.firstSequenceAtOrAfter(T0 + 120_500));
            assertEquals(199, log.firstSequenceAtOrAfter(T0 + 199_000));
            assertEquals(200, log.firstSequenceAtOrAfter(T0 + 500_000), "past the end is LATEST");
        }
    }

    @Test
    void arrivalTimesNeverGoBackwards() throws Exception {
        try (ShardLog log = ShardLog.open(dir, small(), clock)) {
            log.append(List.of(entry("k", "a")));
            clock.advance(-5000);
            log.append(List.of(entry("k", "b")));
            List<StoredRecord> got = log.read(0, 10, Long.MAX_VALUE);
            assertEquals(T0, got.get(1).arrivalMillis());
        }
    }

    @Test
    void retentionDeletesWholeExpiredSegments() throws Exception {
        try (ShardLog log = ShardLog.open(dir, small(), clock)) {
            for (int hour = 0; hour < 30; hour++) {
                for (int i = 0; i < 20; i++) {
                    log.append(List.of(entry("k", "h" + hour + "-" + i + "-" + "z".repeat(60))));
                }
                clock.advance(Duration.ofHours(1).toMillis());
            }
            int before = log.segmentCount();
            List<Path> deleted = log.trimExpired(Duration.ofHours(24));
            assertTrue(!deleted.isEmpty());
            assertEquals(before - deleted.size(), log.segmentCount());
            long cutoff = clock.millis() - Duration.ofHours(24).toMillis();
            long first = log.firstSequence();
            assertTrue(first > 0);
            List<StoredRecord> kept = log.read(0, 10_000, Long.MAX_VALUE);
            assertEquals(first, kept.get(0).sequence(), "reads below the horizon start at it");
            assertEquals(599, kept.get(kept.size() - 1).sequence());
            // Nothing at or after the cutoff was deleted: whole segments only.
            assertTrue(kept.get(0).arrivalMillis() < cutoff || first == 0);
            assertEquals(first, log.firstSequenceAtOrAfter(0));

            // Once everything has expired, numbering continues where it stopped.
            clock.advance(Duration.ofDays(2).toMillis());
            log.trimExpired(Duration.ofHours(24));
            assertTrue(log.read(0, 10, Long.MAX_VALUE).isEmpty());
            assertEquals(600, log.firstSequence());
            assertEquals(600, log.append(List.of(entry("k", "new")))[0]);
        }
        try (ShardLog reopened = ShardLog.open(dir, small(), clock)) {
            assertEquals(600, reopened.firstSequence());
            assertEquals(601, reopened.nextSequence());
        }
    }

    @Test
    @Timeout(60)
    void concurrentAppendersGetUniqueIncreasingSequencesAndShareForces() throws Exception {
        int threads = 8;
        int batches = 150;
        try (ShardLog log = ShardLog.open(dir, ShardLogOptions.defaults().withSegmentBytes(64 * 1024), clock)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<long[]>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<long[]> mine = new ArrayList<>();
                    for (int b = 0; b < batches; b++) {
                        List<Entry> batch = List.of(
                                entry("t" + thread, thread + ":" + b + ":0"),
                                entry("t" + thread, thread + ":" + b + ":1"));
                        mine.add(log.append(batch));
                    }
                    return mine;
                }));
            }
            start.countDown();
            Set<Long> seen = new HashSet<>();
            for (int t = 0; t < threads; t++) {
                long previous = -1;
                for (long[] seqs : results.get(t).get()) {
                    assertEquals(seqs[0] + 1, seqs[1], "a batch is contiguous");
                    assertTrue(seqs[0] > previous, "each caller sees increasing sequences");
                    previous = seqs[1];
                    assertTrue(seen.add(seqs[0]) && seen.add(seqs[1]));
                }
            }
            pool.shutdown();
            int appends = threads * batches;
            assertEquals(2L * appends, seen.size());
            List<StoredRecord> all = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE);
            assertEquals(2 * appends, all.size());
            Set<String> payloads = new HashSet<>();
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i, all.get(i).sequence());
                assertTrue(payloads.add(text(all.get(i))), "each record exactly once");
            }
            long forces = log.forceCount();
            assertTrue(
                    forces > 0 && forces < appends, "group commit: " + forces + " forces for " + appends + " appends");
        }
    }

    @Test
    @Timeout(60)
    void aTailingReaderSeesEveryRecordOnceWhileWritersAppend() throws Exception {
        try (ShardLog log = ShardLog.open(dir, small(), clock)) {
            int total = 4 * 200;
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        log.append(List.of(entry("w" + thread, "w" + thread + "-" + i + "-" + "p".repeat(i % 50))));
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                long next = 0;
                while (next < total) {
                    for (StoredRecord r : log.read(next, 37, 2048)) {
                        assertEquals(next, r.sequence(), "no gaps, no repeats");
                        next++;
                    }
                }
                return (int) next;
            });
            for (Future<?> w : writers) {
                w.get();
            }
            assertEquals(total, reader.get());
            pool.shutdown();
        }
    }

    @Test
    void rejectsInvalidRecordsWithoutWritingAny() throws Exception {
        try (ShardLog log = ShardLog.open(dir, ShardLogOptions.defaults().withFsyncPolicy(FsyncPolicy.NONE), clock)) {
            byte[] big = new byte[1024 * 1024];
            assertThrows(
                    IllegalArgumentException.class, () -> log.append(List.of(entry("k", "ok"), new Entry("k", big))));
            assertThrows(IllegalArgumentException.class, () -> log.append(List.of(entry("", "no key"))));
            assertThrows(IllegalArgumentException.class, () -> log.append(List.of(entry("k".repeat(257), "long"))));
            assertEquals(0, log.nextSequence());
            byte[] exact = new byte[1024 * 1024 - 1];
            exact[7] = 42;
            log.append(List.of(new Entry("k", exact)));
            assertArrayEquals(exact, log.read(0, 1, Long.MAX_VALUE).get(0).data());
            assertEquals(0, log.forceCount(), "NONE never forces");
        }
    }
}

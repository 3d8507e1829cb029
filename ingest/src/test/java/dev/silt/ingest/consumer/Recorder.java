package dev.silt.ingest.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A record handler for tests: keeps, per partition key, the values of the records it was handed ("key:n" data), and
 * every (shard, sequence) pair, so tests can check order per key and count duplicates.
 */
class Recorder implements RecordHandler {
    final Map<String, List<Integer>> byKey = new TreeMap<>();
    final List<String> ids = new ArrayList<>();
    private long count;

    @Override
    public synchronized void handle(ShardBatch batch) throws Exception {
        for (StreamRecord r : batch.records()) {
            String[] kv = r.dataAsUtf8().split(":");
            assertEquals(r.partitionKey(), kv[0], "data names its own key");
            byKey.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Integer.parseInt(kv[1]));
            ids.add(id(batch.shardId(), r));
            count++;
        }
        notifyAll();
    }

    static String id(String shard, StreamRecord r) {
        return shard + "/" + r.sequenceNumber();
    }

    synchronized long count() {
        return count;
    }

    synchronized Set<String> idSet() {
        return new HashSet<>(ids);
    }

    /** Waits until at least {@code n} records arrived; false on timeout. */
    synchronized boolean await(long n, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (count < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Every key received exactly 0..n-1, in order, where {@code expected} holds n per key. */
    static void assertExactlyOnceInOrder(Map<String, Integer> expected, Map<String, List<Integer>> byKey) {
        Map<String, List<Integer>> wrong = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            List<Integer> got = byKey.getOrDefault(e.getKey(), List.of());
            boolean ok = got.size() == e.getValue();
            for (int i = 0; ok && i < got.size(); i++) {
                ok = got.get(i) == i;
            }
            if (!ok) {
                wrong.put(e.getKey(), got);
            }
        }
        assertTrue(wrong.isEmpty(), () -> "keys delivered out of order, twice or not at all: " + wrong);
        assertEquals(expected.keySet(), byKey.keySet());
    }
}

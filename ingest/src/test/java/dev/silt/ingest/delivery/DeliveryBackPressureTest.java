package dev.silt.ingest.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A slow sink holds the delivery back; the direct-put producer is told to retry; memory stays bounded. */
class DeliveryBackPressureTest {
    private static final int CAPACITY = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void slowSinkPushesBackToTheProducerAndLosesNothing() throws Exception {
        DirectPutSource source = new DirectPutSource(Clock.systemUTC(), CAPACITY, 1024);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        DeliverySink slow = object -> {
            blocked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        };
        Map<String, String> conf = new HashMap<>();
        conf.put("silt.ingest.delivery.buffer.interval.seconds", "0");
        conf.put("silt.ingest.delivery.memory.mb", "1");
        conf.put("silt.ingest.delivery.poll.records", "250");
        conf.put("silt.ingest.delivery.compression", "NONE");
        String dest = dir.toUri().toString();
        DeliveryStream stream = DeliveryStream.builder(DeliveryConfig.of("bp", conf), dest)
                .source(source)
                .sink(slow)
                .open();
        stream.start();
        int next = 0;
        int total = 1_000;
        source.putRecord(record(next++));
        assertTrue(blocked.await(10, TimeUnit.SECONDS), "the sink was never called");
        // The delivery is stuck in the sink: puts fill the bounded queue, then are refused.
        int refused = 0;
        while (refused == 0) {
            try {
                source.putRecord(record(next));
                next++;
            } catch (ServiceUnavailableException e) {
                refused++;
                assertTrue(e.getMessage().contains("retry"), e.getMessage());
            }
        }
        assertTrue(source.queuedBytes() <= CAPACITY, "queue " + source.queuedBytes() + " > " + CAPACITY);
        assertTrue(stream.metrics().bufferedBytes() <= 1 << 20);
        DirectPutSource.PutBatchResult batch = source.putRecordBatch(List.of(record(next), record(next + 1)));
        assertEquals(2, batch.failedPutCount());
        assertEquals("ServiceUnavailableException", batch.errorCodes().get(0));
        release.countDown();
        while (next < total) {
            try {
                source.putRecord(record(next));
                next++;
            } catch (ServiceUnavailableException e) {
                refused++;
                Thread.onSpinWait();
            }
        }
        while (stream.metrics().recordsOut() < total) {
            assertTrue(stream.lastFailure() == null, () -> "delivery failed: " + stream.lastFailure());
            Thread.onSpinWait();
        }
        stream.close();
        assertTrue(refused > 0);
        ObjectMapper json = new ObjectMapper();
        List<Integer> ids = new ArrayList<>();
        try (FileSystem fs = FileSystem.newInstance(dir.toUri(), new Configuration())) {
            for (org.apache.hadoop.fs.Path p : LandedFiles.list(fs, new org.apache.hadoop.fs.Path(dest))) {
                for (String line : LandedFiles.lines(fs, p)) {
                    ids.add(json.readTree(line).get("id").asInt());
                }
            }
        }
        ids.sort(null);
        assertEquals(total, ids.size());
        for (int i = 0; i < total; i++) {
            assertEquals(i, ids.get(i));
        }
        assertThrows(IllegalArgumentException.class, () -> source.putRecord(new byte[1025]));
    }

    private static byte[] record(int id) {
        return ("{\"id\":" + id + ",\"pad\":\"" + "y".repeat(180) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}

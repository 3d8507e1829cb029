package dev.silt.ingest.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.client.KinesisHttpClient;
import dev.silt.ingest.client.PutEntry;
import dev.silt.ingest.client.PutResult;
import dev.silt.ingest.client.StreamSummary;
import dev.silt.ingest.stream.ShardLogOptions;
import dev.silt.ingest.wire.KinesisServer;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The consumer and the HTTP client against the real Kinesis server, on an ephemeral port and an injected clock. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpConsumerIT {
    @TempDir
    static Path tmp;

    private static ServiceFixture fx;
    private static KinesisServer server;
    private static KinesisHttpClient client;

    @BeforeAll
    static void start() throws IOException {
        fx = new ServiceFixture(tmp.resolve("data"), false, ShardLogOptions.defaults());
        server = KinesisServer.over(fx.service, Map.of("silt.ingest.wire.port", "0"), fx.clock)
                .start();
        client = new KinesisHttpClient(server.endpoint(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    /** Puts "key:n" records over HTTP; {@code sent} counts per key. */
    private static void put(String stream, Map<String, Integer> sent, int count, int keys) throws IOException {
        List<PutEntry> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String k = "k" + (i % keys);
            int n = sent.merge(k, 1, Integer::sum) - 1;
            batch.add(new PutEntry(k, (k + ":" + n).getBytes(StandardCharsets.UTF_8)));
            if (batch.size() == 500 || i == count - 1) {
                PutResult r = client.putRecords(stream, batch);
                assertEquals(0, r.failedRecordCount(), () -> r.entries().toString());
                assertEquals(batch.size(), r.entries().size());
                batch.clear();
            }
        }
    }

    @Test
    void theConsumerFollowsLineageOverHttp() throws Exception {
        client.createStream("web", 2);
        fx.service.runMaintenance();
        StreamSummary s = client.describeStreamSummary("web");
        assertEquals("ACTIVE", s.status());
        assertEquals(2, s.openShardCount());
        assertEquals(24, s.retentionHours());
        assertTrue(client.listStreams().contains("web"));

        Map<String, Integer> sent = new HashMap<>();
        put("web", sent, 1000, 20);
        List<ShardDescription> shards = new ArrayList<>(client.listShards("web"));
        shards.sort(Comparator.comparing(ShardDescription::shardId));
        ShardDescription first = shards.get(0);
        BigInteger middle = first.startingHashKey()
                .add(first.endingHashKey().subtract(first.startingHashKey()).shiftRight(1));
        client.splitShard("web", first.shardId(), middle);
        fx.service.runMaintenance();
        put("web", sent, 500, 20);
        client.updateShardCount("web", 2);
        fx.service.runMaintenance();
        put("web", sent, 500, 20);

        Recorder got = new Recorder();
        StreamConsumer consumer = StreamConsumer.builder(client, "web", got)
                .options(ConsumerOptions.defaults().withRecordsPerCall(97).withIdlePoll(Duration.ofMillis(1)))
                .build();
        consumer.runUntilCaughtUp();
        Recorder.assertExactlyOnceInOrder(sent, got.byKey);
        assertEquals(2000, got.idSet().size());
        assertTrue(consumer.stats().shardsCompleted() >= 3, consumer.stats()::toString);

        // The records carry the server's arrival time and the lineage is visible in the listing.
        List<ShardDescription> after = client.listShards("web");
        assertTrue(after.stream().anyMatch(d -> d.parents().size() == 2), after::toString);
        assertTrue(after.stream().anyMatch(d -> !d.isOpen()), after::toString);
    }

    @Test
    void errorsKeepTheirKinesisNames() throws IOException {
        StreamApiException missing =
                assertThrows(StreamApiException.class, () -> client.describeStreamSummary("missing"));
        assertTrue(missing.isNotFound(), missing::errorType);
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
        StreamApiException bad = assertThrows(StreamApiException.class, () -> client.getRecords("not-an-iterator", 10));
        assertEquals(StreamApiException.INVALID_ARGUMENT, bad.errorType());
        client.createStream("twice", 1);
        StreamApiException exists = assertThrows(StreamApiException.class, () -> client.createStream("twice", 1));
        assertEquals(StreamApiException.RESOURCE_IN_USE, exists.errorType());
    }

    @Test
    void anIteratorExpiredOnTheServerIsAcquiredAgain() throws Exception {
        client.createStream("slow", 1);
        fx.service.runMaintenance();
        Map<String, Integer> sent = new HashMap<>();
        put("slow", sent, 300, 3);
        Recorder got = new Recorder();
        AtomicInteger batches = new AtomicInteger();
        StreamConsumer consumer = StreamConsumer.builder(client, "slow", batch -> {
                    got.handle(batch);
                    if (batches.incrementAndGet() == 1) {
                        fx.clock.advance(Duration.ofMinutes(6).toMillis());
                    }
                })
                .options(ConsumerOptions.defaults().withRecordsPerCall(50))
                .build();
        consumer.runUntilCaughtUp();
        assertEquals(1, consumer.stats().expiredIterators());
        Recorder.assertExactlyOnceInOrder(sent, got.byKey);
    }
}

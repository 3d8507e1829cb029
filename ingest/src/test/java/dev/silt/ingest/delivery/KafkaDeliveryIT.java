package dev.silt.ingest.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.silt.ingest.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery stream fed by a real Kafka broker (KRaft, in a child JVM): records of three partitions land exactly
 * once across a restart that loses what was buffered, and the group's committed offsets are exactly what landed.
 */
class KafkaDeliveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "clicks";
    private static final String GROUP = "silt-clicks";
    /** 2026-11-23T05:00:00Z: record timestamps are fixed, so arrival hours are too. */
    private static final long T0 = 1_795_410_000_000L;

    @TempDir
    static Path brokerDir;

    private static KafkaBroker broker;

    @TempDir
    Path destDir;

    private final MutableClock clock = new MutableClock(T0);
    private final List<LandedObject> landed = new ArrayList<>();
    private final Map<String, Integer> sent = new HashMap<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(brokerDir);
        broker.createTopic(TOPIC, 3);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void restartWithoutFlushLandsEveryRecordOnceAndCommitsExactlyWhatLanded() throws Exception {
        produce(3000, 30, 0);

        KafkaDeliverySource first = source();
        DeliveryStream delivery = open(first);
        int polled = 0;
        boolean flushed = false;
        long joinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (polled < 2000 && System.nanoTime() < joinDeadline) {
            polled += delivery.runOnce();
            if (!flushed && polled >= 1000) {
                // Some files land and are committed; what comes after stays buffered and is lost below.
                delivery.flushAll();
                flushed = true;
            }
        }
        assertEquals(Set.of(TOPIC + "-0", TOPIC + "-1", TOPIC + "-2"), first.assignedPartitions());
        // The crash: the buffers are gone, nothing more lands; the consumer leaves the group.
        delivery.fileSystem().close();
        first.close();
        Map<String, Long> landedBeforeCrash = landedThrough();
        int polledBeforeCrash = polled;
        assertTrue(
                landedCount() >= 1000 && landedCount() < polledBeforeCrash,
                () -> "landed " + landedCount() + " of " + polledBeforeCrash);
        assertEquals(expectedCommits(landedBeforeCrash), committed(), "the group holds only what landed");

        produce(600, 30, 3000);
        KafkaDeliverySource second = source();
        DeliveryStream restarted = open(second);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (landedCount() < 3600 && System.nanoTime() < deadline) {
            if (restarted.runOnce() == 0) {
                restarted.flushAll();
            }
        }
        restarted.close();
        assertEquals(0, second.backlogRecords(), "caught up with the topic");
        second.close();

        assertExactlyOnceInOrder(3600);
        Map<TopicPartition, Long> ends = endOffsets();
        assertEquals(ends, committed(), "committed offsets are the end of every partition");
        assertEquals(expectedCommits(landedThrough()), ends);
    }

    @Test
    void partitionsAddedWhileDeliveringRebalanceWithoutLossOrDuplicates() throws Exception {
        broker.createTopic("views", 2);
        produce("views", 1000, 20, 0);
        KafkaDeliverySource source = KafkaDeliverySource.builder(broker.bootstrap(), List.of("views"))
                .group("silt-views")
                .maxPollRecords(100)
                // Notice the new partition within a second, not the default five minutes.
                .property("metadata.max.age.ms", 500)
                .clock(clock)
                .build();
        DeliveryStream delivery = open("views", source);
        int polled = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (polled < 500 && System.nanoTime() < deadline) {
            polled += delivery.runOnce();
        }
        delivery.flushAll();
        try (Admin admin = broker.admin()) {
            admin.createPartitions(Map.of("views", NewPartitions.increaseTo(3)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        produce("views", 500, 20, 1000);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((source.rebalances() == 0 || landedCount() < 1500) && System.nanoTime() < end) {
            if (delivery.runOnce() == 0) {
                delivery.flushAll();
            }
        }
        delivery.close();
        source.close();

        assertTrue(source.rebalances() >= 1, "the new partition caused a rebalance");
        assertEquals(Set.of("views-0", "views-1", "views-2"), landedThrough().keySet());
        // A key's records may move to the new partition, so order holds per partition only: check each once.
        Set<String> seen = new HashSet<>();
        Set<String> files = new HashSet<>();
        try (FileSystem fs = FileSystem.newInstance(destDir.toUri(), new Configuration())) {
            for (LandedObject o : landed) {
                if (files.add(o.uri())) {
                    for (String line : LandedFiles.lines(fs, new org.apache.hadoop.fs.Path(o.uri()))) {
                        JsonNode r = JSON.readTree(line);
                        String id = r.get("k").asText() + ":" + r.get("n").asInt();
                        assertTrue(seen.add(id), () -> id + " landed twice");
                    }
                }
            }
        }
        assertEquals(1500, seen.size(), "every record landed");
        Map<TopicPartition, Long> committed = new HashMap<>();
        try (Admin admin = broker.admin()) {
            admin.listConsumerGroupOffsets("silt-views")
                    .partitionsToOffsetAndMetadata()
                    .get(20, TimeUnit.SECONDS)
                    .forEach((tp, om) -> committed.put(tp, om.offset()));
        }
        assertEquals(expectedCommits(landedThrough()), committed, "committed offsets are what landed");
    }

    @Test
    void partitionIdsOfOtherSourcesAreRefused() throws IOException {
        try (KafkaDeliverySource source = source()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> source.seek("shardId", 3));
            assertTrue(e.getMessage().contains("not a Kafka partition id"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ the delivery

    private KafkaDeliverySource source() {
        return KafkaDeliverySource.builder(broker.bootstrap(), List.of(TOPIC))
                .configure(
                        "clicks",
                        Map.of("silt.ingest.delivery.kafka.group", GROUP, "silt.ingest.delivery.poll.records", "250"))
                .clock(clock)
                .build();
    }

    private DeliveryStream open(DeliverySource source) throws IOException {
        return open("clicks", source);
    }

    private DeliveryStream open(String name, DeliverySource source) throws IOException {
        Map<String, String> conf = new HashMap<>();
        conf.put("silt.ingest.delivery.buffer.interval.seconds", "900");
        conf.put("silt.ingest.delivery.idle.flush.seconds", "900");
        conf.put("silt.ingest.delivery.poll.records", "200");
        conf.put("silt.ingest.delivery.compression", "NONE");
        return DeliveryStream.builder(
                        DeliveryConfig.of(name, conf), destDir.toUri().toString())
                .source(source)
                .clock(clock)
                .sink(landed::add)
                .open();
    }

    private void produce(int count, int keys, int offsetOfFirst) throws Exception {
        produce(TOPIC, count, keys, offsetOfFirst);
    }

    private void produce(String topic, int count, int keys, int offsetOfFirst) throws Exception {
        Map<String, Object> props =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String key = "k" + (i % keys);
                int n = sent.merge(key, 1, Integer::sum) - 1;
                byte[] value = ("{\"k\":\"" + key + "\",\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
                long timestamp = T0 + (offsetOfFirst + i) * 1_000L;
                producer.send(new ProducerRecord<>(topic, null, timestamp, key, value));
            }
            producer.flush();
        }
    }

    // ------------------------------------------------------------------ what landed, what Kafka holds

    private Map<String, Long> landedThrough() {
        Map<String, Long> through = new TreeMap<>();
        for (LandedObject o : landed) {
            through.merge(o.sourcePartition(), o.lastSequence(), Math::max);
        }
        return through;
    }

    private long landedCount() {
        long n = 0;
        Set<String> seen = new HashSet<>();
        for (LandedObject o : landed) {
            if (seen.add(o.uri())) {
                n += o.lastSequence() - o.firstSequence() + 1;
            }
        }
        return n;
    }

    private static Map<TopicPartition, Long> expectedCommits(Map<String, Long> landedThrough) {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<String, Long> e : landedThrough.entrySet()) {
            int dash = e.getKey().lastIndexOf('-');
            out.put(
                    new TopicPartition(
                            e.getKey().substring(0, dash),
                            Integer.parseInt(e.getKey().substring(dash + 1))),
                    e.getValue() + 1);
        }
        return out;
    }

    private static Map<TopicPartition, Long> committed() throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get(20, TimeUnit.SECONDS);
            offsets.forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, om.offset());
                }
            });
        }
        return out;
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            request.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        try (Admin admin = broker.admin()) {
            admin.listOffsets(request)
                    .all()
                    .get(20, TimeUnit.SECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
        }
        return out;
    }

    /** Reads the files in commit order: every key's records 0..n-1, each once, in order. */
    private void assertExactlyOnceInOrder(int total) throws IOException {
        Map<String, Integer> next = new HashMap<>();
        int count = 0;
        Set<String> seen = new HashSet<>();
        try (FileSystem fs = FileSystem.newInstance(destDir.toUri(), new Configuration())) {
            for (LandedObject o : landed) {
                if (!seen.add(o.uri())) {
                    continue; // reported again by a restart's reconciliation: the same file
                }
                for (String line : LandedFiles.lines(fs, new org.apache.hadoop.fs.Path(o.uri()))) {
                    JsonNode r = JSON.readTree(line);
                    String key = r.get("k").asText();
                    int n = r.get("n").asInt();
                    int expected = next.getOrDefault(key, 0);
                    assertEquals(expected, n, () -> "key " + key + ": record " + n + " where " + expected + " was due");
                    next.put(key, n + 1);
                    count++;
                }
            }
        }
        assertEquals(total, count, "records landed");
        assertEquals(sent, next, "every record of every key landed");
    }
}

package dev.silt.ingest.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.silt.ingest.MutableClock;
import dev.silt.ingest.consumer.ConsumerOptions;
import dev.silt.ingest.consumer.RecordBatch;
import dev.silt.ingest.consumer.ServiceStreamSource;
import dev.silt.ingest.consumer.ShardDescription;
import dev.silt.ingest.consumer.StartPosition;
import dev.silt.ingest.consumer.StreamSource;
import dev.silt.ingest.consumer.TrimGap;
import dev.silt.ingest.stream.FsyncPolicy;
import dev.silt.ingest.stream.ShardLogOptions;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.StreamServiceOptions;
import dev.silt.ingest.stream.model.CreateStreamRequest;
import dev.silt.ingest.stream.model.ListShardsRequest;
import dev.silt.ingest.stream.model.MergeShardsRequest;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.PutRecordsRequestEntry;
import dev.silt.ingest.stream.model.PutRecordsResponse;
import dev.silt.ingest.stream.model.Shard;
import dev.silt.ingest.stream.model.SplitShardRequest;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery stream fed by a real in-process stream service: resharding while delivering, restarts without a
 * flush, expired iterators and records lost to retention. Time is the injected clock of both.
 */
class StreamDeliverySourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path streamDir;

    @TempDir
    Path destDir;

    private final MutableClock clock = new MutableClock(1_795_410_600_000L);
    private StreamService service;
    /** Every landed object, in the order the delivery committed them. */
    private final List<LandedObject> landed = new ArrayList<>();
    /** Next record number of each key; "k3" record n carries {"k":"k3","n":n}. */
    private final Map<String, Integer> sent = new HashMap<>();

    private int padding;

    @BeforeEach
    void openService() throws IOException {
        openService(ShardLogOptions.defaults().withFsyncPolicy(FsyncPolicy.NONE));
    }

    private void openService(ShardLogOptions log) throws IOException {
        if (service != null) {
            service.close();
        }
        service = StreamService.open(
                streamDir, StreamServiceOptions.defaults().withoutDelays().withShardLogOptions(log), clock, null);
    }

    @AfterEach
    void closeService() throws IOException {
        service.close();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void splitAndMergeWhileDeliveringLandEveryRecordOnceInOrderPerKey() throws IOException {
        create("events", 2);
        CountingSource counting = new CountingSource(new ServiceStreamSource(service));
        StreamDeliverySource source = source(counting);
        DeliveryStream delivery = open(source, "60");

        putMany("events", 400, 16);
        drive(delivery, 3);
        split("events");
        putMany("events", 400, 16);
        drive(delivery, 3);
        merge("events");
        putMany("events", 400, 16);
        split("events");
        putMany("events", 300, 16);
        // Buffers land by the 60-second interval: children wait for their parents' last file.
        for (int i = 0; i < 12; i++) {
            drive(delivery, 3);
            clock.advance(61_000);
        }
        drive(delivery, 3);
        delivery.close();

        assertExactlyOnceInOrder(1500);
        assertTrue(source.shardsDone() >= 4, "parents read to their end and landed: " + source.shardsDone());
        assertEquals(0, source.trimGaps());
    }

    @Test
    void childShardsWaitUntilTheirParentIsReadToItsEndAndLanded() throws IOException {
        create("events", 1);
        putMany("events", 40, 4);
        split("events");
        putMany("events", 40, 4);
        StreamDeliverySource source = source(new ServiceStreamSource(service));
        List<SourceRecord> parent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (SourceRecord r : source.poll(1000)) {
                assertEquals("shardId-000000000000", r.partition(), "only the parent is read before it is landed");
                parent.add(r);
            }
            clock.advance(1_000);
        }
        assertEquals(40, parent.size());
        long last = parent.get(parent.size() - 1).sequence();
        source.landed("shardId-000000000000", last - 1);
        assertEquals(List.of(), source.poll(1000), "one record of the parent is not landed yet");
        source.landed("shardId-000000000000", last);
        int children = 0;
        for (int i = 0; i < 5; i++) {
            for (SourceRecord r : source.poll(1000)) {
                assertTrue(r.partition().compareTo("shardId-000000000000") > 0, r.partition());
                children++;
            }
            clock.advance(1_000);
        }
        assertEquals(40, children, "both children are read once the parent is landed");
        assertEquals(1, source.shardsDone());
    }

    @Test
    void restartWithoutFlushNeitherLosesNorDuplicatesAndSkipsLandedClosedShards() throws IOException {
        create("events", 2);
        putMany("events", 300, 12);
        split("events");
        putMany("events", 300, 12);

        StreamDeliverySource first = source(new ServiceStreamSource(service));
        DeliveryStream delivery = open(first, "0");
        // Interval 0: every poll lands what it took, so the parents finish and their children start.
        for (int i = 0; i < 10; i++) {
            delivery.runOnce();
        }
        assertTrue(first.shardsDone() >= 1, "a closed shard was read to its end and landed");
        // Now buffers wait (interval 900 s): take more in, then stop without landing it.
        DeliveryStream buffering = reopen(delivery, "900", first);
        putMany("events", 200, 12);
        for (int i = 0; i < 5; i++) {
            buffering.runOnce();
        }
        crash(buffering);
        int landedBeforeCrash = landed.size();
        Map<String, Long> landedThrough = new HashMap<>();
        for (LandedObject o : landed) {
            landedThrough.merge(o.sourcePartition(), o.lastSequence(), Math::max);
        }

        merge("events");
        putMany("events", 200, 12);
        CountingSource counting = new CountingSource(new ServiceStreamSource(service));
        StreamDeliverySource second = source(counting);
        DeliveryStream restarted = open(second, "0");
        drive(restarted, 20);
        restarted.close();

        assertTrue(landed.size() > landedBeforeCrash, "the restarted delivery landed the rest");
        assertExactlyOnceInOrder(1000);
        List<String> closedAndLanded = new ArrayList<>();
        for (ShardDescription d : new ServiceStreamSource(service).listShards("events")) {
            if (!d.isOpen() && landedThrough.getOrDefault(d.shardId(), -1L) >= SeqOf.offset(d.endingSequenceNumber())) {
                closedAndLanded.add(d.shardId());
            }
        }
        assertTrue(!closedAndLanded.isEmpty(), "some closed shard was fully landed before the crash");
        for (String shard : closedAndLanded) {
            assertEquals(
                    0, counting.iterators(shard), "closed shard " + shard + " landed before the crash is not read");
        }
    }

    @Test
    void expiredIteratorsAreAcquiredAgainAfterThePolledPosition() throws IOException {
        create("events", 1);
        putMany("events", 100, 4);
        StreamDeliverySource source = StreamDeliverySource.builder(new ServiceStreamSource(service), "events")
                .clock(clock)
                .options(ConsumerOptions.defaults().withRecordsPerCall(30))
                .random(new Random(7))
                .build();
        DeliveryStream delivery = open(source, "0");
        delivery.runOnce();
        // Iterators live five minutes.
        clock.advance(6 * 60_000);
        delivery.runOnce();
        clock.advance(6 * 60_000);
        drive(delivery, 5);
        delivery.close();
        assertEquals(2, source.expiredIterators());
        assertExactlyOnceInOrder(100);
    }

    @Test
    void recordsThatExpiredBeforeDeliveryAreReportedAsAGap() throws IOException {
        // One record per segment, so that retention trims exactly the records older than 24 hours.
        openService(ShardLogOptions.defaults().withFsyncPolicy(FsyncPolicy.NONE).withSegmentBytes(1024));
        padding = 700;
        create("events", 1);
        putMany("events", 5, 1);
        List<TrimGap> gaps = new ArrayList<>();
        StreamDeliverySource source = StreamDeliverySource.builder(new ServiceStreamSource(service), "events")
                .clock(clock)
                .gapListener(gaps::add)
                .build();
        DeliveryStream delivery = open(source, "0");
        drive(delivery, 3);
        delivery.close();

        putMany("events", 7, 1); // n = 5..11, never delivered before they expire
        clock.advance(24 * HOUR + 1);
        putMany("events", 3, 1); // n = 12..14
        service.runMaintenance();

        StreamDeliverySource again = StreamDeliverySource.builder(new ServiceStreamSource(service), "events")
                .clock(clock)
                .gapListener(gaps::add)
                .build();
        DeliveryStream restarted = open(again, "0");
        drive(restarted, 3);
        restarted.close();

        assertEquals(1, gaps.size(), () -> "gaps: " + gaps);
        assertEquals(7, gaps.get(0).missingRecords());
        assertEquals(7, again.recordsLostToTrim());
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode r : landedRecords()) {
            numbers.add(r.get("n").asInt());
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 12, 13, 14), numbers, "what was retained landed once, in order");
    }

    // ------------------------------------------------------------------ the delivery

    private StreamDeliverySource source(StreamSource streamSource) {
        return StreamDeliverySource.builder(streamSource, "events")
                .clock(clock)
                .options(ConsumerOptions.defaults().withRecordsPerCall(50))
                .random(new Random(1))
                .build();
    }

    private DeliveryStream open(DeliverySource source, String intervalSeconds) throws IOException {
        Map<String, String> conf = new HashMap<>();
        conf.put("silt.ingest.delivery.buffer.interval.seconds", intervalSeconds);
        conf.put("silt.ingest.delivery.idle.flush.seconds", "900");
        conf.put("silt.ingest.delivery.poll.records", "120");
        conf.put("silt.ingest.delivery.compression", "NONE");
        return DeliveryStream.builder(
                        DeliveryConfig.of("events", conf), destDir.toUri().toString())
                .source(source)
                .clock(clock)
                .sink(landed::add)
                .open();
    }

    /** Closes {@code delivery} (landing what it holds) and opens it again with another buffer interval. */
    private DeliveryStream reopen(DeliveryStream delivery, String intervalSeconds, DeliverySource source)
            throws IOException {
        delivery.close();
        return open(source, intervalSeconds);
    }

    /** Stops without landing what is buffered, as a killed process would. */
    private static void crash(DeliveryStream delivery) throws IOException {
        delivery.fileSystem().close();
    }

    private void drive(DeliveryStream delivery, int idlePolls) throws IOException {
        int idle = 0;
        while (idle < idlePolls) {
            if (delivery.runOnce() == 0) {
                idle++;
                // Lets shards that had nothing new be read again.
                clock.advance(1_000);
            } else {
                idle = 0;
            }
        }
    }

    // ------------------------------------------------------------------ what landed

    /** Records of every landed file, files in commit order. */
    private List<JsonNode> landedRecords() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (FileSystem fs = FileSystem.newInstance(destDir.toUri(), new Configuration())) {
            Set<String> seen = new HashSet<>();
            for (LandedObject o : landed) {
                if (!seen.add(o.uri())) {
                    continue; // reported again by a restart's reconciliation: the same file
                }
                for (String line : LandedFiles.lines(fs, new org.apache.hadoop.fs.Path(o.uri()))) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    private void assertExactlyOnceInOrder(int total) throws IOException {
        Map<String, Integer> next = new HashMap<>();
        int count = 0;
        for (JsonNode r : landedRecords()) {
            String key = r.get("k").asText();
            int n = r.get("n").asInt();
            int expected = next.getOrDefault(key, 0);
            assertEquals(expected, n, () -> "key " + key + ": record " + n + " landed where " + expected + " was due");
            next.put(key, n + 1);
            count++;
        }
        assertEquals(total, count, "records landed");
        assertEquals(sent, next, "every record of every key landed");
    }

    // ------------------------------------------------------------------ the stream

    private void create(String stream, int shards) {
        service.createStream(new CreateStreamRequest(stream, shards, null, null));
        service.runMaintenance();
    }

    private void putMany(String stream, int total, int keys) {
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            String key = "k" + (i % keys);
            int n = sent.merge(key, 1, Integer::sum) - 1;
            String body = "{\"k\":\"" + key + "\",\"n\":" + n + ",\"pad\":\"" + "x".repeat(padding) + "\"}";
            batch.add(new PutRecordsRequestEntry(body.getBytes(StandardCharsets.UTF_8), null, key));
            if (batch.size() == 100) {
                put(stream, batch);
            }
        }
        put(stream, batch);
    }

    private void put(String stream, List<PutRecordsRequestEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (padding > 0) {
            // One record per call, so that each lands in its own segment.
            for (PutRecordsRequestEntry e : batch) {
                PutRecordsResponse res = service.putRecords(new PutRecordsRequest(stream, null, List.of(e)));
                assertEquals(0, res.failedRecordCount());
            }
        } else {
            PutRecordsResponse res = service.putRecords(new PutRecordsRequest(stream, null, batch));
            assertEquals(0, res.failedRecordCount(), () -> "puts failed: " + res.records());
        }
        batch.clear();
    }

    private List<Shard> openShards(String stream) {
        List<Shard> open = new ArrayList<>();
        for (Shard s : service.listShards(new ListShardsRequest(stream, null, null, null, null, null, null))
                .shards()) {
            if (s.sequenceNumberRange().endingSequenceNumber() == null) {
                open.add(s);
            }
        }
        open.sort(Comparator.comparing(s -> s.hashKeyRange().startingHashKey()));
        return open;
    }

    private void split(String stream) {
        Shard s = openShards(stream).get(0);
        BigInteger start = s.hashKeyRange().startingHashKey();
        BigInteger middle = start.add(
                        s.hashKeyRange().endingHashKey().subtract(start).shiftRight(1))
                .add(BigInteger.ONE);
        service.splitShard(new SplitShardRequest(stream, null, s.shardId(), middle.toString()));
        service.runMaintenance();
    }

    private void merge(String stream) {
        List<Shard> open = openShards(stream);
        service.mergeShards(new MergeShardsRequest(
                stream, null, open.get(0).shardId(), open.get(1).shardId()));
        service.runMaintenance();
    }

    /** Sequence-number arithmetic of the test. */
    private static final class SeqOf {
        static long offset(String sequenceNumber) {
            return dev.silt.ingest.stream.SequenceNumbers.parse(sequenceNumber);
        }
    }

    /** The real stream source, counting the iterators asked for per shard. */
    private static final class CountingSource implements StreamSource {
        private final StreamSource delegate;
        private final Map<String, AtomicInteger> iterators = new ConcurrentHashMap<>();

        CountingSource(StreamSource delegate) {
            this.delegate = delegate;
        }

        int iterators(String shard) {
            AtomicInteger n = iterators.get(shard);
            return n == null ? 0 : n.get();
        }

        @Override
        public List<ShardDescription> listShards(String stream) throws IOException {
            return delegate.listShards(stream);
        }

        @Override
        public String getShardIterator(String stream, String shardId, StartPosition position) throws IOException {
            iterators.computeIfAbsent(shardId, s -> new AtomicInteger()).incrementAndGet();
            return delegate.getShardIterator(stream, shardId, position);
        }

        @Override
        public RecordBatch getRecords(String shardIterator, int limit) throws IOException {
            return delegate.getRecords(shardIterator, limit);
        }
    }
}

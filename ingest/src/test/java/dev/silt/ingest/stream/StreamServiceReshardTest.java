package dev.silt.ingest.stream;

import static dev.silt.ingest.stream.StreamFixture.T0;
import static dev.silt.ingest.stream.StreamFixture.fails;
import static dev.silt.ingest.stream.StreamFixture.iterator;
import static dev.silt.ingest.stream.StreamFixture.newStream;
import static dev.silt.ingest.stream.StreamFixture.put;
import static dev.silt.ingest.stream.StreamFixture.readByLineage;
import static dev.silt.ingest.stream.StreamFixture.readShard;
import static dev.silt.ingest.stream.StreamFixture.records;
import static dev.silt.ingest.stream.StreamFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.stream.model.ChildShard;
import dev.silt.ingest.stream.model.DescribeStreamRequest;
import dev.silt.ingest.stream.model.DescribeStreamSummaryRequest;
import dev.silt.ingest.stream.model.GetRecordsResponse;
import dev.silt.ingest.stream.model.ListShardsRequest;
import dev.silt.ingest.stream.model.ListShardsResponse;
import dev.silt.ingest.stream.model.MergeShardsRequest;
import dev.silt.ingest.stream.model.PutRecordRequest;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.PutRecordsRequestEntry;
import dev.silt.ingest.stream.model.PutRecordsResponse;
import dev.silt.ingest.stream.model.Record;
import dev.silt.ingest.stream.model.ScalingType;
import dev.silt.ingest.stream.model.Shard;
import dev.silt.ingest.stream.model.ShardIteratorType;
import dev.silt.ingest.stream.model.SplitShardRequest;
import dev.silt.ingest.stream.model.StreamStatus;
import dev.silt.ingest.stream.model.UpdateShardCountRequest;
import dev.silt.ingest.stream.model.UpdateShardCountResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamServiceReshardTest {
    private static final String S0 = "shardId-000000000000";
    private static final String S1 = "shardId-000000000001";
    private static final String S2 = "shardId-000000000002";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private static Map<String, Shard> describe(StreamService svc, String name) {
        Map<String, Shard> out = new HashMap<>();
        for (Shard s : svc.describeStream(new DescribeStreamRequest(name, null, null, null))
                .streamDescription()
                .shards()) {
            out.put(s.shardId(), s);
        }
        return out;
    }

    private static BigInteger half() {
        return HashKeyRange.SPACE.shiftRight(1);
    }

    @Test
    void splitClosesTheParentAndRoutesLaterPutsToTheChildren() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 1);
            List<String> before = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                before.add(put(svc, "s", "k" + i, "before" + i).sequenceNumber());
            }
            clock.advance(1_000);
            svc.splitShard(new SplitShardRequest("s", null, S0, half().toString()));
            Map<String, Shard> shards = describe(svc, "s");
            assertEquals(3, shards.size());
            Shard parent = shards.get(S0);
            assertEquals(before.get(19), parent.sequenceNumberRange().endingSequenceNumber());
            Shard low = shards.get(S1);
            Shard high = shards.get(S2);
            assertEquals(S0, low.parentShardId());
            assertNull(low.adjacentParentShardId());
            assertEquals(half().subtract(BigInteger.ONE), low.hashKeyRange().endingHashKey());
            assertEquals(half(), high.hashKeyRange().startingHashKey());
            assertTrue(
                    SequenceNumbers.compare(low.sequenceNumberRange().startingSequenceNumber(), before.get(19)) > 0,
                    "children number above every record of their parent");

            for (int i = 0; i < 20; i++) {
                PutRecordRequest r =
                        new PutRecordRequest("s", null, StreamFixture.bytes("after" + i), "k" + i, null, before.get(i));
                String shard = svc.putRecord(r).shardId();
                BigInteger hash = HashKeyRange.hashKeyOf("k" + i);
                assertEquals(hash.compareTo(half()) < 0 ? S1 : S2, shard);
            }
            List<Record> parentRecords = readShard(svc, "s", S0);
            assertEquals(20, parentRecords.size());

            String it = iterator(svc, "s", S0, ShardIteratorType.TRIM_HORIZON, null);
            GetRecordsResponse end = records(svc, it, null);
            assertEquals(20, end.records().size());
            assertNull(end.nextShardIterator(), "a closed shard read to its end has no next iterator");
            List<String> children =
                    end.childShards().stream().map(ChildShard::shardId).toList();
            assertEquals(List.of(S1, S2), children);
            assertEquals(List.of(S0), end.childShards().get(0).parentShards());

            StreamException e = fails(
                    StreamErrorType.RESOURCE_IN_USE,
                    () -> svc.splitShard(new SplitShardRequest("s", null, S0, half().toString())));
            assertTrue(e.getMessage().contains("already been merged or split"), e.getMessage());
            fails(StreamErrorType.INVALID_ARGUMENT, () -> svc.splitShard(new SplitShardRequest("s", null, S1, "1")));
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.splitShard(new SplitShardRequest(
                            "s", null, S1, low.hashKeyRange().endingHashKey().toString())));
            fails(StreamErrorType.VALIDATION, () -> svc.splitShard(new SplitShardRequest("s", null, S1, "-5")));
            fails(StreamErrorType.VALIDATION, () -> svc.splitShard(new SplitShardRequest("s", null, S1, null)));
            fails(
                    StreamErrorType.RESOURCE_NOT_FOUND,
                    () -> svc.splitShard(new SplitShardRequest("s", null, "shardId-000000000099", "5")));
        }
    }

    @Test
    void mergeTakesOnlyAdjacentOpenShards() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 3);
            put(svc, "s", "a", "1");
            StreamException e = fails(
                    StreamErrorType.INVALID_ARGUMENT, () -> svc.mergeShards(new MergeShardsRequest("s", null, S0, S2)));
            assertTrue(e.getMessage().contains("not an adjacent pair"), e.getMessage());
            fails(StreamErrorType.INVALID_ARGUMENT, () -> svc.mergeShards(new MergeShardsRequest("s", null, S0, S0)));
            clock.advance(1_000);
            svc.mergeShards(new MergeShardsRequest("s", null, S1, S0));
            Map<String, Shard> shards = describe(svc, "s");
            Shard merged = shards.get("shardId-000000000003");
            assertEquals(S1, merged.parentShardId());
            assertEquals(S0, merged.adjacentParentShardId());
            assertEquals(BigInteger.ZERO, merged.hashKeyRange().startingHashKey());
            assertEquals(
                    shards.get(S1).hashKeyRange().endingHashKey(),
                    merged.hashKeyRange().endingHashKey());
            assertNotNull(shards.get(S0).sequenceNumberRange().endingSequenceNumber());
            assertEquals(
                    2,
                    svc.describeStreamSummary(new DescribeStreamSummaryRequest("s", null))
                            .streamDescriptionSummary()
                            .openShardCount());
            fails(StreamErrorType.RESOURCE_IN_USE, () -> svc.mergeShards(new MergeShardsRequest("s", null, S0, S1)));
            GetRecordsResponse end = records(svc, iterator(svc, "s", S1, ShardIteratorType.TRIM_HORIZON, null), null);
            assertNull(end.nextShardIterator());
            assertEquals(List.of(S1, S0), end.childShards().get(0).parentShards());
        }
    }

    @Test
    void reshardingMakesTheStreamUpdatingAndOnlyOneRunsAtATime() throws IOException {
        StreamServiceOptions options =
                StreamFixture.fastOptions().withDelays(Duration.ZERO, Duration.ofSeconds(5), Duration.ZERO);
        try (StreamService svc = StreamService.open(dir, options, clock, null)) {
            newStream(svc, "s", 2);
            svc.mergeShards(new MergeShardsRequest("s", null, S0, S1));
            assertEquals(
                    StreamStatus.UPDATING,
                    svc.describeStream(new DescribeStreamRequest("s", null, null, null))
                            .streamDescription()
                            .streamStatus());
            put(svc, "s", "k", "puts continue while UPDATING");
            StreamException e = fails(
                    StreamErrorType.RESOURCE_IN_USE,
                    () -> svc.splitShard(new SplitShardRequest("s", null, S2, half().toString())));
            assertEquals("Stream s under account 000000000000 not ACTIVE, instead in state UPDATING", e.getMessage());
            fails(
                    StreamErrorType.RESOURCE_IN_USE,
                    () -> svc.updateShardCount(new UpdateShardCountRequest("s", null, 2, ScalingType.UNIFORM_SCALING)));
            clock.advance(5_000);
            svc.splitShard(new SplitShardRequest("s", null, S2, half().toString()));
        }
    }

    @Test
    void uniformScalingUpAndDownGivesEvenRangesAndAtMostTwoParents() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 3);
            for (int target : new int[] {5, 8, 4, 3, 6, 3}) {
                clock.advance(1_000);
                UpdateShardCountResponse r = svc.updateShardCount(
                        new UpdateShardCountRequest("s", null, target, ScalingType.UNIFORM_SCALING));
                assertEquals(target, r.targetShardCount());
                List<Shard> open = StreamFixture.listAllShards(svc, "s").stream()
                        .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                        .sorted((a, b) -> a.hashKeyRange()
                                .startingHashKey()
                                .compareTo(b.hashKeyRange().startingHashKey()))
                        .toList();
                assertEquals(target, open.size());
                List<HashKeyRange> expected = HashKeyRange.split(target);
                for (int i = 0; i < target; i++) {
                    assertEquals(expected.get(i), open.get(i).hashKeyRange(), "target " + target + " shard " + i);
                }
            }
            for (Shard s : StreamFixture.listAllShards(svc, "s")) {
                assertTrue(s.adjacentParentShardId() == null || s.parentShardId() != null);
            }
            fails(
                    StreamErrorType.LIMIT_EXCEEDED,
                    () -> svc.updateShardCount(new UpdateShardCountRequest("s", null, 7, ScalingType.UNIFORM_SCALING)));
            fails(
                    StreamErrorType.LIMIT_EXCEEDED,
                    () -> svc.updateShardCount(new UpdateShardCountRequest("s", null, 1, ScalingType.UNIFORM_SCALING)));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.updateShardCount(new UpdateShardCountRequest("s", null, 4, null)));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.updateShardCount(new UpdateShardCountRequest("s", null, 0, ScalingType.UNIFORM_SCALING)));
        }
    }

    @Test
    void scalingRespectsTheAccountShardLimit() throws IOException {
        try (StreamService svc =
                StreamService.open(dir, StreamFixture.fastOptions().withShardLimit(4), clock, null)) {
            newStream(svc, "s", 3);
            fails(
                    StreamErrorType.LIMIT_EXCEEDED,
                    () -> svc.updateShardCount(new UpdateShardCountRequest("s", null, 5, ScalingType.UNIFORM_SCALING)));
            svc.splitShard(new SplitShardRequest("s", null, S0, "1000"));
            fails(StreamErrorType.LIMIT_EXCEEDED, () -> svc.splitShard(new SplitShardRequest("s", null, S1, "1000")));
            assertEquals(
                    4,
                    svc.describeStreamSummary(new DescribeStreamSummaryRequest("s", null))
                            .streamDescriptionSummary()
                            .openShardCount());
        }
    }

    @Test
    void aLineageReaderSeesEveryRecordOnceInKeyOrderWhileReshardsRunUnderConcurrentPuts() throws Exception {
        int producers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 2);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger acknowledged = new AtomicInteger();
            Semaphore acknowledgements = new Semaphore(0);
            Map<String, String> lastSequenceByKey = new ConcurrentHashMap<>();
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                boolean batches = producer % 2 == 1;
                futures.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i += batches ? 5 : 1) {
                        List<String> keys = new ArrayList<>();
                        List<String> seqs = new ArrayList<>();
                        if (batches) {
                            List<PutRecordsRequestEntry> entries = new ArrayList<>();
                            for (int k = i; k < i + 5; k++) {
                                keys.add("p" + producer + "-k" + (k % 7));
                                entries.add(new PutRecordsRequestEntry(
                                        StreamFixture.bytes(producer + ":" + k), null, keys.get(keys.size() - 1)));
                            }
                            PutRecordsResponse r = svc.putRecords(new PutRecordsRequest("s", null, entries));
                            if (r.failedRecordCount() != 0) {
                                throw new AssertionError("PutRecords failed: " + r);
                            }
                            r.records().forEach(e -> seqs.add(e.sequenceNumber()));
                        } else {
                            keys.add("p" + producer + "-k" + (i % 7));
                            seqs.add(put(svc, "s", keys.get(0), producer + ":" + i)
                                    .sequenceNumber());
                        }
                        acknowledged.addAndGet(keys.size());
                        acknowledgements.release(keys.size());
                        for (int k = 0; k < keys.size(); k++) {
                            String previous = lastSequenceByKey.put(keys.get(k), seqs.get(k));
                            if (previous != null && SequenceNumbers.compare(previous, seqs.get(k)) >= 0) {
                                throw new AssertionError("sequence numbers of " + keys.get(k) + " went backwards");
                            }
                        }
                    }
                    return null;
                }));
            }
            awaitMore(acknowledgements, 100, futures);
            svc.splitShard(
                    new SplitShardRequest("s", null, S0, half().shiftRight(1).toString()));
            awaitMore(acknowledgements, 100, futures);
            svc.updateShardCount(new UpdateShardCountRequest("s", null, 5, ScalingType.UNIFORM_SCALING));
            awaitMore(acknowledgements, 100, futures);
            List<Shard> open = openByHashKey(svc);
            svc.mergeShards(new MergeShardsRequest(
                    "s", null, open.get(0).shardId(), open.get(1).shardId()));
            awaitMore(acknowledgements, 100, futures);
            svc.updateShardCount(new UpdateShardCountRequest("s", null, 3, ScalingType.UNIFORM_SCALING));
            awaitMore(acknowledgements, 100, futures);
            stop.set(true);
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            Map<String, List<Record>> byShard = readByLineage(svc, "s");
            for (Shard shard : StreamFixture.listAllShards(svc, "s")) {
                String ending = shard.sequenceNumberRange().endingSequenceNumber();
                for (Record r : byShard.get(shard.shardId())) {
                    assertTrue(
                            ending == null || SequenceNumbers.compare(r.sequenceNumber(), ending) <= 0,
                            "no record lands in " + shard.shardId() + " after it closed");
                    assertTrue(SequenceNumbers.compare(
                                    r.sequenceNumber(),
                                    shard.sequenceNumberRange().startingSequenceNumber())
                            >= 0);
                }
            }
            Set<String> seen = new HashSet<>();
            Map<String, Integer> lastIndexByKey = new HashMap<>();
            int total = 0;
            for (List<Record> records : byShard.values()) {
                for (Record r : records) {
                    assertTrue(seen.add(text(r)), "record " + text(r) + " seen twice");
                    int index = Integer.parseInt(text(r).substring(text(r).indexOf(':') + 1));
                    Integer last = lastIndexByKey.put(r.partitionKey(), index);
                    assertTrue(last == null || last < index, "key " + r.partitionKey() + " out of order");
                    total++;
                }
            }
            assertEquals(acknowledged.get(), total, "every acknowledged record is read exactly once");
            assertTrue(total >= 500, "puts ran throughout: " + total);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until producers have acknowledged {@code n} more records; fails if one of them failed meanwhile. */
    private static void awaitMore(Semaphore acknowledgements, int n, List<Future<?>> producers) throws Exception {
        while (!acknowledgements.tryAcquire(n, 100, TimeUnit.MILLISECONDS)) {
            for (Future<?> f : producers) {
                if (f.isDone()) {
                    f.get();
                }
            }
        }
    }

    private static List<Shard> openByHashKey(StreamService svc) {
        return StreamFixture.listAllShards(svc, "s").stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .sorted((a, b) -> a.hashKeyRange()
                        .startingHashKey()
                        .compareTo(b.hashKeyRange().startingHashKey()))
                .toList();
    }

    @Test
    void listShardsFiltersAndPages() throws IOException {
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 2);
            clock.advance(60_000);
            long splitAt = clock.millis();
            svc.splitShard(
                    new SplitShardRequest("s", null, S0, half().shiftRight(1).toString()));
            clock.advance(60_000);

            assertEquals(List.of(S0, S1, S2, "shardId-000000000003"), ids(list(svc, null)));
            assertEquals(
                    List.of(S1, S2, "shardId-000000000003"), ids(list(svc, filter(ShardFilterTypeAlias.AT_LATEST))));
            assertEquals(List.of(S0, S1), ids(list(svc, filter(ShardFilterTypeAlias.AT_TRIM_HORIZON))));
            assertEquals(
                    4,
                    list(svc, filter(ShardFilterTypeAlias.FROM_TRIM_HORIZON))
                            .shards()
                            .size());
            assertEquals(
                    List.of(S2, "shardId-000000000003"),
                    ids(list(
                            svc,
                            new dev.silt.ingest.stream.model.ShardFilter(
                                    dev.silt.ingest.stream.model.ShardFilterType.AFTER_SHARD_ID, S1, null))));
            assertEquals(
                    List.of(S0, S1),
                    ids(list(
                            svc,
                            new dev.silt.ingest.stream.model.ShardFilter(
                                    dev.silt.ingest.stream.model.ShardFilterType.AT_TIMESTAMP,
                                    null,
                                    java.time.Instant.ofEpochMilli(splitAt - 1)))));
            assertEquals(
                    List.of(S1, S2, "shardId-000000000003"),
                    ids(list(
                            svc,
                            new dev.silt.ingest.stream.model.ShardFilter(
                                    dev.silt.ingest.stream.model.ShardFilterType.AT_TIMESTAMP,
                                    null,
                                    java.time.Instant.ofEpochMilli(splitAt)))));
            assertEquals(
                    List.of(S1, S2, "shardId-000000000003"),
                    ids(list(
                            svc,
                            new dev.silt.ingest.stream.model.ShardFilter(
                                    dev.silt.ingest.stream.model.ShardFilterType.FROM_TIMESTAMP,
                                    null,
                                    java.time.Instant.ofEpochMilli(splitAt + 1)))));

            ListShardsResponse page = svc.listShards(new ListShardsRequest("s", null, null, null, 3, null, null));
            assertEquals(List.of(S0, S1, S2), ids(page));
            assertNotNull(page.nextToken());
            String token = page.nextToken();
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.listShards(new ListShardsRequest("s", null, token, null, null, null, null)));
            ListShardsResponse rest = svc.listShards(new ListShardsRequest(null, null, token, null, 3, null, null));
            assertEquals(List.of("shardId-000000000003"), ids(rest));
            assertNull(rest.nextToken());
            assertEquals(
                    List.of(S2, "shardId-000000000003"),
                    ids(svc.listShards(new ListShardsRequest("s", null, null, S1, null, null, null))));
            clock.advance(300_001);
            fails(
                    StreamErrorType.EXPIRED_NEXT_TOKEN,
                    () -> svc.listShards(new ListShardsRequest(null, null, token, null, null, null, null)));
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.listShards(new ListShardsRequest(null, null, "garbage", null, null, null, null)));
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> svc.listShards(new ListShardsRequest(null, null, null, null, null, null, null)));
            fails(
                    StreamErrorType.VALIDATION,
                    () -> svc.listShards(new ListShardsRequest("s", null, null, null, 0, null, null)));
            fails(
                    StreamErrorType.INVALID_ARGUMENT,
                    () -> list(
                            svc,
                            new dev.silt.ingest.stream.model.ShardFilter(
                                    dev.silt.ingest.stream.model.ShardFilterType.AT_TIMESTAMP, null, null)));
        }
    }

    /** Short names for the filter types used above. */
    private enum ShardFilterTypeAlias {
        AT_LATEST,
        AT_TRIM_HORIZON,
        FROM_TRIM_HORIZON
    }

    private static dev.silt.ingest.stream.model.ShardFilter filter(ShardFilterTypeAlias type) {
        return new dev.silt.ingest.stream.model.ShardFilter(
                dev.silt.ingest.stream.model.ShardFilterType.valueOf(type.name()), null, null);
    }

    private static ListShardsResponse list(StreamService svc, dev.silt.ingest.stream.model.ShardFilter filter) {
        return svc.listShards(new ListShardsRequest("s", null, null, null, null, null, filter));
    }

    private static List<String> ids(ListShardsResponse r) {
        return r.shards().stream().map(Shard::shardId).toList();
    }

    @Test
    void reshardedStreamsReopenWithLineageAndData() throws IOException {
        List<String> expected = new ArrayList<>();
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            newStream(svc, "s", 2);
            for (int i = 0; i < 30; i++) {
                put(svc, "s", "k" + i, "a" + i);
                expected.add("a" + i);
            }
            svc.updateShardCount(new UpdateShardCountRequest("s", null, 3, ScalingType.UNIFORM_SCALING));
            for (int i = 0; i < 30; i++) {
                put(svc, "s", "k" + i, "b" + i);
                expected.add("b" + i);
            }
        }
        try (StreamService svc = StreamFixture.open(dir, clock)) {
            Map<String, Shard> shards = describe(svc, "s");
            assertEquals(
                    3,
                    shards.values().stream()
                            .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                            .count());
            List<String> read = new ArrayList<>();
            for (List<Record> rs : readByLineage(svc, "s").values()) {
                rs.forEach(r -> read.add(text(r)));
            }
            assertEquals(new HashSet<>(expected), new HashSet<>(read));
            assertEquals(expected.size(), read.size());
            for (int i = 0; i < 30; i++) {
                String seq = put(svc, "s", "k" + i, "c" + i).sequenceNumber();
                assertNotNull(seq);
            }
        }
    }
}

package dev.silt.ingest.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.stream.ShardLogOptions;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.StreamServiceOptions;
import dev.silt.ingest.stream.model.CreateStreamRequest;
import dev.silt.ingest.stream.model.ListShardsRequest;
import dev.silt.ingest.stream.model.MergeShardsRequest;
import dev.silt.ingest.stream.model.PutRecordsRequest;
import dev.silt.ingest.stream.model.PutRecordsRequestEntry;
import dev.silt.ingest.stream.model.PutRecordsResponse;
import dev.silt.ingest.stream.model.ScalingType;
import dev.silt.ingest.stream.model.Shard;
import dev.silt.ingest.stream.model.SplitShardRequest;
import dev.silt.ingest.stream.model.UpdateShardCountRequest;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real stream service on a temporary directory and an injected clock, with helpers to feed and reshard it. */
final class ServiceFixture implements Closeable {
    final MutableClock clock = new MutableClock(1_700_000_000_000L);
    final StreamService service;
    final ServiceStreamSource source;
    /** How many records each key has been given; "key:n" is the n-th record of key. */
    final Map<String, Integer> sent = new HashMap<>();

    ServiceFixture(Path dir, boolean throughputLimits, ShardLogOptions logOptions) throws IOException {
        StreamServiceOptions options = StreamServiceOptions.defaults()
                .withoutDelays()
                .withThroughputLimits(throughputLimits)
                .withShardLogOptions(logOptions);
        this.service = StreamService.open(dir, options, clock, null);
        this.source = new ServiceStreamSource(service);
    }

    ServiceFixture(Path dir) throws IOException {
        this(dir, false, ShardLogOptions.defaults());
    }

    void create(String stream, int shards) {
        service.createStream(new CreateStreamRequest(stream, shards, null, null));
        service.runMaintenance();
    }

    /** Puts one record per key in {@code keys}, in order; records of one key must come from one thread. */
    void put(String stream, List<String> keys) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (String k : keys) {
            int n;
            synchronized (sent) {
                n = sent.merge(k, 1, Integer::sum) - 1;
            }
            entries.add(new PutRecordsRequestEntry((k + ":" + n).getBytes(StandardCharsets.UTF_8), null, k));
        }
        PutRecordsResponse res = service.putRecords(new PutRecordsRequest(stream, null, entries));
        assertEquals(0, res.failedRecordCount(), () -> "puts failed: " + res.records());
    }

    /** Puts {@code total} records over {@code keyCount} keys, round robin, in batches of up to 500. */
    void putMany(String stream, int total, int keyCount) {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            batch.add("k" + (i % keyCount));
            if (batch.size() == 500) {
                put(stream, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            put(stream, batch);
        }
    }

    Map<String, Integer> sentSnapshot() {
        synchronized (sent) {
            return new HashMap<>(sent);
        }
    }

    List<Shard> openShards(String stream) {
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

    void splitFirstOpenShard(String stream) {
        Shard s = openShards(stream).get(0);
        BigInteger start = s.hashKeyRange().startingHashKey();
        BigInteger middle = start.add(
                        s.hashKeyRange().endingHashKey().subtract(start).shiftRight(1))
                .add(BigInteger.ONE);
        service.splitShard(new SplitShardRequest(stream, null, s.shardId(), middle.toString()));
        service.runMaintenance();
    }

    void mergeFirstTwoOpenShards(String stream) {
        List<Shard> open = openShards(stream);
        service.mergeShards(new MergeShardsRequest(
                stream, null, open.get(0).shardId(), open.get(1).shardId()));
        service.runMaintenance();
    }

    void scale(String stream, int target) {
        service.updateShardCount(new UpdateShardCountRequest(stream, null, target, ScalingType.UNIFORM_SCALING));
        service.runMaintenance();
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}

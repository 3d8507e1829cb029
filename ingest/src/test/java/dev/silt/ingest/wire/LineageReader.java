package dev.silt.ingest.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** A consumer that follows shard lineage through the SDK, for the resharding tests. */
final class LineageReader {
    private LineageReader() {}

    /**
     * What a KCL-style consumer does: start at the shards without parents, read each to its end, and start a child
     * only when all of its parents are done, learning children from GetRecords' ChildShards.
     */
    static Map<String, List<Integer>> read(KinesisClient kinesis, String stream) {
        List<Shard> shards = kinesis.listShards(b -> b.streamName(stream)).shards();
        Set<String> known = new HashSet<>();
        shards.forEach(s -> known.add(s.shardId()));
        Map<String, List<String>> parents = new HashMap<>();
        List<String> ready = new ArrayList<>();
        for (Shard s : shards) {
            List<String> p = new ArrayList<>();
            if (s.parentShardId() != null && known.contains(s.parentShardId())) {
                p.add(s.parentShardId());
            }
            if (s.adjacentParentShardId() != null && known.contains(s.adjacentParentShardId())) {
                p.add(s.adjacentParentShardId());
            }
            if (p.isEmpty()) {
                ready.add(s.shardId());
            }
        }
        Set<String> done = new HashSet<>();
        Map<String, List<Integer>> seen = new LinkedHashMap<>();
        while (!ready.isEmpty()) {
            String shardId = ready.remove(0);
            String it = kinesis.getShardIterator(b ->
                            b.streamName(stream).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (it != null) {
                String current = it;
                GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(current));
                for (Record rec : r.records()) {
                    String[] kv = rec.data().asUtf8String().split(":", 2);
                    seen.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Integer.parseInt(kv[1]));
                }
                for (ChildShard child : r.childShards()) {
                    parents.putIfAbsent(child.shardId(), child.parentShards());
                }
                if (r.nextShardIterator() == null) {
                    assertTrue(r.hasChildShards() && !r.childShards().isEmpty(), "a closed shard names its children");
                    break;
                }
                if (r.records().isEmpty() && r.millisBehindLatest() == 0) {
                    break; // an open shard read to its tip
                }
                it = r.nextShardIterator();
            }
            done.add(shardId);
            for (Map.Entry<String, List<String>> e : parents.entrySet()) {
                if (!done.contains(e.getKey()) && !ready.contains(e.getKey()) && done.containsAll(e.getValue())) {
                    ready.add(e.getKey());
                }
            }
        }
        assertEquals(known.size(), done.size(), "every shard was reached through lineage");
        return seen;
    }
}

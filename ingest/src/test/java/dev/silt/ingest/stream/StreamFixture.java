package dev.silt.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.silt.ingest.MutableClock;
import dev.silt.ingest.stream.model.CreateStreamRequest;
import dev.silt.ingest.stream.model.GetRecordsRequest;
import dev.silt.ingest.stream.model.GetRecordsResponse;
import dev.silt.ingest.stream.model.GetShardIteratorRequest;
import dev.silt.ingest.stream.model.ListShardsRequest;
import dev.silt.ingest.stream.model.ListShardsResponse;
import dev.silt.ingest.stream.model.PutRecordRequest;
import dev.silt.ingest.stream.model.PutRecordResponse;
import dev.silt.ingest.stream.model.Record;
import dev.silt.ingest.stream.model.Shard;
import dev.silt.ingest.stream.model.ShardIteratorType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.function.Executable;

/** Small helpers shared by the service tests: open a service, put, read a shard or a whole lineage. */
final class StreamFixture {
    static final long T0 = 1_700_000_000_000L;

    private StreamFixture() {}

    static StreamServiceOptions fastOptions() {
        return StreamServiceOptions.defaults()
                .withoutDelays()
                .withShardLogOptions(ShardLogOptions.defaults().withFsyncPolicy(FsyncPolicy.NONE));
    }

    static StreamService open(Path dir, MutableClock clock) throws IOException {
        return StreamService.open(dir, fastOptions(), clock, null);
    }

    static void newStream(StreamService svc, String name, int shards) {
        svc.createStream(new CreateStreamRequest(name, shards, null, null));
    }

    static PutRecordResponse put(StreamService svc, String stream, String key, String data) {
        return svc.putRecord(new PutRecordRequest(stream, null, bytes(data), key, null, null));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Record r) {
        return new String(r.data(), StandardCharsets.UTF_8);
    }

    static String iterator(StreamService svc, String stream, String shardId, ShardIteratorType type, String seq) {
        return svc.getShardIterator(new GetShardIteratorRequest(stream, null, shardId, type, seq, null))
                .shardIterator();
    }

    static GetRecordsResponse records(StreamService svc, String iterator, Integer limit) {
        return svc.getRecords(new GetRecordsRequest(iterator, limit, null));
    }

    /** Every record of a shard from TRIM_HORIZON until it is caught up (open) or ended (closed). */
    static List<Record> readShard(StreamService svc, String stream, String shardId) {
        List<Record> out = new ArrayList<>();
        String it = iterator(svc, stream, shardId, ShardIteratorType.TRIM_HORIZON, null);
        while (it != null) {
            GetRecordsResponse r = records(svc, it, null);
            out.addAll(r.records());
            if (r.records().isEmpty() && r.nextShardIterator() != null) {
                break;
            }
            it = r.nextShardIterator();
        }
        return out;
    }

    static List<Shard> listAllShards(StreamService svc, String stream) {
        List<Shard> all = new ArrayList<>();
        ListShardsResponse page = svc.listShards(new ListShardsRequest(stream, null, null, null, null, null, null));
        all.addAll(page.shards());
        while (page.nextToken() != null) {
            page = svc.listShards(new ListShardsRequest(null, null, page.nextToken(), null, null, null, null));
            all.addAll(page.shards());
        }
        return all;
    }

    /**
     * Reads a whole stream as a consumer following lineage must: a shard only after all its (listed) parents have
     * been read to their end. Returns records per shard id in the order the shards were read.
     */
    static Map<String, List<Record>> readByLineage(StreamService svc, String stream) {
        List<Shard> shards = listAllShards(svc, stream);
        Map<String, Shard> byId = new LinkedHashMap<>();
        for (Shard s : shards) {
            byId.put(s.shardId(), s);
        }
        LinkedHashMap<String, List<Record>> out = new LinkedHashMap<>();
        Set<String> done = new HashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Shard s : shards) {
                if (done.contains(s.shardId()) || !parentsDone(s, byId, done)) {
                    continue;
                }
                out.put(s.shardId(), readShard(svc, stream, s.shardId()));
                done.add(s.shardId());
                progress = true;
            }
        }
        assertEquals(shards.size(), done.size(), "every shard is reachable through its lineage");
        return out;
    }

    private static boolean parentsDone(Shard s, Map<String, Shard> byId, Set<String> done) {
        for (String p : new String[] {s.parentShardId(), s.adjacentParentShardId()}) {
            if (p != null && byId.containsKey(p) && !done.contains(p)) {
                return false;
            }
        }
        return true;
    }

    static StreamException fails(StreamErrorType type, Executable call) {
        StreamException e = assertThrows(StreamException.class, call);
        assertEquals(type, e.type(), e.getMessage());
        return e;
    }
}

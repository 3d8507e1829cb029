package dev.silt.ingest.consumer;

import dev.silt.ingest.stream.StreamErrorType;
import dev.silt.ingest.stream.StreamException;
import dev.silt.ingest.stream.StreamService;
import dev.silt.ingest.stream.model.GetRecordsRequest;
import dev.silt.ingest.stream.model.GetRecordsResponse;
import dev.silt.ingest.stream.model.GetShardIteratorRequest;
import dev.silt.ingest.stream.model.ListShardsRequest;
import dev.silt.ingest.stream.model.ListShardsResponse;
import dev.silt.ingest.stream.model.Record;
import dev.silt.ingest.stream.model.Shard;
import dev.silt.ingest.stream.model.ShardIteratorType;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StreamSource} over a {@link StreamService} in the same process, for the delivery running next to the
 * stream: no HTTP, no copies beyond the service's own. The service's {@link StreamException}s become
 * {@link StreamApiException}s with the same error names. Thread-safe as the service is; does not own it.
 */
public final class ServiceStreamSource implements StreamSource {
    private final StreamService service;

    public ServiceStreamSource(StreamService service) {
        this.service = service;
    }

    @Override
    public List<ShardDescription> listShards(String stream) throws StreamApiException {
        List<ShardDescription> shards = new ArrayList<>();
        String next = null;
        try {
            do {
                ListShardsResponse res = service.listShards(
                        next == null
                                ? new ListShardsRequest(stream, null, null, null, null, null, null)
                                : new ListShardsRequest(null, null, next, null, null, null, null));
                for (Shard s : res.shards()) {
                    shards.add(new ShardDescription(
                            s.shardId(),
                            s.parentShardId(),
                            s.adjacentParentShardId(),
                            s.hashKeyRange().startingHashKey(),
                            s.hashKeyRange().endingHashKey(),
                            s.sequenceNumberRange().startingSequenceNumber(),
                            s.sequenceNumberRange().endingSequenceNumber()));
                }
                next = res.nextToken();
            } while (next != null);
        } catch (StreamException e) {
            throw translate(e);
        }
        return shards;
    }

    @Override
    public String getShardIterator(String stream, String shardId, StartPosition position) throws StreamApiException {
        try {
            return service.getShardIterator(new GetShardIteratorRequest(
                            stream,
                            null,
                            shardId,
                            ShardIteratorType.valueOf(position.type().name()),
                            position.sequenceNumber(),
                            position.timestamp()))
                    .shardIterator();
        } catch (StreamException e) {
            throw translate(e);
        }
    }

    @Override
    public RecordBatch getRecords(String shardIterator, int limit) throws StreamApiException {
        GetRecordsResponse res;
        try {
            res = service.getRecords(new GetRecordsRequest(shardIterator, limit, null));
        } catch (StreamException e) {
            throw translate(e);
        }
        List<StreamRecord> records = new ArrayList<>(res.records().size());
        for (Record r : res.records()) {
            records.add(
                    new StreamRecord(r.sequenceNumber(), r.approximateArrivalTimestamp(), r.partitionKey(), r.data()));
        }
        List<ChildShard> children = new ArrayList<>();
        if (res.childShards() != null) {
            for (dev.silt.ingest.stream.model.ChildShard c : res.childShards()) {
                children.add(new ChildShard(
                        c.shardId(),
                        c.parentShards(),
                        c.hashKeyRange().startingHashKey(),
                        c.hashKeyRange().endingHashKey()));
            }
        }
        return new RecordBatch(records, res.nextShardIterator(), res.millisBehindLatest(), children);
    }

    static StreamApiException translate(StreamException e) {
        StreamErrorType type = e.type();
        return new StreamApiException(
                type == null ? StreamApiException.INTERNAL_FAILURE : e.wireName(), e.getMessage(), e);
    }
}

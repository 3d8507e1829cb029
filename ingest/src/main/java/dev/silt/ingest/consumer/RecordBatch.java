package dev.silt.ingest.consumer;

import java.util.List;

/**
 * What one {@code GetRecords} call answered.
 *
 * @param nextShardIterator null once a closed shard has been read to its end
 * @param millisBehindLatest how far the last record is behind the shard's tip; null when not reported
 * @param childShards the shards that continue a closed shard (only at its end), else empty
 */
public record RecordBatch(
        List<StreamRecord> records, String nextShardIterator, Long millisBehindLatest, List<ChildShard> childShards) {
    public RecordBatch {
        records = List.copyOf(records);
        childShards = List.copyOf(childShards);
    }

    /** True when the shard is closed and this call reached its end. */
    public boolean shardEnded() {
        return nextShardIterator == null;
    }
}

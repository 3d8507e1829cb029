package dev.silt.ingest.consumer;

import java.util.List;

/**
 * Records of one shard, in sequence order, handed to a {@link RecordHandler} as one {@code GetRecords} call
 * returned them.
 *
 * @param millisBehindLatest how far the batch is behind the shard's tip; null when the service does not say
 */
public record ShardBatch(String stream, String shardId, List<StreamRecord> records, Long millisBehindLatest) {
    public ShardBatch {
        records = List.copyOf(records);
    }

    /** The sequence number of the batch's last record: what the consumer checkpoints once the handler returns. */
    public String lastSequenceNumber() {
        return records.get(records.size() - 1).sequenceNumber();
    }
}

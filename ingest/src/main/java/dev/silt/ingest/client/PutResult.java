package dev.silt.ingest.client;

import java.util.List;

/**
 * What {@code PutRecords} answered: one entry per record sent, in the same order. A failed entry has an error
 * code ({@code ProvisionedThroughputExceededException} or {@code InternalFailure}) and was not stored.
 */
public record PutResult(int failedRecordCount, List<Entry> entries) {
    /** The outcome of one record: a sequence number and shard, or an error code and message. */
    public record Entry(String sequenceNumber, String shardId, String errorCode, String errorMessage) {
        public boolean failed() {
            return errorCode != null;
        }
    }

    public PutResult {
        entries = List.copyOf(entries);
    }
}

package dev.silt.ingest.consumer;

/**
 * Records a shard lost before they were delivered: the consumer's position (a checkpoint, or the last record it
 * delivered) fell behind the retention period and reading continued at the oldest retained record.
 *
 * @param afterSequenceNumber the last record delivered (or checkpointed) before the gap
 * @param resumedAtSequenceNumber the first record delivered after it, or null when none is retained yet
 * @param missingRecords how many records were lost, or -1 when the sequence numbers do not tell
 */
public record TrimGap(
        String stream,
        String shardId,
        String afterSequenceNumber,
        String resumedAtSequenceNumber,
        long missingRecords) {
    @Override
    public String toString() {
        return "shard " + shardId + " of stream " + stream + ": "
                + (missingRecords < 0 ? "an unknown number of records" : missingRecords + " records")
                + " after sequence " + afterSequenceNumber + " expired before they were read"
                + (resumedAtSequenceNumber == null ? "" : "; resumed at " + resumedAtSequenceNumber);
    }
}

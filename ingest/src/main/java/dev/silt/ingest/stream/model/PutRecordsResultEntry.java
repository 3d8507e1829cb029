package dev.silt.ingest.stream.model;

/** One result of {@code PutRecords}, in request order: either shard id and sequence number, or error code and message. */
public record PutRecordsResultEntry(String sequenceNumber, String shardId, String errorCode, String errorMessage) {
    public boolean failed() {
        return errorCode != null;
    }
}

package dev.silt.ingest.stream.model;

/** {@code PutRecord}. The data array is not copied: do not change it during the call. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
@SuppressWarnings("ArrayRecordComponent") // records of up to 10 MiB: copying them defensively costs real time
public record PutRecordRequest(
        String streamName,
        String streamARN,
        byte[] data,
        String partitionKey,
        String explicitHashKey,
        String sequenceNumberForOrdering) {}

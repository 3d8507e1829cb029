package dev.silt.ingest.stream.model;

/** One record of a {@code PutRecords} request; the data array is not copied. */
@SuppressWarnings("ArrayRecordComponent") // records of up to 10 MiB: copying them defensively costs real time
public record PutRecordsRequestEntry(byte[] data, String explicitHashKey, String partitionKey) {}

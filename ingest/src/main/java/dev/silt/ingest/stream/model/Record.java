package dev.silt.ingest.stream.model;

import java.time.Instant;

/** One record returned by {@code GetRecords}; the data array is the caller's own, {@code encryptionType} is null (unencrypted, so the member is absent). */
@SuppressWarnings("ArrayRecordComponent") // a fresh array per record, handed on without copying
public record Record(
        String sequenceNumber,
        Instant approximateArrivalTimestamp,
        byte[] data,
        String partitionKey,
        EncryptionType encryptionType) {}

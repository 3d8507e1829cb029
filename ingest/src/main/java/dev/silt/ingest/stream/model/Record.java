package dev.silt.ingest.stream.model;

import java.time.Instant;

/**
 * One record returned by {@code GetRecords}; the data array is the caller's own. {@code encryptionType} is null: records
 * are not encrypted, so the member is absent on the wire.
 */
// the API names this shape Record; a fresh array per record is handed on without copying
@SuppressWarnings({"JavaLangClash", "ArrayRecordComponent"})
public record Record(
        String sequenceNumber,
        Instant approximateArrivalTimestamp,
        byte[] data,
        String partitionKey,
        EncryptionType encryptionType) {}

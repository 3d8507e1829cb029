package dev.silt.ingest.stream.model;

import java.util.List;

/** {@code PutRecords}' answer. */
public record PutRecordsResponse(
        int failedRecordCount, List<PutRecordsResultEntry> records, EncryptionType encryptionType) {}

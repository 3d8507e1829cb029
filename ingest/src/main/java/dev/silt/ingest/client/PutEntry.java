package dev.silt.ingest.client;

/**
 * One record of a {@code PutRecords} call. The data array is not copied.
 *
 * @param explicitHashKey a decimal hash key that overrides the partition key's hash, or null
 */
@SuppressWarnings("ArrayRecordComponent") // records of up to 10 MiB are passed through, never copied
public record PutEntry(String partitionKey, byte[] data, String explicitHashKey) {
    public PutEntry(String partitionKey, byte[] data) {
        this(partitionKey, data, null);
    }
}

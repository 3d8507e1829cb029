package dev.silt.ingest.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One record read from a shard. The data array belongs to the record's receiver; the consumer does not keep it.
 *
 * @param approximateArrival when the stream accepted the record
 */
@SuppressWarnings("ArrayRecordComponent") // records carry up to 10 MiB: no defensive copies
public record StreamRecord(String sequenceNumber, Instant approximateArrival, String partitionKey, byte[] data) {
    /** The data decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String dataAsUtf8() {
        return new String(data, StandardCharsets.UTF_8);
    }
}

package dev.silt.ingest.delivery;

import java.util.Objects;

/**
 * One record read from a {@link DeliverySource}: its source partition (a shard id, a Kafka partition, or the
 * direct-put partition), its position in that partition, the time the source accepted it, and its bytes.
 *
 * <p>{@code arrivalMillis} comes from the source, never from the delivery's clock, so that a record read again
 * after a restart lands under the same arrival hour. The byte array is owned by the record: nobody mutates it.
 *
 * @param partition source partition id
 * @param sequence position in the partition; strictly increasing within a partition, never negative
 * @param arrivalMillis epoch milliseconds at which the source accepted the record
 * @param data the record's bytes
 */
@SuppressWarnings("ArrayRecordComponent") // the record hands its bytes through without copying them
public record SourceRecord(String partition, long sequence, long arrivalMillis, byte[] data) {
    public SourceRecord {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(data, "data");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, got " + sequence);
        }
    }
}

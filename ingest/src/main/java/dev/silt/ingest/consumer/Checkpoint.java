package dev.silt.ingest.consumer;

/**
 * How far a shard has been delivered: every record up to and including {@code sequenceNumber} was handed to the
 * handler, and, when {@code shardEnd}, the shard is closed and was read to its end, so its children may start.
 *
 * @param sequenceNumber the last delivered record; null only at the end of a shard nothing was delivered from
 */
public record Checkpoint(String sequenceNumber, boolean shardEnd) {
    public Checkpoint {
        if (sequenceNumber == null && !shardEnd) {
            throw new IllegalArgumentException("a checkpoint inside a shard needs a sequence number");
        }
    }

    public static Checkpoint at(String sequenceNumber) {
        return new Checkpoint(sequenceNumber, false);
    }

    /** The shard was read to its end; {@code lastSequenceNumber} is the last record delivered from it, or null. */
    public static Checkpoint shardEnd(String lastSequenceNumber) {
        return new Checkpoint(lastSequenceNumber, true);
    }
}

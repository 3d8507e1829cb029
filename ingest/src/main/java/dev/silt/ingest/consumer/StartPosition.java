package dev.silt.ingest.consumer;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an iterator starts in a shard: the Kinesis {@code ShardIteratorType} with its sequence number or
 * timestamp.
 */
public record StartPosition(Type type, String sequenceNumber, Instant timestamp) {
    /** The Kinesis iterator types. */
    public enum Type {
        TRIM_HORIZON,
        LATEST,
        AT_TIMESTAMP,
        AT_SEQUENCE_NUMBER,
        AFTER_SEQUENCE_NUMBER
    }

    public StartPosition {
        Objects.requireNonNull(type, "type");
        boolean bySequence = type == Type.AT_SEQUENCE_NUMBER || type == Type.AFTER_SEQUENCE_NUMBER;
        if (bySequence != (sequenceNumber != null)) {
            throw new IllegalArgumentException(type + (bySequence ? " needs" : " takes no") + " sequence number");
        }
        if ((type == Type.AT_TIMESTAMP) != (timestamp != null)) {
            throw new IllegalArgumentException(
                    type + (type == Type.AT_TIMESTAMP ? " needs" : " takes no") + " timestamp");
        }
    }

    public static StartPosition trimHorizon() {
        return new StartPosition(Type.TRIM_HORIZON, null, null);
    }

    public static StartPosition latest() {
        return new StartPosition(Type.LATEST, null, null);
    }

    public static StartPosition atTimestamp(Instant timestamp) {
        return new StartPosition(Type.AT_TIMESTAMP, null, Objects.requireNonNull(timestamp, "timestamp"));
    }

    public static StartPosition atSequence(String sequenceNumber) {
        return new StartPosition(Type.AT_SEQUENCE_NUMBER, sequenceNumber, null);
    }

    public static StartPosition afterSequence(String sequenceNumber) {
        return new StartPosition(Type.AFTER_SEQUENCE_NUMBER, sequenceNumber, null);
    }

    @Override
    public String toString() {
        return switch (type) {
            case AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER -> type + " " + sequenceNumber;
            case AT_TIMESTAMP -> type + " " + timestamp;
            default -> type.name();
        };
    }
}

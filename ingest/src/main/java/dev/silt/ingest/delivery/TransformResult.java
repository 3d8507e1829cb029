package dev.silt.ingest.delivery;

import java.util.Objects;

/**
 * What a {@link RecordTransform} made of one record, as in Firehose's data transformation contract: {@code Ok}
 * with the (possibly changed) bytes to land, {@code Dropped} (the record is intentionally not landed), or
 * {@code ProcessingFailed} with a reason (the raw record goes to the error output).
 */
public sealed interface TransformResult {
    /** The record is landed with these bytes. */
    @SuppressWarnings("ArrayRecordComponent") // bytes are handed through, never mutated
    record Ok(byte[] data) implements TransformResult {
        public Ok {
            Objects.requireNonNull(data, "data");
        }
    }

    /** The record is intentionally not landed; it counts as delivered. */
    record Dropped() implements TransformResult {}

    /** The record could not be transformed; it goes to the error output with {@code reason}. */
    record ProcessingFailed(String reason) implements TransformResult {
        public ProcessingFailed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static TransformResult ok(byte[] data) {
        return new Ok(data);
    }

    static TransformResult dropped() {
        return new Dropped();
    }

    static TransformResult failed(String reason) {
        return new ProcessingFailed(reason);
    }
}

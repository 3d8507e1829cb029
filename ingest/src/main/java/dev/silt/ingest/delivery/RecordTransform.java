package dev.silt.ingest.delivery;

/**
 * A per-record transformation applied before buffering (Firehose's Lambda contract, in process).
 *
 * <p>Contract: must be deterministic — the same record (bytes, partition, sequence, arrival time) must give the
 * same result every time — because after a restart records are read again and must land under the same names
 * and in the same partitions; and must not throw for bad input: return {@link TransformResult.ProcessingFailed}.
 * An exception thrown anyway is caught and treated as {@code ProcessingFailed} with its message. Called from the
 * delivery's one thread; the record's bytes must not be modified.
 */
@FunctionalInterface
public interface RecordTransform {
    TransformResult apply(SourceRecord record);

    /** Passes records through unchanged. */
    static RecordTransform identity() {
        return record -> TransformResult.ok(record.data());
    }

    /** This transform, then {@code next} on its {@code Ok} output; Dropped and ProcessingFailed stop the chain. */
    default RecordTransform andThen(RecordTransform next) {
        return record -> {
            TransformResult first = apply(record);
            if (first instanceof TransformResult.Ok ok) {
                return next.apply(
                        new SourceRecord(record.partition(), record.sequence(), record.arrivalMillis(), ok.data()));
            }
            return first;
        };
    }
}

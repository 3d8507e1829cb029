package dev.silt.ingest.delivery;

import java.io.IOException;

/**
 * Builds the source of a managed delivery stream from its {@link SourceSpec}, for one {@link SourceSpec.Kind}
 * other than direct put (which {@link DeliveryStreams} builds itself, since it also feeds it). A server registers
 * one factory per kind it can read; a definition naming a kind without a factory cannot start, with an error
 * that says so.
 *
 * <p>Threading: {@link #open} may be called from several threads at once (different delivery streams).
 * Ownership: the caller owns the returned source and closes it after the delivery stream that reads it.
 */
public interface DeliverySourceFactory {
    /** The kind of spec this factory reads. */
    SourceSpec.Kind kind();

    /**
     * A new source for {@code spec}, positioned at the beginning of every partition (the delivery stream seeks
     * it to its checkpoints when it opens).
     *
     * @throws IllegalArgumentException if {@code spec} names something that does not exist, with a message naming it
     * @throws IOException if the source cannot be reached
     */
    DeliverySource open(SourceSpec spec, DeliveryConfig config) throws IOException;
}

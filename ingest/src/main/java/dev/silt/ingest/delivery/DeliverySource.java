package dev.silt.ingest.delivery;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Where a delivery stream reads from: a set of source partitions, each an ordered sequence of records with
 * increasing positions (a stream's shards, a Kafka topic's partitions, or the in-process direct-put partition).
 *
 * <p>Exactly-once landing needs a source that can be read again: after a restart the delivery calls
 * {@link #seek} with the last position it knows is landed, and the source must then return every later record
 * of that partition, with the same bytes and arrival time as before. A source that cannot ({@link
 * #replayable()} false) still never produces duplicates, but records it handed out and the delivery had not
 * landed before a crash are gone.
 *
 * <p>Threading: a delivery stream calls {@link #seek} and {@link #poll} from one thread at a time. Producers that
 * push into a source (for example {@link DirectPutSource}) may do so from any thread.
 */
public interface DeliverySource extends Closeable {
    /**
     * Positions {@code partition} so that the next records it returns are those after {@code afterSequence}
     * ({@code -1}: from its beginning). Called before the first poll for every partition with a checkpoint;
     * partitions never seeked start at their beginning.
     */
    void seek(String partition, long afterSequence) throws IOException;

    /**
     * Up to {@code maxRecords} new records, without blocking; an empty list when there is nothing new. Records of
     * one partition come in increasing sequence order.
     */
    List<SourceRecord> poll(int maxRecords) throws IOException;

    /** Whether records can be read again after a restart (see the class comment). */
    boolean replayable();

    /** Records the source holds that have not been polled yet, or {@code -1} if it cannot tell. */
    default long backlogRecords() {
        return -1;
    }

    /**
     * How far, in milliseconds, the oldest record not yet polled is behind the source's newest (0 when caught up),
     * or {@code -1} if it cannot tell. The delivery's lag is the larger of this and its oldest buffered record's age.
     */
    default long millisBehindLatest() {
        return -1;
    }

    /**
     * Told once the delivery has durably recorded (its checkpoint is saved) that every record of {@code partition}
     * at or before {@code resumeAfter} is landed or was dropped, so a restart resumes after it. Sources that keep
     * progress of their own act on it: Kafka commits the group's offsets, a stream releases the children of a
     * shard whose every record is landed. Called from the thread that polls, with increasing positions per
     * partition; it may be called again with the same position. Default: nothing.
     */
    default void landed(String partition, long resumeAfter) throws IOException {}

    @Override
    default void close() throws IOException {}
}

package dev.silt.ingest.consumer;

import java.io.IOException;
import java.util.Map;

/**
 * Where a consumer keeps how far it has delivered each shard of a stream.
 *
 * <p>The contract that makes restarts safe:
 *
 * <ul>
 *   <li>The consumer calls {@link #save} after the handler returned for a batch, with the batch's last sequence
 *       number, and once more with {@link Checkpoint#shardEnd} when a closed shard has been read to its end. It
 *       starts a child shard only after the end checkpoints of all its parents were saved.
 *   <li>Calls for one shard come in delivery order, from one thread at a time; calls for different shards may be
 *       concurrent. {@code save} is idempotent: saving the same checkpoint twice changes nothing.
 *   <li>What {@link #load} returns after a restart must be the result of a prefix of the {@code save} calls made
 *       before it (in the order they were made): a store may hold saves back and make them durable later, for
 *       example together with the output files they describe, but it must never make a later save durable
 *       without the earlier ones.
 * </ul>
 *
 * <p>On restart the consumer resumes each shard right after its loaded checkpoint. So every record is delivered
 * at least once, and the records delivered twice are exactly those of batches whose {@code save} had not become
 * durable: with a store that is durable when {@code save} returns ({@link FileCheckpointStore}), at most the one
 * batch per shard that was being handled when the process stopped; none after a clean {@code close}. A store that
 * commits its checkpoints atomically with the handler's output turns this into exactly once.
 */
public interface CheckpointStore {
    /** The durable checkpoints of the stream's shards; shards never checkpointed are absent. */
    Map<String, Checkpoint> load(String stream) throws IOException;

    /** Records that the shard was delivered up to {@code checkpoint} (see the class contract). */
    void save(String stream, String shardId, Checkpoint checkpoint) throws IOException;
}

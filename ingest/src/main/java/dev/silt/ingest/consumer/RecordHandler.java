package dev.silt.ingest.consumer;

/**
 * Receives the records a {@link StreamConsumer} reads, one batch per call.
 *
 * <p>Threading: batches of different shards may be handled at the same time from different threads, so an
 * implementation shared by shards must be thread-safe. Batches of one shard come one at a time, in order, and
 * the first batch of a child shard comes after the handler returned for the last batch of each of its parents:
 * records of one partition key arrive in order even across resharding.
 *
 * <p>A batch counts as delivered when the call returns; the consumer then checkpoints it. A handler that throws
 * stops the consumer: the batch is not checkpointed and is delivered again after a restart.
 */
@FunctionalInterface
public interface RecordHandler {
    void handle(ShardBatch batch) throws Exception;
}

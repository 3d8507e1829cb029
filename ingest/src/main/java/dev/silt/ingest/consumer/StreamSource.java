package dev.silt.ingest.consumer;

import java.io.IOException;
import java.util.List;

/**
 * The three calls a consumer needs from a stream, with the Kinesis semantics: list the shards (open and closed,
 * with their lineage), get an iterator for a position in a shard, and read records with it.
 *
 * <p>Errors the service reports are {@link StreamApiException}s carrying the Kinesis error name
 * ({@code ExpiredIteratorException}, {@code ProvisionedThroughputExceededException}, ...); any other
 * {@link IOException} is a transport failure. Implementations are safe to call from many threads.
 */
public interface StreamSource {
    /** Every shard of the stream that is still retained, open or closed, in no particular order (all pages). */
    List<ShardDescription> listShards(String stream) throws IOException;

    /** An iterator for {@code position} in the shard; it expires five minutes after it was issued. */
    String getShardIterator(String stream, String shardId, StartPosition position) throws IOException;

    /**
     * Up to {@code limit} records from the iterator's position. A closed shard read to its end answers with no
     * next iterator and the shard's children.
     */
    RecordBatch getRecords(String shardIterator, int limit) throws IOException;
}

package dev.silt.ingest.consumer;

import java.math.BigInteger;
import java.util.List;

/** A shard that continues a closed one, as {@code GetRecords} names it at the end of its parent. */
public record ChildShard(
        String shardId, List<String> parentShards, BigInteger startingHashKey, BigInteger endingHashKey) {
    public ChildShard {
        parentShards = List.copyOf(parentShards);
    }
}

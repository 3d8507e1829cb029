package dev.silt.ingest.stream.model;

import dev.silt.ingest.stream.HashKeyRange;
import java.util.List;

/** A child of a closed shard, returned by {@code GetRecords} once the closed shard has been read to its end. */
public record ChildShard(String shardId, List<String> parentShards, HashKeyRange hashKeyRange) {}

package dev.silt.ingest.stream.model;

import dev.silt.ingest.stream.HashKeyRange;

/** One shard as {@code DescribeStream} and {@code ListShards} show it; parent ids are null when absent. */
public record Shard(
        String shardId,
        String parentShardId,
        String adjacentParentShardId,
        HashKeyRange hashKeyRange,
        SequenceNumberRange sequenceNumberRange) {}

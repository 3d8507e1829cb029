package dev.silt.ingest.stream.model;

/** {@code MergeShards}: two open shards with adjacent hash-key ranges. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record MergeShardsRequest(
        String streamName, String streamARN, String shardToMerge, String adjacentShardToMerge) {}

package dev.silt.ingest.stream.model;

/** {@code SplitShard}: the new child starting at {@code newStartingHashKey} (a decimal) takes the upper part. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record SplitShardRequest(String streamName, String streamARN, String shardToSplit, String newStartingHashKey) {}

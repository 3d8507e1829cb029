package dev.silt.ingest.stream.model;

import java.time.Instant;

/** {@code ListShards}: {@code nextToken} excludes {@code streamName}, {@code streamARN}, {@code exclusiveStartShardId}, {@code shardFilter} and {@code streamCreationTimestamp}; {@code maxResults} 1 to 10,000, default 1,000. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record ListShardsRequest(
        String streamName,
        String streamARN,
        String nextToken,
        String exclusiveStartShardId,
        Integer maxResults,
        Instant streamCreationTimestamp,
        ShardFilter shardFilter) {}

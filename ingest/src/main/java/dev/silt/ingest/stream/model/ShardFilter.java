package dev.silt.ingest.stream.model;

import java.time.Instant;

/** The {@code ShardFilter} of {@code ListShards}: {@code shardId} for AFTER_SHARD_ID, {@code timestamp} for the *_TIMESTAMP types. */
public record ShardFilter(ShardFilterType type, String shardId, Instant timestamp) {}

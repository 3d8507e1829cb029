package dev.silt.ingest.stream.model;

import java.util.List;

/** The {@code EnhancedMetrics} structure; silt reports no shard-level metrics. */
public record EnhancedMetrics(List<String> shardLevelMetrics) {}

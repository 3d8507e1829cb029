package dev.silt.ingest.stream.model;

/** {@code UpdateShardCount}. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record UpdateShardCountRequest(
        String streamName, String streamARN, Integer targetShardCount, ScalingType scalingType) {}

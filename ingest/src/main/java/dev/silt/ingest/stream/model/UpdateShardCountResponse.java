package dev.silt.ingest.stream.model;

/** {@code UpdateShardCount}'s answer. */
public record UpdateShardCountResponse(
        String streamName, int currentShardCount, int targetShardCount, String streamARN) {}

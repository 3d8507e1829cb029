package dev.silt.ingest.stream.model;

import java.util.Map;

/** {@code CreateStream}: {@code shardCount} defaults to 1 when null. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record CreateStreamRequest(
        String streamName, Integer shardCount, StreamModeDetails streamModeDetails, Map<String, String> tags) {}

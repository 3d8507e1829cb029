package dev.silt.ingest.stream.model;

/** {@code ListTagsForStream}: {@code limit} 1 to 50, default 50. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record ListTagsForStreamRequest(
        String streamName, String streamARN, String exclusiveStartTagKey, Integer limit) {}

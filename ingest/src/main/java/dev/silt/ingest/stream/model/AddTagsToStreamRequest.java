package dev.silt.ingest.stream.model;

import java.util.Map;

/** {@code AddTagsToStream}: 1 to 10 tags per call, 50 per stream. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record AddTagsToStreamRequest(String streamName, String streamARN, Map<String, String> tags) {}

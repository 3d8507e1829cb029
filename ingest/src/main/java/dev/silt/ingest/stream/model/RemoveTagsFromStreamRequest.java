package dev.silt.ingest.stream.model;

import java.util.List;

/** {@code RemoveTagsFromStream}: 1 to 10 keys. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record RemoveTagsFromStreamRequest(String streamName, String streamARN, List<String> tagKeys) {}

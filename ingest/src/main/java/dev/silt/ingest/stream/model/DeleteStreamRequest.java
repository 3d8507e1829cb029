package dev.silt.ingest.stream.model;

/** {@code DeleteStream}. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record DeleteStreamRequest(String streamName, String streamARN, Boolean enforceConsumerDeletion) {}

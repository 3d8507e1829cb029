package dev.silt.ingest.stream.model;

/** The {@code StreamModeDetails} structure. */
public record StreamModeDetails(StreamMode streamMode) {}

package dev.silt.ingest.stream.model;

/** A shard's sequence numbers: the ending one is null while the shard is open. */
public record SequenceNumberRange(String startingSequenceNumber, String endingSequenceNumber) {}

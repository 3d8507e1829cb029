package dev.silt.ingest.stream.model;

/** A stream's lifecycle state, as Kinesis reports it. */
public enum StreamStatus {
    CREATING,
    DELETING,
    ACTIVE,
    UPDATING
}

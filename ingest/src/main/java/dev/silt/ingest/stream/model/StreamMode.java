package dev.silt.ingest.stream.model;

/** Capacity mode of a stream; silt streams are provisioned (a fixed shard count). */
public enum StreamMode {
    PROVISIONED,
    ON_DEMAND
}

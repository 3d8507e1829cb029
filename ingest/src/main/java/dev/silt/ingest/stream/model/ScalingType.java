package dev.silt.ingest.stream.model;

/** How {@code UpdateShardCount} rescales: only uniform scaling exists. */
public enum ScalingType {
    UNIFORM_SCALING
}

package dev.silt.ingest.stream.model;

/** A stream tag: the value may be null or empty. */
public record Tag(String key, String value) {}

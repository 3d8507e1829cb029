package dev.silt.ingest.stream.model;

/** {@code DescribeStream}'s answer. */
public record DescribeStreamResponse(StreamDescription streamDescription) {}

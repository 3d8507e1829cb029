package dev.silt.ingest.stream.model;

/** {@code DescribeStreamSummary}'s answer. */
public record DescribeStreamSummaryResponse(StreamDescriptionSummary streamDescriptionSummary) {}

package dev.silt.ingest.stream.model;

import java.util.List;

/** {@code ListStreams}' answer. */
public record ListStreamsResponse(
        List<String> streamNames, boolean hasMoreStreams, String nextToken, List<StreamSummary> streamSummaries) {}

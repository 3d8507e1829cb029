package dev.silt.ingest.stream.model;

import java.util.List;

/** {@code PutRecords}: 1 to 500 entries. Optional fields are null when absent; {@code streamARN} may stand in for {@code streamName}. */
public record PutRecordsRequest(String streamName, String streamARN, List<PutRecordsRequestEntry> records) {}

package dev.silt.ingest.client;

import java.time.Instant;

/**
 * A stream as {@code DescribeStreamSummary} describes it.
 *
 * @param status CREATING, ACTIVE, UPDATING or DELETING
 * @param created null when the service does not say
 */
public record StreamSummary(
        String name, String arn, String status, int retentionHours, int openShardCount, Instant created) {}

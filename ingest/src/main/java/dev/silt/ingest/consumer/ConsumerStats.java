package dev.silt.ingest.consumer;

/**
 * Counters of a consumer since it was built.
 *
 * @param records records handed to the handler
 * @param batches handler calls
 * @param shardsCompleted closed shards read to their end
 * @param throttled calls refused for rate and retried after a backoff
 * @param retried calls that failed on the service's side or in transport and were retried
 * @param expiredIterators iterators that expired and were acquired again after the last delivered record
 * @param trimGaps times reading had to skip records lost to retention
 * @param recordsLostToTrim records lost in those gaps, where the sequence numbers tell
 */
public record ConsumerStats(
        long records,
        long batches,
        long shardsCompleted,
        long throttled,
        long retried,
        long expiredIterators,
        long trimGaps,
        long recordsLostToTrim) {}

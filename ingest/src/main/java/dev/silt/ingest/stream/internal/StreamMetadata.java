package dev.silt.ingest.stream.internal;

import java.util.List;
import java.util.Map;

/**
 * What {@code stream.json} holds: everything about a stream but its records. Times are epoch milliseconds;
 * {@code statusDueMillis} is when a CREATING, UPDATING or DELETING stream moves on (ACTIVE, or gone).
 */
public record StreamMetadata(
        int formatVersion,
        String streamName,
        String streamStatus,
        String streamMode,
        long creationMillis,
        long statusDueMillis,
        int retentionHours,
        int nextShardIndex,
        Map<String, String> tags,
        List<Shard> shards) {
    /** Version 1: the first layout. */
    public static final int FORMAT_VERSION = 1;

    /**
     * One shard: hash keys as decimals; sequences are absolute (the shard's log offset plus {@code startingSequence});
     * {@code endingSequence} and {@code closedMillis} are null while the shard is open. {@code hasLog} is false for
     * shards closed at birth by a uniform rescale, which never held a record and have no directory.
     */
    public record Shard(
            String shardId,
            String parentShardId,
            String adjacentParentShardId,
            String startingHashKey,
            String endingHashKey,
            long startingSequence,
            Long endingSequence,
            long openedMillis,
            Long closedMillis,
            boolean hasLog) {}
}

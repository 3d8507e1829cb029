package dev.silt.ingest.consumer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One shard as {@code ListShards} describes it: its parents (after a split one, after a merge two), the hash-key
 * range it owns, and its sequence range; a closed shard has an ending sequence number.
 *
 * @param parentShardId null for a shard the stream was created with
 * @param adjacentParentShardId the second parent of a merged shard, else null
 * @param endingSequenceNumber null while the shard is open
 */
public record ShardDescription(
        String shardId,
        String parentShardId,
        String adjacentParentShardId,
        BigInteger startingHashKey,
        BigInteger endingHashKey,
        String startingSequenceNumber,
        String endingSequenceNumber) {
    public ShardDescription {
        if (shardId == null || shardId.isEmpty()) {
            throw new IllegalArgumentException("shard id must not be empty");
        }
    }

    public boolean isOpen() {
        return endingSequenceNumber == null;
    }

    /** The parents that are named, zero, one or two of them. */
    public List<String> parents() {
        List<String> parents = new ArrayList<>(2);
        if (parentShardId != null) {
            parents.add(parentShardId);
        }
        if (adjacentParentShardId != null) {
            parents.add(adjacentParentShardId);
        }
        return Collections.unmodifiableList(parents);
    }
}

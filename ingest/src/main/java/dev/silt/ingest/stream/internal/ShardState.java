package dev.silt.ingest.stream.internal;

import dev.silt.ingest.stream.HashKeyRange;
import dev.silt.ingest.stream.SequenceNumbers;
import dev.silt.ingest.stream.ShardLog;
import dev.silt.ingest.stream.model.SequenceNumberRange;
import dev.silt.ingest.stream.model.Shard;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Locale;

/**
 * One shard of a stream: its place in the lineage, its hash-key range, its log (null for a shard closed at birth)
 * and its throughput buckets. Absolute sequences are the log's offsets plus {@link #startingSequence}, so that a
 * child's numbers start above its parents'. Closing is done by the owning stream under its reshard lock.
 */
public final class ShardState {
    private static final long MIB = 1024L * 1024;

    final String shardId;
    final String parentShardId;
    final String adjacentParentShardId;
    final HashKeyRange range;
    final long startingSequence;
    final long openedMillis;
    /** Null for a shard closed at birth; set once, under the stream's gate, before the shard takes records. */
    volatile ShardLog log;

    private volatile Long endingSequence;
    private volatile Long closedMillis;

    final TokenBucket putBytes;
    final TokenBucket putRecords;
    final TokenBucket getBytes;
    final TokenBucket getCalls;

    ShardState(
            String shardId,
            String parentShardId,
            String adjacentParentShardId,
            HashKeyRange range,
            long startingSequence,
            long openedMillis,
            Long endingSequence,
            Long closedMillis,
            ShardLog log,
            Clock clock) {
        this.shardId = shardId;
        this.parentShardId = parentShardId;
        this.adjacentParentShardId = adjacentParentShardId;
        this.range = range;
        this.startingSequence = startingSequence;
        this.openedMillis = openedMillis;
        this.endingSequence = endingSequence;
        this.closedMillis = closedMillis;
        this.log = log;
        this.putBytes = new TokenBucket(clock, MIB);
        this.putRecords = new TokenBucket(clock, 1000);
        this.getBytes = new TokenBucket(clock, 2 * MIB);
        this.getCalls = new TokenBucket(clock, 5);
    }

    public static String shardId(int index) {
        return String.format(Locale.ROOT, "shardId-%012d", index);
    }

    public String shardId() {
        return shardId;
    }

    public boolean isOpen() {
        return closedMillis == null;
    }

    Long closedMillis() {
        return closedMillis;
    }

    Long endingSequence() {
        return endingSequence;
    }

    /** The absolute sequence the next record would get. */
    long nextAbsolute() {
        return log == null ? startingSequence : startingSequence + log.nextSequence();
    }

    /** The oldest retained absolute sequence (the trim horizon); {@link #nextAbsolute()} when empty. */
    long firstAbsolute() {
        return log == null ? startingSequence : startingSequence + log.firstSequence();
    }

    /** Closes the shard to puts: its ending sequence is the last one assigned (its start if it holds none). */
    void close(long nowMillis) {
        long last = nextAbsolute() - 1;
        endingSequence = Math.max(startingSequence, last);
        closedMillis = nowMillis;
    }

    /** Undoes {@link #close} when the reshard that closed the shard could not be recorded. */
    void reopen() {
        endingSequence = null;
        closedMillis = null;
    }

    /** Where a child of this shard starts numbering: above every number this shard has assigned. */
    long childStartingSequence() {
        return Math.max(startingSequence, nextAbsolute() - 1) + 1;
    }

    boolean isExpired(long trimHorizonMillis) {
        Long closed = closedMillis;
        return closed != null && closed < trimHorizonMillis;
    }

    Shard toModel() {
        Long ending = endingSequence;
        return new Shard(
                shardId,
                parentShardId,
                adjacentParentShardId,
                range,
                new SequenceNumberRange(
                        SequenceNumbers.format(startingSequence),
                        ending == null ? null : SequenceNumbers.format(ending)));
    }

    StreamMetadata.Shard toMetadata() {
        return new StreamMetadata.Shard(
                shardId,
                parentShardId,
                adjacentParentShardId,
                range.startingHashKey().toString(),
                range.endingHashKey().toString(),
                startingSequence,
                endingSequence,
                openedMillis,
                closedMillis,
                log != null);
    }

    static HashKeyRange rangeOf(StreamMetadata.Shard m) {
        return new HashKeyRange(new BigInteger(m.startingHashKey()), new BigInteger(m.endingHashKey()));
    }

    void closeLog() throws IOException {
        if (log != null) {
            log.close();
        }
    }
}

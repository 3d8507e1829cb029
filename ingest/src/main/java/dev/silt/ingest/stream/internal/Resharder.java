package dev.silt.ingest.stream.internal;

import dev.silt.ingest.stream.HashKeyRange;
import dev.silt.ingest.stream.ShardLog;
import dev.silt.ingest.stream.StreamErrorType;
import dev.silt.ingest.stream.StreamException;
import dev.silt.ingest.stream.model.MergeShardsRequest;
import dev.silt.ingest.stream.model.SplitShardRequest;
import dev.silt.ingest.stream.model.StreamStatus;
import dev.silt.ingest.stream.model.UpdateShardCountRequest;
import dev.silt.ingest.stream.model.UpdateShardCountResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SplitShard, MergeShards and UpdateShardCount. Each runs under the account's registry lock (shard limit) and the
 * stream's gate held exclusively, so that puts in flight finish on the parents first and later puts route to the
 * children. The whole change (parents closed, children added, status UPDATING) is one atomic metadata write; if
 * that write fails, memory is rolled back and the stream is as it was.
 */
final class Resharder {
    private static final int MAX_SHARDS_PER_STREAM = 10_000;

    private final Streams streams;

    Resharder(Streams streams) {
        this.streams = streams;
    }

    /** The shards a reshard closed and created, kept to undo it. */
    private static final class Change {
        final List<ShardState> closed = new ArrayList<>();
        final List<ShardState> created = new ArrayList<>();
    }

    void splitShard(SplitShardRequest request) {
        String name = streams.resolveName(request.streamName(), request.streamARN());
        Checks.shardId("shardToSplit", request.shardToSplit());
        Checks.required("newStartingHashKey", request.newStartingHashKey());
        Checks.hashKey("newStartingHashKey", request.newStartingHashKey());
        BigInteger key = new BigInteger(request.newStartingHashKey());
        synchronized (streams.registryLock) {
            StreamState s = streams.active(name);
            streams.checkShardLimit(1);
            s.gate.writeLock().lock();
            try {
                ShardState parent = openShard(s, request.shardToSplit());
                BigInteger start = parent.range.startingHashKey();
                BigInteger end = parent.range.endingHashKey();
                if (key.compareTo(start.add(BigInteger.ONE)) <= 0 || key.compareTo(end) >= 0) {
                    throw Errors.invalid("NewStartingHashKey " + key + " used in SplitShard() on shard "
                            + parent.shardId + " in stream " + name + " under account " + streams.errors.account()
                            + " is not both greater than one plus the shard's StartingHashKey " + start
                            + " and less than the shard's EndingHashKey " + end + ".");
                }
                Change change = new Change();
                split(s, parent, key, change);
                commit(s, change);
            } finally {
                s.gate.writeLock().unlock();
            }
        }
    }

    void mergeShards(MergeShardsRequest request) {
        String name = streams.resolveName(request.streamName(), request.streamARN());
        Checks.shardId("shardToMerge", request.shardToMerge());
        Checks.shardId("adjacentShardToMerge", request.adjacentShardToMerge());
        synchronized (streams.registryLock) {
            StreamState s = streams.active(name);
            s.gate.writeLock().lock();
            try {
                ShardState a = openShard(s, request.shardToMerge());
                ShardState b = openShard(s, request.adjacentShardToMerge());
                if (a == b || (!adjacent(a, b) && !adjacent(b, a))) {
                    throw Errors.invalid("Shards " + a.shardId + " and " + b.shardId + " in stream " + name
                            + " under account " + streams.errors.account()
                            + " are not an adjacent pair of shards eligible for merging");
                }
                Change change = new Change();
                merge(s, a, b, change);
                commit(s, change);
            } finally {
                s.gate.writeLock().unlock();
            }
        }
    }

    UpdateShardCountResponse updateShardCount(UpdateShardCountRequest request) {
        String name = streams.resolveName(request.streamName(), request.streamARN());
        Checks.required("targetShardCount", request.targetShardCount());
        Checks.range("targetShardCount", request.targetShardCount(), 1, 100_000);
        Checks.required("scalingType", request.scalingType());
        int target = request.targetShardCount();
        synchronized (streams.registryLock) {
            StreamState s = streams.active(name);
            int current = s.openShardCount();
            String limitPrefix = "UpdateShardCount request for stream " + name + " under account "
                    + streams.errors.account() + " with target shard count " + target + " ";
            if (target > 2 * current) {
                throw new StreamException(
                        StreamErrorType.LIMIT_EXCEEDED,
                        limitPrefix + "exceeds double the current shard count " + current + ".");
            }
            if (2 * target < current) {
                throw new StreamException(
                        StreamErrorType.LIMIT_EXCEEDED,
                        limitPrefix + "is below half the current shard count " + current + ".");
            }
            if (target > MAX_SHARDS_PER_STREAM) {
                throw new StreamException(
                        StreamErrorType.LIMIT_EXCEEDED,
                        limitPrefix + "exceeds the limit of " + MAX_SHARDS_PER_STREAM + " shards per stream.");
            }
            streams.checkShardLimit(target - current);
            s.gate.writeLock().lock();
            try {
                Change change = new Change();
                rescale(s, target, change);
                if (!change.created.isEmpty()) {
                    commit(s, change);
                }
            } finally {
                s.gate.writeLock().unlock();
            }
            return new UpdateShardCountResponse(name, current, target, streams.arn(name));
        }
    }

    private ShardState openShard(StreamState s, String shardId) {
        ShardState shard = s.shard(shardId);
        if (shard == null) {
            throw streams.errors.shardNotFound(s.name, shardId);
        }
        if (!shard.isOpen()) {
            throw new StreamException(
                    StreamErrorType.RESOURCE_IN_USE,
                    "Shard " + shardId + " in stream " + s.name + " under account " + streams.errors.account()
                            + " has already been merged or split, and thus is not eligible for merging or"
                            + " splitting.");
        }
        return shard;
    }

    private static boolean adjacent(ShardState lower, ShardState upper) {
        return lower.range.endingHashKey().add(BigInteger.ONE).equals(upper.range.startingHashKey());
    }

    /**
     * Rescales to {@code target} even ranges: first every open shard is split at each target boundary inside it,
     * then the pieces inside one target range are merged left to right. Each new shard so has one or two parents.
     */
    private void rescale(StreamState s, int target, Change change) {
        List<HashKeyRange> ranges = HashKeyRange.split(target);
        List<ShardState> pieces = new ArrayList<>();
        List<ShardState> open = new ArrayList<>(s.openShards());
        open.sort(Comparator.comparing(sh -> sh.range.startingHashKey()));
        for (ShardState shard : open) {
            ShardState current = shard;
            for (int i = 1; i < ranges.size(); i++) {
                BigInteger boundary = ranges.get(i).startingHashKey();
                if (boundary.compareTo(current.range.startingHashKey()) > 0
                        && boundary.compareTo(current.range.endingHashKey()) <= 0) {
                    ShardState[] halves = split(s, current, boundary, change);
                    pieces.add(halves[0]);
                    current = halves[1];
                }
            }
            pieces.add(current);
        }
        int r = 0;
        ShardState accumulated = null;
        for (ShardState piece : pieces) {
            while (!ranges.get(r).contains(piece.range.startingHashKey())) {
                r++;
                accumulated = null;
            }
            accumulated = accumulated == null ? piece : merge(s, accumulated, piece, change);
        }
    }

    private ShardState[] split(StreamState s, ShardState parent, BigInteger key, Change change) {
        long now = streams.clock.millis();
        long base = parent.childStartingSequence();
        parent.close(now);
        change.closed.add(parent);
        ShardState low = child(
                s,
                parent.shardId,
                null,
                new HashKeyRange(parent.range.startingHashKey(), key.subtract(BigInteger.ONE)),
                base,
                now);
        ShardState high =
                child(s, parent.shardId, null, new HashKeyRange(key, parent.range.endingHashKey()), base, now);
        change.created.add(low);
        change.created.add(high);
        return new ShardState[] {low, high};
    }

    private ShardState merge(StreamState s, ShardState a, ShardState b, Change change) {
        long now = streams.clock.millis();
        long base = Math.max(a.childStartingSequence(), b.childStartingSequence());
        a.close(now);
        b.close(now);
        change.closed.add(a);
        change.closed.add(b);
        BigInteger start = a.range.startingHashKey().min(b.range.startingHashKey());
        BigInteger end = a.range.endingHashKey().max(b.range.endingHashKey());
        ShardState merged = child(s, a.shardId, b.shardId, new HashKeyRange(start, end), base, now);
        change.created.add(merged);
        return merged;
    }

    private ShardState child(
            StreamState s, String parent, String adjacentParent, HashKeyRange range, long base, long now) {
        ShardState child = new ShardState(
                ShardState.shardId(s.allocateShardIndex()),
                parent,
                adjacentParent,
                range,
                base,
                now,
                null,
                null,
                null,
                streams.clock);
        s.addShard(child);
        return child;
    }

    /**
     * Opens logs for the new shards that stay open, records everything in one metadata write, and switches
     * routing; on failure undoes all of it.
     */
    private void commit(StreamState s, Change change) {
        List<ShardState> opened = new ArrayList<>();
        try {
            for (ShardState shard : change.created) {
                if (shard.isOpen()) {
                    shard.log = ShardLog.open(s.shardDir(shard.shardId), s.logOptions, streams.clock);
                    opened.add(shard);
                }
            }
            long due = streams.clock.millis() + streams.options.updateDelay().toMillis();
            boolean immediate = streams.options.updateDelay().isZero();
            s.setStatus(immediate ? StreamStatus.ACTIVE : StreamStatus.UPDATING, due);
        } catch (IOException | RuntimeException e) {
            for (ShardState shard : change.created) {
                s.removeShard(shard.shardId);
            }
            for (ShardState shard : change.closed) {
                if (!change.created.contains(shard)) {
                    shard.reopen();
                }
            }
            for (ShardState shard : opened) {
                try {
                    shard.closeLog();
                    DataDirectory.deleteRecursively(s.shardDir(shard.shardId));
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            s.refreshOpen();
            if (e instanceof IOException io) {
                throw Errors.internal(io);
            }
            throw (RuntimeException) e;
        }
        s.refreshOpen();
    }
}

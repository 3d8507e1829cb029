package dev.silt.ingest.stream.internal;

import dev.silt.ingest.stream.HashKeyRange;
import dev.silt.ingest.stream.ShardLog;
import dev.silt.ingest.stream.ShardLogOptions;
import dev.silt.ingest.stream.model.StreamMode;
import dev.silt.ingest.stream.model.StreamStatus;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One stream in memory: status, retention, tags and shards, mirrored to {@code stream.json} on every change.
 *
 * <p>Locking: {@link #gate} is held shared by every put (from routing until the append is durable) and by
 * trimming, and exclusively by whatever closes shards (a reshard, expiry, deletion, shutdown), so no record ever
 * lands in a closed shard and a reshard never loses a put in flight. The object's monitor guards the metadata
 * fields; it is taken inside the gate, never the other way round.
 */
public final class StreamState {
    static final String SHARDS_DIR = "shards";

    final String name;
    final Path dir;
    final long creationMillis;
    final StreamMode mode;
    final Clock clock;
    final ShardLogOptions logOptions;
    final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

    /** Written under the monitor, read without it: every put checks it. */
    private volatile StreamStatus status;

    private long statusDueMillis; // guarded by this
    private int retentionHours; // guarded by this
    private int nextShardIndex; // guarded by this
    private final TreeMap<String, String> tags = new TreeMap<>(); // guarded by this
    private final TreeMap<String, ShardState> shards = new TreeMap<>(); // guarded by this
    /** Open shards by starting hash key: replaced whole under the gate's write lock, read by puts. */
    private volatile List<ShardState> open = List.of();
    /** Set once the stream is gone (deleted or the service closed): its logs are closed. */
    private volatile boolean closed;

    private StreamState(
            String name, Path dir, long creationMillis, StreamMode mode, Clock clock, ShardLogOptions logOptions) {
        this.name = name;
        this.dir = dir;
        this.creationMillis = creationMillis;
        this.mode = mode;
        this.clock = clock;
        this.logOptions = logOptions;
    }

    /** Creates a new stream of {@code shardCount} evenly split shards and writes its metadata. */
    static StreamState create(
            String name,
            Path dir,
            int shardCount,
            StreamMode mode,
            int retentionHours,
            Map<String, String> tags,
            long createDelayMillis,
            Clock clock,
            ShardLogOptions logOptions)
            throws IOException {
        long now = clock.millis();
        StreamState s = new StreamState(name, dir, now, mode, clock, logOptions);
        List<HashKeyRange> ranges = HashKeyRange.split(shardCount);
        try {
            synchronized (s) {
                s.status = createDelayMillis == 0 ? StreamStatus.ACTIVE : StreamStatus.CREATING;
                s.statusDueMillis = now + createDelayMillis;
                s.retentionHours = retentionHours;
                s.tags.putAll(tags);
                for (HashKeyRange range : ranges) {
                    String id = ShardState.shardId(s.nextShardIndex++);
                    ShardLog log = ShardLog.open(dir.resolve(SHARDS_DIR).resolve(id), logOptions, clock);
                    s.shards.put(id, new ShardState(id, null, null, range, 0, now, null, null, log, clock));
                }
                s.refreshOpen();
                s.save();
            }
        } catch (IOException | RuntimeException e) {
            s.closeLogs(e);
            throw e;
        }
        return s;
    }

    /** Reopens a stream from its metadata and its shard logs. */
    static StreamState load(Path dir, Clock clock, ShardLogOptions logOptions) throws IOException {
        StreamMetadata m = MetadataFiles.read(dir);
        StreamState s = new StreamState(
                m.streamName(),
                dir,
                m.creationMillis(),
                m.streamMode() == null ? StreamMode.PROVISIONED : StreamMode.valueOf(m.streamMode()),
                clock,
                logOptions);
        try {
            synchronized (s) {
                s.status = StreamStatus.valueOf(m.streamStatus());
                s.statusDueMillis = m.statusDueMillis();
                s.retentionHours = m.retentionHours();
                s.nextShardIndex = m.nextShardIndex();
                if (m.tags() != null) {
                    s.tags.putAll(m.tags());
                }
                for (StreamMetadata.Shard sm : m.shards()) {
                    Path shardDir = dir.resolve(SHARDS_DIR).resolve(sm.shardId());
                    // a child created by a reshard whose metadata was written just before a crash has no directory
                    // yet: opening creates it, empty, which is exactly the state the reshard left it in
                    boolean wantLog = sm.hasLog() || Files.isDirectory(shardDir);
                    ShardLog log = wantLog ? ShardLog.open(shardDir, logOptions, clock) : null;
                    s.shards.put(
                            sm.shardId(),
                            new ShardState(
                                    sm.shardId(),
                                    sm.parentShardId(),
                                    sm.adjacentParentShardId(),
                                    ShardState.rangeOf(sm),
                                    sm.startingSequence(),
                                    sm.openedMillis(),
                                    sm.endingSequence(),
                                    sm.closedMillis(),
                                    log,
                                    clock));
                }
                s.refreshOpen();
            }
        } catch (IOException | RuntimeException e) {
            s.closeLogs(e);
            throw e;
        }
        return s;
    }

    private void closeLogs(Exception cause) {
        for (ShardState shard : shards.values()) {
            try {
                shard.closeLog();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** Writes the metadata atomically; callers hold the monitor. */
    void save() throws IOException {
        List<StreamMetadata.Shard> list = new ArrayList<>(shards.size());
        for (ShardState shard : shards.values()) {
            list.add(shard.toMetadata());
        }
        MetadataFiles.write(
                dir,
                new StreamMetadata(
                        StreamMetadata.FORMAT_VERSION,
                        name,
                        status.name(),
                        mode.name(),
                        creationMillis,
                        statusDueMillis,
                        retentionHours,
                        nextShardIndex,
                        new TreeMap<>(tags),
                        list));
    }

    /** Rebuilds the routing table from the shard map; callers hold the gate exclusively or are still private. */
    void refreshOpen() {
        List<ShardState> list = new ArrayList<>();
        synchronized (this) {
            for (ShardState shard : shards.values()) {
                if (shard.isOpen()) {
                    list.add(shard);
                }
            }
        }
        list.sort(Comparator.comparing(sh -> sh.range.startingHashKey()));
        open = List.copyOf(list);
    }

    /**
     * Applies a due status change. Returns true when the stream is DELETING and its delay has passed: the caller
     * then removes it.
     */
    boolean refresh(long now) throws IOException {
        if (status == StreamStatus.ACTIVE) {
            return false; // the common case, checked by every put without taking the monitor
        }
        synchronized (this) {
            return refreshLocked(now);
        }
    }

    private boolean refreshLocked(long now) throws IOException {
        if (status == StreamStatus.ACTIVE || now < statusDueMillis) {
            return false;
        }
        if (status == StreamStatus.DELETING) {
            return true;
        }
        status = StreamStatus.ACTIVE;
        save();
        return false;
    }

    StreamStatus status() {
        return status;
    }

    synchronized void setStatus(StreamStatus newStatus, long dueMillis) throws IOException {
        status = newStatus;
        statusDueMillis = dueMillis;
        save();
    }

    synchronized int retentionHours() {
        return retentionHours;
    }

    synchronized void setRetentionHours(int hours) throws IOException {
        int old = retentionHours;
        retentionHours = hours;
        try {
            save();
        } catch (IOException e) {
            retentionHours = old;
            throw e;
        }
    }

    synchronized NavigableMap<String, String> tags() {
        return new TreeMap<>(tags);
    }

    synchronized void replaceTags(Map<String, String> newTags) throws IOException {
        TreeMap<String, String> old = new TreeMap<>(tags);
        tags.clear();
        tags.putAll(newTags);
        try {
            save();
        } catch (IOException e) {
            tags.clear();
            tags.putAll(old);
            throw e;
        }
    }

    /** Every shard not yet expired, in shard-id order. */
    synchronized List<ShardState> shards() {
        return new ArrayList<>(shards.values());
    }

    synchronized ShardState shard(String shardId) {
        return shards.get(shardId);
    }

    synchronized int allocateShardIndex() {
        return nextShardIndex++;
    }

    synchronized void addShard(ShardState shard) {
        shards.put(shard.shardId, shard);
    }

    synchronized void removeShard(String shardId) {
        shards.remove(shardId);
    }

    /** The children of {@code shardId}: shards naming it as parent or adjacent parent. */
    synchronized List<ShardState> children(String shardId) {
        List<ShardState> out = new ArrayList<>();
        for (ShardState s : shards.values()) {
            if (shardId.equals(s.parentShardId) || shardId.equals(s.adjacentParentShardId)) {
                out.add(s);
            }
        }
        return out;
    }

    List<ShardState> openShards() {
        return open;
    }

    int openShardCount() {
        return open.size();
    }

    /** The open shard whose range holds {@code hashKey}; callers hold the gate shared. */
    ShardState route(BigInteger hashKey) {
        List<ShardState> list = open;
        int lo = 0;
        int hi = list.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            ShardState s = list.get(mid);
            if (hashKey.compareTo(s.range.startingHashKey()) < 0) {
                hi = mid - 1;
            } else if (hashKey.compareTo(s.range.endingHashKey()) > 0) {
                lo = mid + 1;
            } else {
                return s;
            }
        }
        throw new IllegalStateException("no open shard of stream " + name + " holds hash key " + hashKey);
    }

    Path shardDir(String shardId) {
        return dir.resolve(SHARDS_DIR).resolve(shardId);
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes every shard log after waiting for the puts in flight; idempotent. */
    void close() throws IOException {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            IOException first = null;
            for (ShardState shard : shards()) {
                try {
                    shard.closeLog();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            gate.writeLock().unlock();
        }
    }
}

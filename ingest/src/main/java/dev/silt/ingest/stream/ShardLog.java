package dev.silt.ingest.stream;

import dev.silt.ingest.stream.internal.CorruptFrameException;
import dev.silt.ingest.stream.internal.Frame;
import dev.silt.ingest.stream.internal.FrameReader;
import dev.silt.ingest.stream.internal.Segment;
import dev.silt.ingest.stream.internal.SegmentFormat;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * The durable log of one shard: append-only segment files in a directory of their own, numbered by sequence.
 *
 * <p>Threading: every method is safe to call from many threads. Concurrent {@link #append} calls are group
 * committed: under {@link FsyncPolicy#SYNC_EACH_BATCH} one {@code force} covers every batch written while the
 * previous one ran, and each call returns only once its own bytes are forced. A record becomes readable when its
 * append is acknowledged. The caller owns the log and closes it; {@link #close} is idempotent.
 *
 * <p>Sequences are {@code long} offsets, dense and strictly increasing from 0; {@link SequenceNumbers} gives their
 * wire form. Arrival times come from the injected clock and never decrease within a shard.
 */
public final class ShardLog implements Closeable {
    /** One record to append. The data array is not copied: the caller must not change it during the call. */
    @SuppressWarnings("ArrayRecordComponent") // records of up to 10 MiB: copying them defensively costs real time
    public record Entry(String partitionKey, byte[] data) {}

    /** One stored record; its data array is the reader's own. */
    @SuppressWarnings("ArrayRecordComponent") // as for Entry: a fresh array per read, never shared
    public record StoredRecord(long sequence, long arrivalMillis, String partitionKey, byte[] data) {}

    /** What recovery cut from a torn or corrupt tail: the file, the offset the cut was made at, and why. */
    public record Truncation(Path file, long offset, String reason) {}

    /** One append is written from one buffer; the wire limits (500 records, 10 MiB each) stay far below this. */
    public static final long MAX_BATCH_BYTES = 1L << 30;

    private static final System.Logger LOG = System.getLogger(ShardLog.class.getName());

    /** Held while the log is open, so that a second writer (in any process) fails instead of corrupting it. */
    public static final String LOCK_FILE = "shard.lock";

    private final Path dir;
    private final FileLock lock;
    private final ShardLogOptions options;
    private final Clock clock;
    private final List<Truncation> truncations;

    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    /** Readers and fsyncs hold it shared; rolling, trimming and closing hold it exclusively. */
    private final ReentrantReadWriteLock segmentLock = new ReentrantReadWriteLock();

    private final Object appendLock = new Object();
    private Segment active; // guarded by appendLock
    private long nextSequence; // guarded by appendLock
    private long lastArrival; // guarded by appendLock
    private volatile long writtenSequence;
    private volatile long visibleSequence;
    private volatile boolean closed;
    private volatile IOException failure;

    private final Object syncMonitor = new Object();
    private boolean syncing; // guarded by syncMonitor
    private long durableSequence; // guarded by syncMonitor
    private final AtomicLong forces = new AtomicLong();

    private ShardLog(Path dir, FileLock lock, ShardLogOptions options, Clock clock, List<Truncation> truncations) {
        this.dir = dir;
        this.lock = lock;
        this.options = options;
        this.clock = clock;
        this.truncations = List.copyOf(truncations);
    }

    /**
     * Opens (or creates) the log in {@code dir}, verifying every frame. A torn or corrupt tail of the last segment
     * is cut off and reported by {@link #truncations()}; corruption anywhere else is an {@link IOException} that
     * names the file and offset, and the log does not open.
     */
    public static ShardLog open(Path dir, ShardLogOptions options, Clock clock) throws IOException {
        Files.createDirectories(dir);
        FileLock lock = lock(dir);
        try {
            return open(dir, lock, options, clock);
        } catch (IOException | RuntimeException e) {
            lock.channel().close();
            throw e;
        }
    }

    private static FileLock lock(Path dir) throws IOException {
        FileChannel channel =
                FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("shard log " + dir + " is already open (" + LOCK_FILE + " is locked)");
        }
        return lock;
    }

    private static ShardLog open(Path dir, FileLock lock, ShardLogOptions options, Clock clock) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                long base = SegmentFormat.baseSequenceOf(p.getFileName().toString());
                if (base >= 0) {
                    files.put(base, p);
                }
            }
        }
        List<Truncation> cut = new ArrayList<>();
        List<Segment> opened = new ArrayList<>();
        try {
            Segment previous = null;
            for (Map.Entry<Long, Path> f : files.entrySet()) {
                boolean last = f.getKey().equals(files.lastKey());
                Segment s = Segment.open(f.getValue(), f.getKey(), last, options.indexIntervalBytes(), e -> {
                    cut.add(new Truncation(e.file(), e.offset(), e.reason()));
                    LOG.log(System.Logger.Level.WARNING, "recovery truncated " + e.getMessage());
                });
                opened.add(s);
                if (previous != null && s.baseSequence() != previous.lastSequence() + 1) {
                    throw new IOException(s.path() + " starts at sequence " + s.baseSequence() + " but "
                            + previous.path() + " ends at " + previous.lastSequence() + ": records are missing");
                }
                previous = s;
            }
            if (opened.isEmpty()) {
                opened.add(Segment.create(dir, 0, options.indexIntervalBytes()));
            }
        } catch (IOException | RuntimeException e) {
            for (Segment s : opened) {
                s.close();
            }
            throw e;
        }
        return new ShardLog(dir, lock, options, clock, cut).init(opened);
    }

    private ShardLog init(List<Segment> opened) {
        long maxArrival = Long.MIN_VALUE;
        for (Segment s : opened) {
            segments.put(s.baseSequence(), s);
            maxArrival = Math.max(maxArrival, s.maxArrival());
        }
        synchronized (appendLock) {
            active = opened.get(opened.size() - 1);
            nextSequence = active.lastSequence() + 1;
            lastArrival = maxArrival;
        }
        writtenSequence = nextSequence - 1;
        visibleSequence = nextSequence - 1;
        synchronized (syncMonitor) {
            durableSequence = nextSequence - 1;
        }
        return this;
    }

    /**
     * Appends records in order and returns their sequences once they are durable under the fsync policy. Either
     * every record of the batch is validated before any is written, or the call fails with nothing written.
     */
    public long[] append(List<Entry> entries) throws IOException {
        if (entries.isEmpty()) {
            return new long[0];
        }
        byte[][] keys = new byte[entries.size()][];
        long total = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            HashKeyRange.validatePartitionKey(e.partitionKey());
            keys[i] = e.partitionKey().getBytes(StandardCharsets.UTF_8);
            long recordBytes = (long) keys[i].length + e.data().length;
            if (recordBytes > options.maxRecordBytes()) {
                throw new IllegalArgumentException(
                        "record " + i + " is " + recordBytes + " bytes, the limit is " + options.maxRecordBytes());
            }
            total += SegmentFormat.frameBytes(keys[i].length, e.data().length);
        }
        if (total > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("batch of " + total + " bytes is over the limit of " + MAX_BATCH_BYTES);
        }
        long[] sequences = new long[entries.size()];
        synchronized (appendLock) {
            checkWritable();
            long arrival = Math.max(clock.millis(), lastArrival);
            lastArrival = arrival;
            ByteBuffer buffer = ByteBuffer.allocate((int) total);
            try {
                int chunkStart = 0;
                for (int i = 0; i < entries.size(); i++) {
                    int frameBytes = SegmentFormat.frameBytes(
                            keys[i].length, entries.get(i).data().length);
                    long pending = (long) buffer.position() - chunkStart;
                    if (!active.isEmpty() || pending > 0) {
                        if (active.size() + pending + frameBytes > options.segmentBytes()) {
                            writeChunk(buffer, chunkStart);
                            chunkStart = buffer.position();
                            roll();
                            pending = 0;
                        }
                    }
                    long sequence = nextSequence++;
                    sequences[i] = sequence;
                    active.indexed(sequence, arrival, active.size() + pending);
                    SegmentFormat.writeFrame(
                            buffer, sequence, arrival, keys[i], entries.get(i).data());
                }
                writeChunk(buffer, chunkStart);
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IOException io ? io : new IOException(e);
                throw e;
            }
            writtenSequence = sequences[sequences.length - 1];
            if (options.fsyncPolicy() == FsyncPolicy.NONE) {
                visibleSequence = writtenSequence;
            }
        }
        if (options.fsyncPolicy() == FsyncPolicy.SYNC_EACH_BATCH) {
            awaitDurable(sequences[sequences.length - 1]);
        }
        return sequences;
    }

    private void writeChunk(ByteBuffer buffer, int chunkStart) throws IOException {
        ByteBuffer chunk = buffer.duplicate();
        chunk.limit(buffer.position()).position(chunkStart);
        active.write(chunk);
    }

    /** Starts a new segment; the old one is forced first so that group commits only ever force the active one. */
    private void roll() throws IOException {
        if (options.fsyncPolicy() == FsyncPolicy.SYNC_EACH_BATCH) {
            active.force();
            forces.incrementAndGet();
        }
        Segment next = Segment.create(dir, nextSequence, options.indexIntervalBytes());
        segmentLock.writeLock().lock();
        try {
            segments.put(next.baseSequence(), next);
        } finally {
            segmentLock.writeLock().unlock();
        }
        active = next;
    }

    /** Group commit: one caller forces for everyone waiting; the others wait for a force that covers them. */
    private void awaitDurable(long sequence) throws IOException {
        synchronized (syncMonitor) {
            while (durableSequence < sequence) {
                IOException failed = failure;
                if (failed != null) {
                    throw new IOException("shard log " + dir + " failed to force its data; reopen it", failed);
                }
                if (!syncing) {
                    syncing = true;
                    break;
                }
                try {
                    syncMonitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted waiting for fsync of sequence " + sequence);
                }
            }
            if (durableSequence >= sequence) {
                return;
            }
        }
        long upTo;
        Segment segment;
        synchronized (appendLock) {
            upTo = writtenSequence;
            segment = active;
        }
        boolean forced = false;
        try {
            segmentLock.readLock().lock();
            try {
                segment.force();
            } finally {
                segmentLock.readLock().unlock();
            }
            forces.incrementAndGet();
            forced = true;
        } catch (IOException e) {
            // After a failed fsync the kernel may have dropped the dirty pages, and a retry could "succeed" without
            // them: never acknowledge anything again from this instance; reopening re-reads what is really on disk.
            failure = e;
            throw e;
        } finally {
            synchronized (syncMonitor) {
                if (forced) {
                    durableSequence = Math.max(durableSequence, upTo);
                    visibleSequence = durableSequence;
                }
                syncing = false;
                syncMonitor.notifyAll();
            }
        }
    }

    /**
     * Reads up to {@code maxRecords} acknowledged records starting at {@code fromSequence} (inclusive; pass
     * {@code after + 1} for AFTER_SEQUENCE_NUMBER), stopping before {@code maxBytes} of data would be exceeded but
     * always returning at least one record when one is available. Sequences below {@link #firstSequence()} start
     * at the oldest retained record.
     */
    public List<StoredRecord> read(long fromSequence, int maxRecords, long maxBytes) throws IOException {
        List<StoredRecord> out = new ArrayList<>();
        long visible = visibleSequence;
        long bytes = 0;
        segmentLock.readLock().lock();
        try {
            checkOpen();
            Long start = segments.floorKey(fromSequence);
            Map<Long, Segment> tail = start == null ? segments : segments.tailMap(start, true);
            for (Segment s : tail.values()) {
                long position = s.positionFor(fromSequence);
                long limit = s.size();
                FrameReader reader = s.reader();
                while (position < limit && out.size() < maxRecords) {
                    Frame f = reader.read(position, limit);
                    position = f.end();
                    if (f.sequence() > visible) {
                        return out;
                    }
                    if (f.sequence() < fromSequence) {
                        continue;
                    }
                    if (!out.isEmpty() && bytes + f.data().length > maxBytes) {
                        return out;
                    }
                    bytes += f.data().length;
                    out.add(new StoredRecord(f.sequence(), f.arrivalMillis(), f.partitionKey(), f.data()));
                }
                if (out.size() >= maxRecords) {
                    break;
                }
            }
        } catch (CorruptFrameException e) {
            throw new IOException("shard log damaged while reading: " + e.getMessage(), e);
        } finally {
            segmentLock.readLock().unlock();
        }
        return out;
    }

    /** The first acknowledged sequence that arrived at or after {@code timestampMillis}, else {@link #nextSequence}. */
    public long firstSequenceAtOrAfter(long timestampMillis) throws IOException {
        long visible = visibleSequence;
        segmentLock.readLock().lock();
        try {
            checkOpen();
            for (Segment s : segments.values()) {
                if (s.isEmpty() || s.maxArrival() < timestampMillis) {
                    continue;
                }
                long position = s.positionForArrival(timestampMillis);
                long limit = s.size();
                FrameReader reader = s.reader();
                while (position < limit) {
                    Frame f = reader.read(position, limit);
                    if (f.sequence() > visible) {
                        return visible + 1;
                    }
                    if (f.arrivalMillis() >= timestampMillis) {
                        return f.sequence();
                    }
                    position = f.end();
                }
            }
        } finally {
            segmentLock.readLock().unlock();
        }
        return visible + 1;
    }

    /**
     * Deletes every segment whose records all arrived before {@code timestampMillis} and returns the deleted files.
     * Whole segments only: a segment holding one newer record is kept. The active segment is rolled first when it
     * has expired, so the sequence numbering continues after everything has been trimmed.
     */
    public List<Path> trimBefore(long timestampMillis) throws IOException {
        List<Path> deleted = new ArrayList<>();
        synchronized (appendLock) {
            checkWritable();
            if (!active.isEmpty() && active.maxArrival() < timestampMillis) {
                roll();
            }
            segmentLock.writeLock().lock();
            try {
                for (Segment s : List.copyOf(segments.values())) {
                    if (s == active || s.maxArrival() >= timestampMillis) {
                        break;
                    }
                    segments.remove(s.baseSequence());
                    s.close();
                    Files.delete(s.path());
                    deleted.add(s.path());
                }
            } finally {
                segmentLock.writeLock().unlock();
            }
        }
        return deleted;
    }

    /** Trims the records older than {@code retention} before now, by the injected clock. */
    public List<Path> trimExpired(Duration retention) throws IOException {
        return trimBefore(clock.millis() - retention.toMillis());
    }

    /** The oldest retained sequence (TRIM_HORIZON); equal to {@link #nextSequence()} when the log is empty. */
    public long firstSequence() {
        for (Segment s : segments.values()) {
            if (!s.isEmpty()) {
                return s.baseSequence();
            }
        }
        return visibleSequence + 1;
    }

    /** The sequence the next acknowledged record will have (LATEST). */
    public long nextSequence() {
        return visibleSequence + 1;
    }

    /** What recovery cut when this log was opened; empty after a clean shutdown. */
    public List<Truncation> truncations() {
        return truncations;
    }

    /** How many times the log has forced a segment to disk; lets tests see group commit at work. */
    public long forceCount() {
        return forces.get();
    }

    public int segmentCount() {
        return segments.size();
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("shard log " + dir + " is closed");
        }
    }

    private void checkWritable() throws IOException {
        checkOpen();
        IOException failed = failure;
        if (failed != null) {
            throw new IOException("shard log " + dir + " failed an earlier write; reopen it to recover", failed);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (appendLock) {
            if (closed) {
                return;
            }
            segmentLock.writeLock().lock();
            try {
                closed = true;
                IOException first = null;
                for (Segment s : segments.values()) {
                    try {
                        if (s == active && options.fsyncPolicy() == FsyncPolicy.SYNC_EACH_BATCH) {
                            s.force();
                        }
                        s.close();
                    } catch (IOException e) {
                        if (first == null) {
                            first = e;
                        } else {
                            first.addSuppressed(e);
                        }
                    }
                }
                try {
                    lock.channel().close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
                if (first != null) {
                    throw first;
                }
            } finally {
                segmentLock.writeLock().unlock();
            }
        }
    }
}

package dev.silt.ingest.stream.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One append-only segment file of a shard log and its sparse in-memory index of (sequence, position, arrival
 * time). The shard log serialises appends; reads use positional I/O and the index under this object's monitor.
 */
public final class Segment implements Closeable {
    private final Path path;
    private final long baseSequence;
    private final FileChannel channel;
    private final int indexIntervalBytes;

    /** Bytes of complete, written frames; readers never look past it. */
    private volatile long size;

    private volatile long lastSequence;
    private volatile long minArrival = Long.MAX_VALUE;
    private volatile long maxArrival = Long.MIN_VALUE;
    private volatile boolean closed;

    private long[] indexSequence = new long[16];
    private long[] indexPosition = new long[16];
    private long[] indexArrival = new long[16];
    private int indexCount;
    private long lastIndexedPosition;

    private Segment(Path path, long baseSequence, FileChannel channel, int indexIntervalBytes) {
        this.path = path;
        this.baseSequence = baseSequence;
        this.channel = channel;
        this.indexIntervalBytes = indexIntervalBytes;
        this.lastSequence = baseSequence - 1;
    }

    /** Creates a new, empty segment; its header is forced before this returns. */
    public static Segment create(Path dir, long baseSequence, int indexIntervalBytes) throws IOException {
        Path path = dir.resolve(SegmentFormat.fileName(baseSequence));
        FileChannel channel = FileChannel.open(
                path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Segment segment = new Segment(path, baseSequence, channel, indexIntervalBytes);
        try {
            segment.writeHeader();
            syncDirectory(dir);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return segment;
    }

    /**
     * Opens an existing segment and rebuilds its index by scanning and verifying every frame. In the last segment
     * a torn or corrupt tail is cut off and reported to {@code onTruncate}; anywhere else corruption is an
     * {@link IOException} naming the file and offset, because the records after it were acknowledged.
     */
    public static Segment open(
            Path path,
            long baseSequence,
            boolean last,
            int indexIntervalBytes,
            Consumer<CorruptFrameException> onTruncate)
            throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Segment segment = new Segment(path, baseSequence, channel, indexIntervalBytes);
        try {
            segment.recover(last, onTruncate);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return segment;
    }

    /** Makes a new file's directory entry durable: forcing the file alone does not promise that. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private void writeHeader() throws IOException {
        ByteBuffer header = SegmentFormat.header();
        while (header.hasRemaining()) {
            channel.write(header, header.position());
        }
        channel.force(true);
        size = SegmentFormat.HEADER_BYTES;
    }

    private void recover(boolean last, Consumer<CorruptFrameException> onTruncate) throws IOException {
        long fileSize = channel.size();
        if (fileSize < SegmentFormat.HEADER_BYTES) {
            CorruptFrameException torn = new CorruptFrameException(path, 0, "partial segment header", true);
            if (!last) {
                throw torn;
            }
            channel.truncate(0);
            writeHeader();
            onTruncate.accept(torn);
            return;
        }
        ByteBuffer header = ByteBuffer.allocate(SegmentFormat.HEADER_BYTES);
        while (header.hasRemaining()) {
            channel.read(header, header.position());
        }
        int magic = header.getInt(0);
        int version = header.getInt(4);
        if (magic != SegmentFormat.MAGIC && last && zerosFrom(0, fileSize)) {
            // The file was created but its header never reached the disk: nothing in it was acknowledged.
            channel.truncate(0);
            writeHeader();
            onTruncate.accept(new CorruptFrameException(path, 0, "segment of zeros, header never written", true));
            return;
        }
        if (magic != SegmentFormat.MAGIC) {
            throw new IOException(path + " is not a silt segment file (bad magic)");
        }
        if (version > SegmentFormat.Version.current().number() || version < 1) {
            throw new IOException(path + " has segment format version " + version + "; this silt reads up to "
                    + SegmentFormat.Version.current().number() + " (written by a newer silt?)");
        }
        FrameReader reader = new FrameReader(path, channel);
        long position = SegmentFormat.HEADER_BYTES;
        while (position < fileSize) {
            Frame frame;
            try {
                frame = reader.read(position, fileSize);
                if (frame.sequence() != lastSequence + 1) {
                    throw new CorruptFrameException(
                            path,
                            position,
                            "sequence " + frame.sequence() + " where " + (lastSequence + 1) + " was expected",
                            false);
                }
            } catch (CorruptFrameException e) {
                if (!last || !isTail(e, fileSize)) {
                    throw e;
                }
                channel.truncate(position);
                channel.force(true);
                onTruncate.accept(e);
                break;
            }
            indexed(frame.sequence(), frame.arrivalMillis(), position);
            position = frame.end();
        }
        size = position;
    }

    /**
     * Whether a bad frame is the torn tail of the file. A torn write leaves a partial frame, or a complete-looking
     * frame whose bytes never all reached the disk, followed by nothing but zeros. A bad frame followed by
     * meaningful bytes is damage in the middle of acknowledged data.
     */
    private boolean isTail(CorruptFrameException e, long fileSize) throws IOException {
        if (e.partial()) {
            return true;
        }
        ByteBuffer length = ByteBuffer.allocate(4);
        channel.read(length, e.offset());
        long declaredEnd = e.offset() + SegmentFormat.FRAME_PREFIX_BYTES + length.getInt(0);
        if (declaredEnd <= e.offset() || declaredEnd > fileSize) {
            return true;
        }
        return zerosFrom(declaredEnd, fileSize);
    }

    private boolean zerosFrom(long from, long fileSize) throws IOException {
        ByteBuffer rest = ByteBuffer.allocate(64 * 1024);
        for (long p = from; p < fileSize; ) {
            rest.clear();
            int n = channel.read(rest, p);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (rest.get(i) != 0) {
                    return false;
                }
            }
            p += n;
        }
        return true;
    }

    /** Writes complete frames at the end of the segment; {@link #indexed} must be called for each of them. */
    public void write(ByteBuffer frames) throws IOException {
        long position = size;
        while (frames.hasRemaining()) {
            position += channel.write(frames, position);
        }
        size = position;
    }

    /** Records an appended or recovered frame in the index and the segment's time bounds. */
    public synchronized void indexed(long sequence, long arrivalMillis, long position) {
        if (indexCount == 0 || position - lastIndexedPosition >= indexIntervalBytes) {
            if (indexCount == indexSequence.length) {
                int n = indexCount * 2;
                indexSequence = Arrays.copyOf(indexSequence, n);
                indexPosition = Arrays.copyOf(indexPosition, n);
                indexArrival = Arrays.copyOf(indexArrival, n);
            }
            indexSequence[indexCount] = sequence;
            indexPosition[indexCount] = position;
            indexArrival[indexCount] = arrivalMillis;
            indexCount++;
            lastIndexedPosition = position;
        }
        lastSequence = sequence;
        minArrival = Math.min(minArrival, arrivalMillis);
        maxArrival = Math.max(maxArrival, arrivalMillis);
    }

    /** A position at or before the frame of {@code sequence}, from which a scan finds it. */
    public synchronized long positionFor(long sequence) {
        int i = Arrays.binarySearch(indexSequence, 0, indexCount, sequence);
        if (i < 0) {
            i = -i - 2;
        }
        return i < 0 ? SegmentFormat.HEADER_BYTES : indexPosition[i];
    }

    /** A position at or before the first frame that arrived at or after {@code arrivalMillis}. */
    public synchronized long positionForArrival(long arrivalMillis) {
        // Arrival times never decrease within a shard, so the index is sorted by them too.
        int lo = 0;
        int hi = indexCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (indexArrival[mid] < arrivalMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? SegmentFormat.HEADER_BYTES : indexPosition[lo - 1];
    }

    /**
     * fdatasync: forces the content and the metadata needed to read it back, which includes the grown file length
     * (Linux {@code fdatasync(2)}); the file's times are not worth a second disk write.
     */
    public void force() throws IOException {
        if (!closed) {
            channel.force(false);
        }
    }

    public FrameReader reader() {
        return new FrameReader(path, channel);
    }

    public Path path() {
        return path;
    }

    public long baseSequence() {
        return baseSequence;
    }

    public long lastSequence() {
        return lastSequence;
    }

    public boolean isEmpty() {
        return lastSequence < baseSequence;
    }

    public long size() {
        return size;
    }

    public long minArrival() {
        return minArrival;
    }

    public long maxArrival() {
        return maxArrival;
    }

    /** Entries in the sparse index; for tests and diagnostics. */
    public synchronized int indexEntries() {
        return indexCount;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }
}

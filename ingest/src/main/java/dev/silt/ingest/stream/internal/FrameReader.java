package dev.silt.ingest.stream.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Decodes frames from a segment through a read-ahead window, with positional reads so that several readers and
 * the appender can share one channel. Not thread-safe: each reader makes its own.
 */
public final class FrameReader {
    private static final int WINDOW_BYTES = 64 * 1024;

    private final Path file;
    private final FileChannel channel;
    private ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES);
    private long windowStart;

    public FrameReader(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        window.limit(0);
    }

    /** Decodes the frame at {@code position}; the segment's valid bytes end at {@code limit}. */
    public Frame read(long position, long limit) throws IOException {
        if (limit - position < SegmentFormat.FRAME_PREFIX_BYTES) {
            throw new CorruptFrameException(file, position, "partial frame header", true);
        }
        ByteBuffer b = ensure(position, SegmentFormat.FRAME_PREFIX_BYTES);
        int at = (int) (position - windowStart);
        int length = b.getInt(at);
        int crc = b.getInt(at + 4);
        if (length < SegmentFormat.BODY_FIXED_BYTES || length > SegmentFormat.MAX_BODY_BYTES) {
            throw new CorruptFrameException(file, position, "impossible frame length " + length, false);
        }
        long bodyStart = position + SegmentFormat.FRAME_PREFIX_BYTES;
        if (limit - bodyStart < length) {
            throw new CorruptFrameException(
                    file,
                    position,
                    "partial frame: " + length + " body bytes declared, " + (limit - bodyStart) + " present",
                    true);
        }
        b = ensure(bodyStart, length);
        int body = (int) (bodyStart - windowStart);
        if (SegmentFormat.crc(b, body, length) != crc) {
            throw new CorruptFrameException(file, position, "CRC32C mismatch", false);
        }
        long sequence = b.getLong(body);
        long arrival = b.getLong(body + 8);
        int keyLength = Short.toUnsignedInt(b.getShort(body + 16));
        int dataLength = length - SegmentFormat.BODY_FIXED_BYTES - keyLength;
        if (dataLength < 0) {
            throw new CorruptFrameException(file, position, "partition key longer than its frame", false);
        }
        byte[] key = new byte[keyLength];
        byte[] data = new byte[dataLength];
        ByteBuffer d = b.duplicate();
        d.position(body + SegmentFormat.BODY_FIXED_BYTES);
        d.get(key).get(data);
        return new Frame(
                position,
                SegmentFormat.FRAME_PREFIX_BYTES + length,
                sequence,
                arrival,
                new String(key, StandardCharsets.UTF_8),
                data);
    }

    /** Returns the window, holding at least {@code [position, position + length)}. */
    private ByteBuffer ensure(long position, int length) throws IOException {
        if (position >= windowStart && position + length <= windowStart + window.limit()) {
            return window;
        }
        if (window.capacity() < length) {
            window = ByteBuffer.allocate(Math.max(length, WINDOW_BYTES));
        }
        window.clear();
        windowStart = position;
        while (window.position() < length) {
            int n = channel.read(window, position + window.position());
            if (n < 0) {
                throw new EOFException(file + " ended at " + (position + window.position()));
            }
        }
        window.flip();
        return window;
    }
}

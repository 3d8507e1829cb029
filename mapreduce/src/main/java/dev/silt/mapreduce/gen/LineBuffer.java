package dev.silt.mapreduce.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A growable-free byte buffer that renders ASCII text without going through {@link String}: the generator
 * writes hundreds of millions of small fields and formatting them as strings would dominate its cost.
 *
 * <p>Callers reserve room for one line ({@link #ensure}) before appending; the buffer drains to its stream
 * when it cannot hold the next line. Not thread-safe. The caller closes the stream.
 */
final class LineBuffer {
    /** Longer than any line the generator renders (the longest user agent plus every field). */
    static final int MAX_LINE = 2048;

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private long flushed;

    LineBuffer(OutputStream out, int capacity) {
        if (capacity < MAX_LINE) {
            throw new IllegalArgumentException("capacity " + capacity + " is below one line (" + MAX_LINE + ")");
        }
        this.out = out;
        this.buf = new byte[capacity];
    }

    /** Makes sure one more line fits, draining the buffer to the stream if needed. */
    void ensure() throws IOException {
        if (buf.length - pos < MAX_LINE) {
            flush();
        }
    }

    void flush() throws IOException {
        out.write(buf, 0, pos);
        flushed += pos;
        pos = 0;
    }

    /** Bytes appended so far, flushed or not. */
    long written() {
        return flushed + pos;
    }

    int position() {
        return pos;
    }

    /** Drops everything appended after {@code position} (which must not precede the last flush). */
    void truncate(int position) {
        pos = position;
    }

    LineBuffer put(byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    LineBuffer put(byte[] bytes, int offset, int length) {
        System.arraycopy(bytes, offset, buf, pos, length);
        pos += length;
        return this;
    }

    /** Overwrites one already appended byte. */
    void set(int position, char c) {
        buf[position] = (byte) c;
    }

    LineBuffer put(char c) {
        buf[pos++] = (byte) c;
        return this;
    }

    /** Appends a non-negative number in decimal. */
    LineBuffer putDecimal(long value) {
        if (value < 0) {
            buf[pos++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = DIGITS[(int) (value % 10)];
            value /= 10;
        }
        pos = end;
        return this;
    }

    /** Appends {@code value} as exactly {@code width} decimal digits, zero-padded. */
    LineBuffer putPadded(long value, int width) {
        for (int i = pos + width - 1; i >= pos; i--) {
            buf[i] = DIGITS[(int) (value % 10)];
            value /= 10;
        }
        pos += width;
        return this;
    }

    /** Appends the low 32 bits of {@code value} as 8 lower-case hex digits. */
    LineBuffer putHex8(int value) {
        for (int i = pos + 7; i >= pos; i--) {
            buf[i] = DIGITS[value & 0xf];
            value >>>= 4;
        }
        pos += 8;
        return this;
    }
}

package dev.silt.mapreduce.jobs;

import dev.silt.mapreduce.event.ClickEvent;
import dev.silt.mapreduce.event.Field;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.io.BytesWritable;

/**
 * Encodes a sort key so that comparing the encodings as unsigned bytes (what {@link BytesWritable}'s raw comparator
 * and {@code TotalOrderPartitioner}'s trie do) gives the key order.
 *
 * <ul>
 *   <li>First byte: {@code 0x00} for an absent value, {@code 0x01} for a present one, so absent values come first in
 *       both directions.
 *   <li>Numbers: 8 bytes big-endian with the sign bit flipped, so that signed longs order as unsigned bytes
 *       ({@code Long.MIN_VALUE} → {@code 00…00}, {@code Long.MAX_VALUE} → {@code FF…FF}).
 *   <li>Strings: their UTF-8 bytes with {@code 0x00} escaped as {@code 00 01}, then the terminator {@code 00 00}. The
 *       terminator makes the encoding prefix-free, so a string sorts before its extensions and inverting the bytes
 *       reverses the order exactly.
 *   <li>Descending: every byte after the first is inverted.
 * </ul>
 *
 * Not thread-safe: one instance per task; the returned writable is reused.
 */
public final class OrderedKeyCodec {
    static final byte ABSENT = 0x00;
    static final byte PRESENT = 0x01;

    private final Field field;
    private final boolean descending;
    private final BytesWritable key = new BytesWritable();
    private byte[] buf = new byte[64];

    public OrderedKeyCodec(Field field, boolean descending) {
        this.field = field;
        this.descending = descending;
    }

    /** The encoded key of an event's field. */
    public BytesWritable encode(ClickEvent event) {
        if (field.isNumeric()) {
            return encodeLong(event.getLong(field));
        }
        return encodeString(event.getString(field));
    }

    /** The encoding of a number. */
    public BytesWritable encodeLong(long value) {
        ensure(9);
        buf[0] = PRESENT;
        long v = value ^ Long.MIN_VALUE;
        for (int i = 0; i < 8; i++) {
            buf[1 + i] = (byte) (v >>> (56 - 8 * i));
        }
        return finish(9);
    }

    /** The encoding of a string, or of an absent value when {@code value} is {@code null}. */
    public BytesWritable encodeString(String value) {
        if (value == null) {
            ensure(1);
            buf[0] = ABSENT;
            key.set(buf, 0, 1);
            return key;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(1 + 2 * utf8.length + 2);
        int n = 0;
        buf[n++] = PRESENT;
        for (byte b : utf8) {
            buf[n++] = b;
            if (b == 0) {
                buf[n++] = 0x01;
            }
        }
        buf[n++] = 0;
        buf[n++] = 0;
        return finish(n);
    }

    private BytesWritable finish(int length) {
        if (descending) {
            for (int i = 1; i < length; i++) {
                buf[i] = (byte) ~buf[i];
            }
        }
        key.set(buf, 0, length);
        return key;
    }

    private void ensure(int capacity) {
        if (buf.length < capacity) {
            buf = new byte[Math.max(capacity, 2 * buf.length)];
        }
    }
}

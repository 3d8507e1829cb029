package dev.silt.ingest.stream.internal;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * Every constant of the segment file format, in one place.
 *
 * <pre>
 * segment file = header frame*
 * header       = magic:int32 ("SILT")  version:int32
 * frame        = length:int32  crc:int32  body           (big-endian)
 * body         = sequence:int64  arrivalMillis:int64  keyLength:uint16  key:UTF-8  data:bytes
 * </pre>
 *
 * {@code length} counts the body's bytes; {@code crc} is the CRC32C of the body. A segment is named after the
 * sequence number of its first record, zero-padded to 20 digits, with the suffix {@code .seg}.
 */
public final class SegmentFormat {
    public static final int MAGIC = 0x53494C54;

    /** Versions of the format, named for what changed. A newer version than this code knows is a clear error. */
    public enum Version {
        INITIAL(1);

        private final int number;

        Version(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

        public static Version current() {
            return INITIAL;
        }
    }

    public static final int HEADER_BYTES = 8;
    public static final int FRAME_PREFIX_BYTES = 8;
    public static final int BODY_FIXED_BYTES = 8 + 8 + 2;
    /** A 256-character key is at most 768 UTF-8 bytes (surrogate pairs take 4 bytes for 2 chars). */
    public static final int MAX_KEY_BYTES = 256 * 3;
    /** The largest body any configuration can write: a 10 MiB record plus its key. */
    public static final int MAX_BODY_BYTES = BODY_FIXED_BYTES + MAX_KEY_BYTES + 10 * 1024 * 1024;

    public static final String SUFFIX = ".seg";

    private SegmentFormat() {}

    public static String fileName(long baseSequence) {
        return String.format(Locale.ROOT, "%020d%s", baseSequence, SUFFIX);
    }

    /** The base sequence of a segment file name, or -1 if the name is not a segment's. */
    public static long baseSequenceOf(String fileName) {
        if (!fileName.endsWith(SUFFIX) || fileName.length() != 20 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static ByteBuffer header() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        b.putInt(MAGIC).putInt(Version.current().number()).flip();
        return b;
    }

    public static int frameBytes(int keyBytes, int dataBytes) {
        return FRAME_PREFIX_BYTES + BODY_FIXED_BYTES + keyBytes + dataBytes;
    }

    /** Writes one frame at {@code out}'s position. */
    public static void writeFrame(ByteBuffer out, long sequence, long arrivalMillis, byte[] key, byte[] data) {
        int start = out.position();
        int bodyLength = BODY_FIXED_BYTES + key.length + data.length;
        out.putInt(bodyLength).putInt(0);
        int bodyStart = out.position();
        out.putLong(sequence)
                .putLong(arrivalMillis)
                .putShort((short) key.length)
                .put(key)
                .put(data);
        out.putInt(start + 4, crc(out, bodyStart, bodyLength));
    }

    public static int crc(ByteBuffer buffer, int offset, int length) {
        CRC32C crc = new CRC32C();
        ByteBuffer slice = buffer.duplicate();
        slice.limit(offset + length).position(offset);
        crc.update(slice);
        return (int) crc.getValue();
    }
}

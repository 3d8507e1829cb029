package dev.silt.bench;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The records both systems carry: fixed-size payloads whose first eight bytes are the record's id (big-endian) and
 * whose rest is seeded noise, so that no system gains from compressible data and the read-back can be checked.
 */
final class Payloads {
    static final int ID_BYTES = Long.BYTES;

    private final int size;
    private final byte[] noise;

    Payloads(int size, long seed) {
        if (size < ID_BYTES) {
            throw new IllegalArgumentException("records must hold at least " + ID_BYTES + " bytes, not " + size);
        }
        this.size = size;
        this.noise = new byte[size];
        new SplittableRandom(seed).nextBytes(noise);
    }

    int size() {
        return size;
    }

    /** A new record carrying {@code id}. */
    byte[] record(long id) {
        byte[] b = noise.clone();
        for (int i = 0; i < ID_BYTES; i++) {
            b[i] = (byte) (id >>> (56 - 8 * i));
        }
        return b;
    }

    /** The id a record carries; its buffer position is left as it was. */
    static long id(ByteBuffer record) {
        return record.remaining() < ID_BYTES ? -1 : record.getLong(record.position());
    }

    static long id(byte[] record) {
        return record == null || record.length < ID_BYTES
                ? -1
                : ByteBuffer.wrap(record).getLong();
    }
}

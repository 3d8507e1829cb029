package dev.silt.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The records the delivery benchmark puts: JSON objects of an exact size that carry their id and the wall time of
 * their put, so that a landed file says by itself which records it holds and how late each one arrived.
 *
 * <p>{@code {"id":17,"t":1763880000000,"user":"u17","page":"/p/5","pad":"xx…"}}, padded to the size asked for.
 * The ORC schema below reads them.
 */
final class DeliveryPayloads {
    static final String ORC_SCHEMA = "struct<id:bigint,t:bigint,user:string,page:string,pad:string>";
    private static final int SMALLEST = 80;

    private final int size;
    private final byte[] padding;

    DeliveryPayloads(int size) {
        if (size < SMALLEST) {
            throw new IllegalArgumentException("records must be at least " + SMALLEST + " bytes, got " + size);
        }
        this.size = size;
        this.padding = new byte[size];
        Arrays.fill(padding, (byte) 'x');
    }

    int size() {
        return size;
    }

    /** The record of {@code id} put at {@code putMillis}, exactly {@link #size()} bytes. */
    byte[] record(long id, long putMillis) {
        String head = "{\"id\":" + id + ",\"t\":" + putMillis + ",\"user\":\"u" + (id % 10_007) + "\",\"page\":\"/p/"
                + (id % 97) + "\",\"pad\":\"";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        System.arraycopy(h, 0, out, 0, h.length);
        int pad = size - h.length - 2;
        System.arraycopy(padding, 0, out, h.length, pad);
        out[size - 2] = '"';
        out[size - 1] = '}';
        return out;
    }

    /** Reads {@code "id"} and {@code "t"} back from a landed JSON line: {id, putMillis}. */
    static long[] idAndTime(byte[] line, int from, int to) {
        long id = number(line, from, to, "\"id\":");
        long t = number(line, from, to, "\"t\":");
        return new long[] {id, t};
    }

    private static long number(byte[] line, int from, int to, String field) {
        byte[] f = field.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i + f.length <= to; i++) {
            for (int j = 0; j < f.length; j++) {
                if (line[i + j] != f[j]) {
                    continue outer;
                }
            }
            long v = 0;
            int k = i + f.length;
            if (k >= to || line[k] < '0' || line[k] > '9') {
                break;
            }
            while (k < to && line[k] >= '0' && line[k] <= '9') {
                v = v * 10 + (line[k++] - '0');
            }
            return v;
        }
        throw new IllegalStateException("landed line has no " + field + " number: "
                + new String(line, from, Math.min(to - from, 120), StandardCharsets.UTF_8));
    }
}

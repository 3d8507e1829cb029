package dev.silt.ingest.delivery.internal;

import java.util.Arrays;

/** Line-break rules of newline-delimited output: one record per line, whatever the producer sent. */
public final class Lines {
    private Lines() {}

    /** The record without one trailing {@code \n} or {@code \r\n}, so that a producer's own line end is not doubled. */
    public static byte[] withoutTrailingLineBreak(byte[] data) {
        int end = data.length;
        if (end > 0 && data[end - 1] == '\n') {
            end--;
            if (end > 0 && data[end - 1] == '\r') {
                end--;
            }
        }
        return end == data.length ? data : Arrays.copyOf(data, end);
    }

    /** Whether a line break would split the record over two lines. */
    public static boolean hasLineBreak(byte[] data) {
        for (byte b : data) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }
}

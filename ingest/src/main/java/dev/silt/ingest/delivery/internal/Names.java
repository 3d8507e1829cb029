package dev.silt.ingest.delivery.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Deterministic object and state names. */
public final class Names {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Names() {}

    /**
     * A source partition id made safe for a path element: letters, digits, '_', '.' and '-' stay, every other
     * byte of its UTF-8 form becomes {@code ~XX}. Injective, so two partitions never share a name.
     */
    public static String partition(String partition) {
        StringBuilder out = new StringBuilder();
        for (byte b : partition.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '-'
                    || (c == '.' && out.length() > 0)) {
                out.append(c);
            } else {
                out.append('~').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /**
     * {@code <stream>-<partition>-<yyyy-MM-dd-HH-mm-ss of the oldest arrival>-<first>-<last><extension>}: the
     * delivery stream, the source partition and the sequence range the object holds. Ranges of one partition
     * never overlap, so a name is never reused.
     */
    public static String object(
            String stream, String partition, long oldestArrivalMillis, long first, long last, String extension) {
        return String.format(
                Locale.ROOT,
                "%s-%s-%s-%020d-%020d%s",
                stream,
                partition(partition),
                STAMP.format(Instant.ofEpochMilli(oldestArrivalMillis)),
                first,
                last,
                extension);
    }
}
